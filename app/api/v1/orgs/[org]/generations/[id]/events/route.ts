/** GET /api/v1/orgs/{org}/generations/{id}/events — a drafting run as Server-Sent Events (replay, then live). */
import { eventResponse, watchStored } from '@/lib/generation/stream';
import { apiRoute } from '@/lib/http/route';
import { afterCommit, inOrg } from '@/lib/orgs/scope';
import { ZGenerationParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZGenerationParam }, async ({ user, params }) =>
  inOrg(user, params.org, undefined, async ({ tx, org }) => {
    const watch = await watchStored(tx, user, org.id, params.id);
    return afterCommit(async () => eventResponse(watch));
  }),
);
