import { NextResponse } from 'next/server';
import { withCeremony } from '@/lib/document-control/ceremony';
import { apiRoute } from '@/lib/http/route';
import { inOrg } from '@/lib/orgs/scope';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { ZAcknowledgeInput } from '@/lib/training/api-schemas';
import { acknowledge, versionToAcknowledge } from '@/lib/training/service';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'Sign this SOP’s effective version as read and understood (password, and authenticator code when enrolled).',
  description:
    'A signing ceremony (21 CFR 11.200) with the meaning `read_understood`: `password` (and `code` when you have an authenticator app) is checked again by the auth server for this signature; it is never stored or echoed. The signature is of the effective version, over the content hash its approval signed, and completes your open read-and-understood task for the SOP.',
  responses: {
    '201': '`{ acknowledgement: { signatureId, versionId, revision, acknowledgedAt, signerName, authMethod } }`.',
    '400': 'Invalid input (the message names the field).',
    '401': 'Wrong or missing password or code: nothing was signed, the failure is counted; `error.needs` says which factor (`password` | `totp`).',
    '404': 'No such SOP in this organization.',
    '409': 'Nothing to acknowledge: you are not assigned, you already read this revision, or the SOP has no effective version.',
    '422': 'No full name on your profile.',
    '423': 'Signing is locked after repeated failures; `error.lockedUntil` and Retry-After say until when.',
    '429': 'Too many signing attempts; Retry-After.',
  },
};

// apiRoute, not orgRoute: the ceremony opens its own short transactions around the auth server's check.
export const POST = apiRoute({ params: ZSopParam, body: ZAcknowledgeInput, doc: DOC }, async ({ user, params, body }) => {
  const effective = await inOrg(user, params.org, 'sops.read', ({ tx, org }) => versionToAcknowledge(tx, { orgId: org.id, sopId: params.id }));
  const acknowledgement = await withCeremony({ user, orgSlug: params.org, sopId: params.id, versionId: effective.versionId, ...body }, 'read_understood', (tx, ref) => acknowledge(tx, ref));
  return NextResponse.json({ acknowledgement }, { status: 201 });
});
