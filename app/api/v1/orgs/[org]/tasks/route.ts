import { NextResponse } from 'next/server';
import { myPendingTasks } from '@/lib/document-control/service';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZOrgParam,
    doc: { summary: 'My tasks: your review and approval tasks waiting in this organization, oldest first.', responses: { '200': '`{ tasks }`: task, SOP and version ids, step (review | approval), when assigned.', '404': 'Not a member, or no such organization.' } },
  },
  async ({ tx, org }) => NextResponse.json({ tasks: await myPendingTasks(tx, org.id) }),
);
