/** GET /api/v1/orgs/{org}/generations/{id}/events — a drafting run as Server-Sent Events (replay, then live). */
import { eventResponse, SSE_EVENTS, watchStored } from '@/lib/generation/stream';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { ZGenerationParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZGenerationParam, doc: { summary: 'A drafting run as Server-Sent Events: what was stored so far, then live events.', stream: true, responses: { '200': SSE_EVENTS } } },
  async ({ tx, user, org, params }) => {
    const watch = await watchStored(tx, user, org.id, params.id);
    return afterCommit(async () => eventResponse(watch));
  },
);
