/**
 * POST /api/v1/orgs/{org}/sops/{id}/improve — rewrite one section with Claude following an
 * instruction; streamed like generate. The result is saved as a new version.
 */
import { withUser } from '@/lib/db';
import { generationEventStream, sseHeaders } from '@/lib/ai/generation-stream';
import { startImprove } from '@/lib/ai/generation-runner';
import { apiRoute, enforceRateLimit } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZImproveInput, ZSopParam } from '@/lib/sops/api-schemas';
import { DRAFT_PER_ORG, DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZSopParam, body: ZImproveInput, rateLimit: DRAFT_PER_USER }, async ({ user, params, body }) => {
  const org = await withUser(user.claims, (tx) => requireOrg(tx, user.id, params.org));
  await enforceRateLimit(DRAFT_PER_ORG, org.id);
  const generation = await startImprove(user, params.org, params.id, body);
  const stream = await generationEventStream(user, org.id, generation.id);
  return new Response(stream, { status: 200, headers: { ...sseHeaders(), 'X-Generation-Id': generation.id } });
});
