import { NextResponse } from 'next/server';
import { makeVersionEffective } from '@/lib/document-control/service';
import { orgRoute } from '@/lib/http/route';
import { ZVersionParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'Make an approved version effective now (owners and admins: sops.control); the previous effective version is superseded.',
  description: 'A version approved with a future effective date is refused until that date (the scheduled job makes it effective then).',
  responses: {
    '200': '`{ lifecycle }` in state `effective`.',
    '403': 'Only an owner or an admin can make a version effective.',
    '404': 'No such version of this SOP in this organization.',
    '409': 'The version is not approved, or its effective date has not come.',
  },
};

// sops.control is checked by private.make_version_effective, whose refusal says who may.
export const POST = orgRoute({ params: ZVersionParam, rateLimit: SOP_WRITE_PER_USER, doc: DOC }, async ({ tx, org, params }) =>
  NextResponse.json({ lifecycle: await makeVersionEffective(tx, { orgId: org.id, sopId: params.id, versionId: params.versionId }) }),
);
