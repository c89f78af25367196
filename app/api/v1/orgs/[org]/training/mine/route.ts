import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { myTrainingTasks } from '@/lib/training/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZOrgParam,
    doc: {
      summary: 'Everything I must read: your open read-and-understood tasks in this organization, overdue first, then by due date.',
      description:
        'Each task: `taskId`, the SOP (`sopId`, `docNumber`, `sopTitle`), the effective version to read (`versionId`, `revision`), `status` pending | overdue (by the database clock), `assignedAt`, `dueAt`, and `href`: the SOP page where you sign it as read and understood. A task leaves the list once you sign, or when you are no longer assigned.',
      responses: { '200': '`{ tasks }`.', '404': 'Not a member, or no such organization.' },
    },
  },
  async ({ tx, org }) => NextResponse.json({ tasks: await myTrainingTasks(tx, org.id) }),
);
