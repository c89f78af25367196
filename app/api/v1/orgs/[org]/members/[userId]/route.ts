import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZMemberParam, ZMemberUpdate } from '@/lib/orgs/api-schemas';
import { changeRole, listMembers, removeMember, setMemberDepartment } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

// No declared permission: anyone may leave; removeMember refuses removing someone else without members.manage.
export const DELETE = orgRoute(
  { params: ZMemberParam, doc: { summary: 'Remove a member (owners and admins), or leave.', responses: { '204': 'Removed.', '403': 'Not allowed.', '404': 'Not found.' } } },
  async ({ tx, org, params }) => {
    await removeMember(tx, org.id, params.userId);
    return new Response(null, { status: 204 });
  },
);

export const PATCH = orgRoute(
  {
    params: ZMemberParam,
    body: ZMemberUpdate,
    permission: 'members.manage',
    doc: {
      summary: "Change a member's role and/or department (owners and admins).",
      description:
        '`role` (only an owner grants, changes or removes ownership; the last owner cannot be demoted) and/or `department` (free text, at most 120 characters, `""` for none; an owner\'s too). Department and role decide read-and-understood training assignments: the member gets tasks for the SOPs now assigned to them and their open tasks for SOPs no longer assigned are closed. Audited as `member.role_changed`.',
      responses: {
        '200': '`{ member: { userId, email, fullName, role, department, joinedAt } }`.',
        '400': 'Invalid input (the message names the field).',
        '403': 'Only owners and admins manage members; only an owner changes ownership.',
        '404': 'No such member in this organization.',
        '409': 'The last owner cannot be demoted.',
      },
    },
  },
  async ({ tx, org, params, body }) => {
    if (body.role !== undefined) await changeRole(tx, org.id, params.userId, body.role);
    if (body.department !== undefined) await setMemberDepartment(tx, org.id, params.userId, body.department);
    const member = (await listMembers(tx, org.id)).find((m) => m.userId === params.userId);
    return NextResponse.json({ member });
  },
);
