import { NextResponse } from 'next/server';
import { historyOf, lifecycleOf, signaturesOf } from '@/lib/document-control/service';
import { orgRoute } from '@/lib/http/route';
import { ZVersionParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: "A version's document-control state: revision label, current routing round, history of transitions and its signatures.",
  description:
    '`{ lifecycle, history, signatures }`. `lifecycle.round` (null before the first submission) holds the reviewers and approvers as `tasks`, the approval rule and N. Each signature carries the printed name and email as signed, the meaning, the UTC time, the content hash, and `valid`: whether that hash still matches the version as stored now.',
  responses: { '200': '`{ lifecycle, history, signatures }`.', '404': 'No such version of this SOP in this organization.' },
};

export const GET = orgRoute({ params: ZVersionParam, doc: DOC }, async ({ tx, org, params }) => {
  const ref = { orgId: org.id, sopId: params.id, versionId: params.versionId };
  return NextResponse.json({ lifecycle: await lifecycleOf(tx, ref), history: await historyOf(tx, ref), signatures: await signaturesOf(tx, ref) });
});
