import { NextResponse } from 'next/server';
import { myPendingTasks } from '@/lib/document-control/service';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'My tasks: your review and approval tasks waiting in this organization, oldest first.',
  description:
    'Each task: `taskId`, `step` (review | approval), `assignedAt`; the SOP (`sopId`, `sopTitle`, `docNumber`); the version (`versionId`, `versionLabel` as saved, e.g. 0.3) and the revision it will be once approved (`revisionKind` major | minor, `resultingRevision`, e.g. 2.0); the round (`round`, `changeReason`, `submittedBy` { id, name as signed }, `submittedAt`, `effectiveFrom`: the requested effective date or null for on approval); `href`: the page where the version is read, compared with the effective version and signed. A task leaves the list once you sign it (or reject), or when the version is withdrawn or rejected.',
  responses: { '200': '`{ tasks }`.', '404': 'Not a member, or no such organization.' },
};

export const GET = orgRoute({ params: ZOrgParam, doc: DOC }, async ({ tx, org }) => NextResponse.json({ tasks: await myPendingTasks(tx, org.id) }));
