/** GET /api/v1/orgs/{org}/generations/{id}/events — a drafting run as Server-Sent Events (replay, then live). */
import { withUser } from '@/lib/db';
import { generationEventStream, sseHeaders } from '@/lib/ai/generation-stream';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZGenerationParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZGenerationParam }, async ({ user, params }) => {
  const org = await withUser(user.claims, (tx) => requireOrg(tx, user.id, params.org));
  return new Response(await generationEventStream(user, org.id, params.id), { headers: sseHeaders() });
});
