/**
 * POST /api/v1/orgs/{org}/sops/{id}/improve — rewrite one section with Claude following an
 * instruction; streamed like generate. The result is saved as a new version.
 */
import { startImprove } from '@/lib/generation/start';
import { SSE_EVENTS, streamAfterCommit } from '@/lib/generation/stream';
import { orgRoute } from '@/lib/http/route';
import { ZImproveInput, ZSopParam } from '@/lib/sops/api-schemas';
import { DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZSopParam,
    body: ZImproveInput,
    rateLimit: DRAFT_PER_USER,
    doc: { summary: 'Rewrite one section with Claude following an instruction, streamed; saved as a new version.', stream: true, responses: { '200': SSE_EVENTS, '422': 'AI processing is off or unavailable.' } },
  },
  async ({ tx, user, org, params, body }) => streamAfterCommit(await startImprove(tx, user, org, params.id, body)),
);
