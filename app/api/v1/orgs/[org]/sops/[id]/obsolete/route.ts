import { NextResponse } from 'next/server';
import { ZReasonInput } from '@/lib/document-control/api-schemas';
import { obsoleteSop } from '@/lib/document-control/service';
import { orgRoute } from '@/lib/http/route';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { requireSop } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'Make an SOP obsolete (owners and admins: sops.control), with its effective version if it has one.',
  description: 'Final: an obsolete SOP stays readable, is out of the default list and takes no new submission. Nothing may be in review or approved.',
  responses: {
    '200': '`{ sop }` with status `obsolete`.',
    '400': 'Invalid input (the message names the field).',
    '403': 'Only an owner or an admin can make a SOP obsolete.',
    '404': 'No such SOP in this organization.',
    '409': 'Already obsolete, or a version is in review or approved.',
  },
};

// sops.control is checked by private.obsolete_sop, whose refusal says who may.
export const POST = orgRoute({ params: ZSopParam, body: ZReasonInput, rateLimit: SOP_WRITE_PER_USER, doc: DOC }, async ({ tx, org, params, body }) => {
  await obsoleteSop(tx, { orgId: org.id, sopId: params.id, reason: body.reason });
  return NextResponse.json({ sop: await requireSop(tx, org.id, params.id) });
});
