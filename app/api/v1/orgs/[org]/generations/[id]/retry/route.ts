/** POST /api/v1/orgs/{org}/generations/{id}/retry — draft a stopped run's SOP again from the same input (SSE, like generate). */
import { startRetry } from '@/lib/generation/start';
import { SSE_EVENTS, streamAfterCommit } from '@/lib/generation/stream';
import { orgRoute } from '@/lib/http/route';
import { ZGenerationParam } from '@/lib/sops/api-schemas';
import { DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  { params: ZGenerationParam, rateLimit: DRAFT_PER_USER, doc: { summary: 'Draft a stopped run’s SOP again from the same input, streamed.', stream: true, responses: { '200': SSE_EVENTS } } },
  async ({ tx, user, org, params }) => streamAfterCommit(await startRetry(tx, user, org, params.id)),
);
