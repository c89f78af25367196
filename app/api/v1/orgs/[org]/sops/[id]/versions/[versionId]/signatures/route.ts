import { NextResponse } from 'next/server';
import { ZSignInput } from '@/lib/document-control/api-schemas';
import { signWithCeremony } from '@/lib/document-control/ceremony';
import { signaturesOf } from '@/lib/document-control/service';
import { sendSignatureEmails } from '@/lib/document-control/task-emails';
import { apiRoute, orgRoute } from '@/lib/http/route';
import { ZVersionParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

const GET_DOC = {
  summary: "A version's electronic signatures, oldest first, each with `valid`.",
  description:
    'Each signature: printed name and email as signed, meaning (authored | reviewed | approved | rejected), comment, UTC time from the database clock, the SHA-256 of the canonical content signed, how the signer re-authenticated, and `valid`: whether that hash still matches the version as stored now (21 CFR 11.50, 11.70).',
  responses: { '200': '`{ signatures }`.', '404': 'No such version of this SOP in this organization.' },
};

export const GET = orgRoute({ params: ZVersionParam, doc: GET_DOC }, async ({ tx, org, params }) =>
  NextResponse.json({ signatures: await signaturesOf(tx, { orgId: org.id, sopId: params.id, versionId: params.versionId }) }),
);

const POST_DOC = {
  summary: 'Sign a version as reviewed or approved, or reject it with a comment (password, and authenticator code when enrolled).',
  description:
    'A signing ceremony (21 CFR 11.200): `password` (and `code` when you have an authenticator app) is checked again by the auth server for this signature, even inside a live session; it is never stored or echoed. Only an assignee of the current step signs: reviewers while in review, approvers while in approval; `rejected` needs a `comment`. The last review opens approval (approvers are emailed); the last required approval makes the version approved, and effective unless its effective date is in the future. A rejection emails the submitter.',
  responses: {
    '201': '`{ signature, lifecycle }`.',
    '400': 'Invalid input (the message names the field).',
    '401': 'Wrong or missing password or code: nothing was signed, the failure is counted; `error.needs` says which factor (`password` | `totp`).',
    '403': 'Your role cannot review or approve SOPs, or you are not asked to sign this step.',
    '404': 'No such version of this SOP in this organization.',
    '409': 'Not at this step (e.g. approval before review), or you already signed it.',
    '422': 'A rejection without a comment, or no full name on your profile.',
    '423': 'Signing is locked after repeated failures; `error.lockedUntil` and Retry-After say until when.',
    '429': 'Too many signing attempts; Retry-After.',
  },
};

// apiRoute, not orgRoute: the ceremony opens its own short transactions around the auth server's check.
export const POST = apiRoute({ params: ZVersionParam, body: ZSignInput, doc: POST_DOC }, async ({ user, params, body }) => {
  const signed = await signWithCeremony({ user, orgSlug: params.org, sopId: params.id, versionId: params.versionId, ...body });
  await sendSignatureEmails(user, params.org, signed);
  return NextResponse.json(signed, { status: 201 });
});
