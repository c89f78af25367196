/**
 * POST /api/v1/orgs/{org}/sops/generate — draft a new SOP (Claude, or the offline drafter)
 * and stream its progress as Server-Sent Events: `generation`, `redactions`, one `section`
 * per finished section, `citations_removed`, then `done { sopId, versionId }` or
 * `error { code, message }`. The run does not depend on this connection: closing it loses
 * nothing (GET …/generations/{id}/events picks it up again).
 */
import { withUser } from '@/lib/db';
import { generationEventStream, sseHeaders } from '@/lib/ai/generation-stream';
import { startDraft } from '@/lib/ai/generation-runner';
import { apiRoute, enforceRateLimit } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { requireOrg } from '@/lib/orgs/service';
import { ZGenerateInput } from '@/lib/sops/api-schemas';
import { DRAFT_PER_ORG, DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZOrgParam, body: ZGenerateInput, rateLimit: DRAFT_PER_USER }, async ({ user, params, body }) => {
  const org = await withUser(user.claims, (tx) => requireOrg(tx, user.id, params.org));
  await enforceRateLimit(DRAFT_PER_ORG, org.id);
  const generation = await startDraft(user, params.org, body);
  const stream = await generationEventStream(user, org.id, generation.id);
  return new Response(stream, {
    status: 200,
    headers: { ...sseHeaders(), 'X-Generation-Id': generation.id, 'X-Sop-Id': generation.sopId },
  });
});
