/**
 * Who must read a SOP (public.training_assignments): a person, everyone with a role, or
 * everyone in a department (memberships.department, compared without case and outer spaces).
 * Members read them; owners and admins (sops.control) add and remove them, by RLS. Each
 * change is audited, and the database brings the training tasks in line in the same
 * transaction (private.training_sync): adding one gives every newly matching member a task for
 * the effective revision; removing one closes the open tasks of those no longer assigned.
 */
import { z } from 'zod';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { assertCan } from '@/lib/orgs/service';
import { ROLES } from '@/lib/orgs/permissions';
import { zText } from '@/lib/security/sanitize';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { requireSop } from '@/lib/sops/service';

export const ZAssignmentInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), userId: z.uuid('userId must be a UUID.') }).strict(),
  z.object({ kind: z.literal('role'), role: z.enum(ROLES) }).strict(),
  z.object({ kind: z.literal('department'), department: zText().trim().min(1, 'Enter a department.').max(120, 'Use at most 120 characters for the department.') }).strict(),
]);
export type AssignmentInput = z.infer<typeof ZAssignmentInput>;
export const ZAssignmentParam = ZSopParam.extend({ assignmentId: z.uuid('assignmentId must be a UUID.') });

export interface Assignment {
  id: string;
  sopId: string;
  kind: AssignmentInput['kind'];
  userId: string | null;
  /** The person's name (or email) for a person assignment. */
  personName: string | null;
  role: (typeof ROLES)[number] | null;
  department: string | null;
  createdAt: string;
}

type Row = { id: string; sop_id: string; kind: Assignment['kind']; user_id: string | null; person_name: string | null; role: Assignment['role']; department: string | null; created_at: Date };

const SELECT = `select a.id, a.sop_id, a.kind, a.user_id, a.role, a.department, a.created_at,
         case when a.user_id is not null then coalesce(nullif(p.full_name, ''), p.email, 'Former member') end as person_name
    from public.training_assignments a left join public.profiles p on p.id = a.user_id`;

const toAssignment = (r: Row): Assignment => ({
  id: r.id,
  sopId: r.sop_id,
  kind: r.kind,
  userId: r.user_id,
  personName: r.person_name,
  role: r.role,
  department: r.department,
  createdAt: isoTime(r.created_at)!,
});

const CANNOT = 'Only owners and admins can choose who must read a SOP.';

/** The SOP's assignments: people first (by name), then roles, then departments. */
export async function listAssignments(tx: Tx, ref: { orgId: string; sopId: string }): Promise<Assignment[]> {
  await requireSop(tx, ref.orgId, ref.sopId);
  const rows = await tx.query<Row>(
    `${SELECT} where a.org_id = $1 and a.sop_id = $2
      order by case a.kind when 'person' then 0 when 'role' then 1 else 2 end, lower(coalesce(p.full_name, p.email, a.role::text, a.department)), a.created_at`,
    [ref.orgId, ref.sopId],
  );
  return rows.map(toAssignment);
}

/** Add an assignment (sops.control). 409 when the same one exists, 422 for a person who is not a member. */
export async function addAssignment(tx: Tx, ref: { orgId: string; sopId: string }, input: AssignmentInput): Promise<Assignment> {
  await requireSop(tx, ref.orgId, ref.sopId);
  await assertCan(tx, ref.orgId, 'sops.control', CANNOT);
  try {
    const [row] = await tx.query<{ id: string }>(
      'insert into public.training_assignments (sop_id, kind, user_id, role, department) values ($1, $2, $3, $4, $5) returning id',
      [ref.sopId, input.kind, input.kind === 'person' ? input.userId : null, input.kind === 'role' ? input.role : null, input.kind === 'department' ? input.department : null],
    );
    const [created] = await tx.query<Row>(`${SELECT} where a.id = $1`, [row!.id]);
    return toAssignment(created!);
  } catch (err) {
    throw databaseError(err, {
      '23505': new AppError('conflict', 'That assignment already exists for this SOP.'),
      DC422: new AppError('unprocessable', 'Assign people who are members of this organization.'),
      '42501': new AppError('forbidden', CANNOT),
    });
  }
}

/** Remove an assignment (sops.control); 404 when it is not this SOP's. */
export async function removeAssignment(tx: Tx, ref: { orgId: string; sopId: string; assignmentId: string }): Promise<void> {
  await requireSop(tx, ref.orgId, ref.sopId);
  await assertCan(tx, ref.orgId, 'sops.control', CANNOT);
  const rows = await tx.query('delete from public.training_assignments where id = $1 and org_id = $2 and sop_id = $3 returning id', [ref.assignmentId, ref.orgId, ref.sopId]);
  if (rows.length === 0) throw new AppError('not_found', 'No such assignment for this SOP.');
}
