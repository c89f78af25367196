import { NextResponse } from 'next/server';
import { ZSubmitInput } from '@/lib/document-control/api-schemas';
import { submitWithCeremony } from '@/lib/document-control/ceremony';
import { sendSubmissionEmails } from '@/lib/document-control/task-emails';
import { apiRoute } from '@/lib/http/route';
import { ZVersionParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'Submit a version for review and approval, signed "authored" by you (password, and authenticator code when enrolled).',
  description:
    'A signing ceremony (21 CFR 11.200): `password` (and `code` when you have an authenticator app) is checked again by the auth server for this signature, even inside a live session; it is never stored or echoed. Reviewers and approvers are members whose role may approve SOPs (owner, admin, approver); the author cannot review and can never be the only approver. `revisionKind` major makes 1.0 → 2.0, minor 1.0 → 1.1 (the label is given on approval). `approvalRule` all (default) or any with `approvalsRequired` N. `effectiveFrom`: when the approved version becomes effective (absent: on approval). Each reviewer (or, with no reviewers, each approver) is emailed a link to the version.',
  responses: {
    '200': '`{ lifecycle }` in state `in_review` (or `in_approval` with no reviewers).',
    '400': 'Invalid input (the message names the field).',
    '401': 'Wrong or missing password or code: nothing was submitted, the failure is counted; `error.needs` says which factor (`password` | `totp`).',
    '403': 'Your role cannot submit SOPs.',
    '404': 'No such version of this SOP in this organization.',
    '409': 'The version is not a draft or withdrawn, another version is in flight, or the SOP is obsolete.',
    '422': 'Invalid routing (e.g. the author as only approver), or no full name on your profile.',
    '423': 'Signing is locked after repeated failures; `error.lockedUntil` and Retry-After say until when.',
    '429': 'Too many signing attempts; Retry-After.',
  },
};

// apiRoute, not orgRoute: the ceremony opens its own short transactions around the auth server's check.
export const POST = apiRoute({ params: ZVersionParam, body: ZSubmitInput, doc: DOC }, async ({ user, params, body }) => {
  const lifecycle = await submitWithCeremony({ user, orgSlug: params.org, sopId: params.id, versionId: params.versionId, ...body });
  await sendSubmissionEmails(user, params.org, lifecycle);
  return NextResponse.json({ lifecycle });
});
