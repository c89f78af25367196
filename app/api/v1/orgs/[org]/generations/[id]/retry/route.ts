/** POST /api/v1/orgs/{org}/generations/{id}/retry — draft a stopped run's SOP again from the same input (SSE, like generate). */
import { withUser } from '@/lib/db';
import { generationEventStream, sseHeaders } from '@/lib/ai/generation-stream';
import { startRetry } from '@/lib/ai/generation-runner';
import { apiRoute, enforceRateLimit } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZGenerationParam } from '@/lib/sops/api-schemas';
import { DRAFT_PER_ORG, DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZGenerationParam, rateLimit: DRAFT_PER_USER }, async ({ user, params }) => {
  const org = await withUser(user.claims, (tx) => requireOrg(tx, user.id, params.org));
  await enforceRateLimit(DRAFT_PER_ORG, org.id);
  const generation = await startRetry(user, params.org, params.id);
  return new Response(await generationEventStream(user, org.id, generation.id), { headers: { ...sseHeaders(), 'X-Generation-Id': generation.id } });
});
