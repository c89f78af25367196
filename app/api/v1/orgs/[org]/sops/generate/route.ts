/**
 * POST /api/v1/orgs/{org}/sops/generate — draft a new SOP (Claude, or the offline drafter)
 * and stream its progress as Server-Sent Events: `generation`, `redactions`, one `section`
 * per finished section, `citations_removed`, then `done { sopId, versionId }` or
 * `error { code, message }`. The run does not depend on this connection: closing it loses
 * nothing (GET …/generations/{id}/events picks it up again). One transaction resolves the
 * organization and records the run; the model is called after it committed.
 */
import { startDraft } from '@/lib/generation/start';
import { SSE_EVENTS, streamAfterCommit } from '@/lib/generation/stream';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { ZGenerateInput } from '@/lib/sops/api-schemas';
import { DRAFT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZOrgParam,
    body: ZGenerateInput,
    rateLimit: DRAFT_PER_USER,
    doc: {
      summary: 'Draft a new SOP with Claude (or the offline drafter), streamed.',
      description: `Personal data and the organization's sensitive terms are redacted before anything is sent to the model; citations outside the regulation library are removed. The run continues if the connection closes. ${SSE_EVENTS}`,
      stream: true,
      responses: { '200': SSE_EVENTS, '403': 'Your role cannot draft SOPs.', '429': 'Rate limited (Retry-After).' },
    },
  },
  async ({ tx, user, org, body }) => streamAfterCommit(await startDraft(tx, user, org, body)),
);
