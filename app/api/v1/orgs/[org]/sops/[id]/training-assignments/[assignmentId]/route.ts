import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { removeAssignment, ZAssignmentParam } from '@/lib/training/assignments';

export const dynamic = 'force-dynamic';

export const DELETE = orgRoute(
  {
    params: ZAssignmentParam,
    permission: 'sops.control',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Remove an assignment. Open read-and-understood tasks of people it no longer covers are closed (their past acknowledgements stay in the record).',
      responses: { '204': 'Removed.', '403': 'Only owners and admins assign training.', '404': 'No such SOP or assignment in this organization.' },
    },
  },
  async ({ tx, org, params }) => {
    await removeAssignment(tx, { orgId: org.id, sopId: params.id, assignmentId: params.assignmentId });
    return new NextResponse(null, { status: 204 });
  },
);
