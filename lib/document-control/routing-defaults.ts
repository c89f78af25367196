/**
 * Review and approval defaults per department (public.routing_defaults): the reviewers and
 * approvers the submit form pre-selects for an SOP of that department, falling back to the
 * entry for any department (''). They are suggestions: private.submit_version() checks every
 * person's role when a version is submitted, and the form only pre-selects people it offers
 * (current members whose role may approve). Writing them needs sops.control (RLS decides).
 */
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { roleCan } from '@/lib/orgs/permissions';
import { listMembers } from '@/lib/orgs/service';

export interface RoutingDefault {
  /** As sops.department stores it; '' is "any department". */
  department: string;
  reviewers: string[];
  approvers: string[];
  updatedAt: string;
}

export interface RoutingChoice {
  department: string;
  reviewers: string[];
  approvers: string[];
}

const REFUSED = new AppError('forbidden', 'Only owners and admins can change the review and approval defaults.');

/** Every entry of the organization, the "any department" one first, then by department. */
export async function listRoutingDefaults(tx: Tx, orgId: string): Promise<RoutingDefault[]> {
  const rows = await tx.query<{ department: string; reviewers: string[]; approvers: string[]; updated_at: string | Date }>(
    'select department, reviewers, approvers, updated_at from public.routing_defaults where org_id = $1 order by department',
    [orgId],
  );
  return rows.map((r) => ({ department: r.department, reviewers: r.reviewers, approvers: r.approvers, updatedAt: new Date(r.updated_at).toISOString() }));
}

/** The entry that applies to an SOP of this department: its own, else the "any department" one. */
export function routingDefaultFor(defaults: readonly RoutingDefault[], department: string): RoutingDefault | null {
  return defaults.find((d) => d.department === department) ?? defaults.find((d) => d.department === '') ?? null;
}

/**
 * Set the entry of one department; with nobody chosen at all, remove it. Everyone named must be
 * a member whose role may approve now (the same people the submit form offers).
 */
export async function setRoutingDefault(tx: Tx, orgId: string, choice: RoutingChoice): Promise<'saved' | 'removed'> {
  const reviewers = [...new Set(choice.reviewers)];
  const approvers = [...new Set(choice.approvers)];
  if (reviewers.length === 0 && approvers.length === 0) {
    await removeRoutingDefault(tx, orgId, choice.department);
    return 'removed';
  }
  const eligible = new Set((await listMembers(tx, orgId)).filter((m) => roleCan(m.role, 'sops.approve')).map((m) => m.userId));
  if ([...reviewers, ...approvers].some((id) => !eligible.has(id))) {
    throw new AppError('validation_failed', 'Choose reviewers and approvers among the members whose role may approve.');
  }
  try {
    const rows = await tx.query(
      `insert into public.routing_defaults (org_id, department, reviewers, approvers) values ($1, $2, $3::uuid[], $4::uuid[])
         on conflict (org_id, department) do update set reviewers = excluded.reviewers, approvers = excluded.approvers
       returning id`,
      [orgId, choice.department, reviewers, approvers],
    );
    if (rows.length === 0) throw REFUSED;
  } catch (err) {
    throw databaseError(err, { '42501': REFUSED });
  }
  return 'saved';
}

/** Remove the entry of one department (nothing happens when it has none). */
export async function removeRoutingDefault(tx: Tx, orgId: string, department: string): Promise<void> {
  try {
    await tx.query('delete from public.routing_defaults where org_id = $1 and department = $2', [orgId, department]);
  } catch (err) {
    throw databaseError(err, { '42501': REFUSED });
  }
}
