import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { addAssignment, listAssignments, ZAssignmentInput } from '@/lib/training/assignments';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZSopParam,
    permission: 'sops.read',
    doc: {
      summary: 'Who must read this SOP: people, roles and departments (read-and-understood training).',
      responses: {
        '200': '`{ assignments: [{ id, sopId, kind: "person" | "role" | "department", userId, personName, role, department, createdAt }] }`.',
        '404': 'No such SOP in this organization.',
      },
    },
  },
  async ({ tx, org, params }) => NextResponse.json({ assignments: await listAssignments(tx, { orgId: org.id, sopId: params.id }) }),
);

export const POST = orgRoute(
  {
    params: ZSopParam,
    body: ZAssignmentInput,
    permission: 'sops.control',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary:
        'Assign this SOP to a person (`{ kind: "person", userId }`), a role (`{ kind: "role", role }`) or a department (`{ kind: "department", department }`). Everyone it matches now, and every member who matches later, gets a read-and-understood task for the effective revision.',
      responses: {
        '201': '`{ assignment }`.',
        '400': 'Invalid input (the message names the field).',
        '403': 'Only owners and admins assign training.',
        '404': 'No such SOP in this organization.',
        '409': 'That assignment already exists.',
        '422': 'The person is not a member of this organization.',
      },
    },
  },
  async ({ tx, org, params, body }) => NextResponse.json({ assignment: await addAssignment(tx, { orgId: org.id, sopId: params.id }, body) }, { status: 201 }),
);
