import { NextResponse } from 'next/server';
import { withCeremony } from '@/lib/document-control/ceremony';
import { apiRoute, orgRoute } from '@/lib/http/route';
import { inOrg } from '@/lib/orgs/scope';
import { ZPeriodicReviewInput } from '@/lib/review/api-schemas';
import { confirmPeriodicReview, effectiveVersionToReview, periodicReviewsOf, reviewScheduleOf } from '@/lib/review/service';
import { ZSopParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

const GET_DOC = {
  summary: 'The SOP’s periodic-review schedule and every signed “reviewed, no change”, newest first.',
  description:
    '`schedule`: the interval in force (`intervalMonths`, null when exempt), the SOP’s own interval or null for the organization’s default, `exemptReason`, the effective version and when it became effective, the last review, `nextReviewAt` and its UTC `dueDate`, `daysLeft` and `state` (not_due | due_soon | overdue; null when not scheduled), all from the database clock. `reviews`: printed name and email as signed, UTC time, comment, the revision reviewed and the next review date it set.',
  responses: { '200': '`{ schedule, reviews }`.', '404': 'No such SOP in this organization.' },
};

export const GET = orgRoute({ params: ZSopParam, doc: GET_DOC }, async ({ tx, org, params }) => {
  const ref = { orgId: org.id, sopId: params.id };
  return NextResponse.json({ schedule: await reviewScheduleOf(tx, ref), reviews: await periodicReviewsOf(tx, ref) });
});

const POST_DOC = {
  summary: 'Sign the periodic review of the effective version as “Reviewed, no change” (password, and authenticator code when enrolled).',
  description:
    'A signing ceremony (21 CFR 11.200): `password` (and `code` with an authenticator app) is checked again by the auth server for this signature; it is never stored or echoed. The SOP’s owner, an owner or an admin signs the effective version over the content its approval signed; no new version is made and the next review is due one interval from now. Audited as signature.signed (reviewed_no_change) and sop.periodic_review_signed.',
  responses: {
    '201': '`{ review, schedule }`.',
    '400': 'Invalid input (the message names the field).',
    '401': 'Wrong or missing password or code: nothing was signed, the failure is counted; `error.needs` says which factor.',
    '403': 'Only the SOP’s owner, an owner or an admin can sign its periodic review.',
    '404': 'No such SOP in this organization.',
    '409': 'The SOP has no effective version, is exempt from periodic review, or its effective version changed meanwhile.',
    '422': 'No full name on your profile.',
    '423': 'Signing is locked after repeated failures; `error.lockedUntil` and Retry-After say until when.',
    '429': 'Too many signing attempts; Retry-After.',
  },
};

// apiRoute, not orgRoute: the ceremony opens its own short transactions around the auth server's check.
export const POST = apiRoute({ params: ZSopParam, body: ZPeriodicReviewInput, doc: POST_DOC }, async ({ user, params, body }) => {
  const versionId = await inOrg(user, params.org, undefined, ({ tx, org }) => effectiveVersionToReview(tx, { orgId: org.id, sopId: params.id }));
  const signed = await withCeremony({ user, orgSlug: params.org, sopId: params.id, versionId, password: body.password, code: body.code }, 'reviewed_no_change', (tx, ref) =>
    confirmPeriodicReview(tx, { ...ref, comment: body.comment }),
  );
  return NextResponse.json(signed, { status: 201 });
});
