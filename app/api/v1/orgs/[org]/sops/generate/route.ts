/**
 * POST /api/v1/orgs/{org}/sops/generate — draft a new SOP (Claude, or the offline drafter)
 * and stream its progress as Server-Sent Events: `generation`, `redactions`, one `section`
 * per finished section, `citations_removed`, then `done { sopId, versionId }` or
 * `error { code, message }`. The run does not depend on this connection: closing it loses
 * nothing (GET …/generations/{id}/events picks it up again). One transaction resolves the
 * organization and records the run; the model is called after it committed.
 */
import { startDraft } from '@/lib/generation/start';
import { streamAfterCommit } from '@/lib/generation/stream';
import { apiRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { inOrg } from '@/lib/orgs/scope';
import { ZGenerateInput } from '@/lib/sops/api-schemas';
import { DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZOrgParam, body: ZGenerateInput, rateLimit: DRAFT_PER_USER }, async ({ user, params, body }) =>
  inOrg(user, params.org, undefined, async ({ tx, org }) => streamAfterCommit(await startDraft(tx, user, org, body))),
);
