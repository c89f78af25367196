import { NextResponse } from 'next/server';
import { ZReasonInput } from '@/lib/document-control/api-schemas';
import { withdrawVersion } from '@/lib/document-control/service';
import { orgRoute } from '@/lib/http/route';
import { ZVersionParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'Withdraw a version from review, approval or approved-not-yet-effective, back to draft.',
  description: 'The submitter, an owner or an admin may withdraw; the reason goes into the history and the audit trail. The database decides who and when; its refusal is passed on as it is.',
  responses: {
    '200': '`{ lifecycle }` in state `withdrawn`.',
    '400': 'Invalid input (the message names the field).',
    '403': 'Your role, or not being the submitter, does not allow it.',
    '404': 'No such version of this SOP in this organization.',
    '409': 'The version is not in review, in approval or approved.',
  },
};

// No declared permission: private.withdraw_version checks role and submitter and says which refused.
export const POST = orgRoute({ params: ZVersionParam, body: ZReasonInput, rateLimit: SOP_WRITE_PER_USER, doc: DOC }, async ({ tx, org, params, body }) =>
  NextResponse.json({ lifecycle: await withdrawVersion(tx, { orgId: org.id, sopId: params.id, versionId: params.versionId, reason: body.reason }) }),
);
