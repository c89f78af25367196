/**
 * Read-and-understood training as people see it (issue 15), over the schema of
 * 20261204000100_review_and_training.sql: who must read a SOP and where each of them stands
 * (public.training_status, computed against the database clock), the signed-in user's open
 * tasks, and the acknowledgement itself (private.acknowledge_sop: a 'read_understood'
 * signature of the effective version over its content hash, completing the caller's open
 * task). Every function takes the caller's transaction; RLS decides what exists.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { contentHash } from '@/lib/document-control/canonical';
import { refusalsMapped } from '@/lib/document-control/errors';
import { AppError, pgErrorCode } from '@/lib/errors';
import { requireSop } from '@/lib/sops/service';
import { listAssignments, type Assignment } from './assignments';

export type TrainingState = 'current' | 'pending' | 'overdue';

export interface PersonTraining {
  userId: string;
  name: string;
  email: string;
  status: TrainingState;
  /** When the open (or completed) task was given. */
  assignedAt: string;
  dueAt: string;
  acknowledgedAt: string | null;
  /** The revision they signed as read and understood (1.0, 1.1 …). */
  acknowledgedRevision: string | null;
}

export interface EffectiveRevision {
  versionId: string;
  /** The revision label (1.0, 2.0 …). */
  label: string;
  major: number;
}

export interface SopTraining {
  effective: EffectiveRevision | null;
  assignments: Assignment[];
  /** Everyone with a task for the current major revision, overdue first, then pending, then current; by name. */
  people: PersonTraining[];
  counts: { current: number; pending: number; overdue: number; total: number };
  /** The signed-in user's own open task for this SOP, if any. */
  mine: PersonTraining | null;
}

export interface MyTrainingTask {
  taskId: string;
  sopId: string;
  docNumber: string;
  sopTitle: string;
  versionId: string;
  revision: string;
  status: 'pending' | 'overdue';
  assignedAt: string;
  dueAt: string;
  /** The SOP page, where the "Read and understood" ceremony is. */
  href: string;
}

const RANK: Record<TrainingState, number> = { overdue: 0, pending: 1, current: 2 };

/** The SOP's effective revision (label and major), or null. */
export async function effectiveRevision(tx: Tx, orgId: string, sopId: string): Promise<EffectiveRevision | null> {
  const [row] = await tx.query<{ version_id: string; label: string; major: number }>(
    `select s.effective_version_id as version_id, t.label, private.label_major(t.label) as major
       from public.sops s
       join lateral (select t.label from public.sop_transitions t where t.version_id = s.effective_version_id and t.to_state = 'effective' order by t.seq desc limit 1) t on true
      where s.org_id = $1 and s.id = $2 and s.status = 'effective' and s.effective_version_id is not null`,
    [orgId, sopId],
  );
  return row ? { versionId: row.version_id, label: row.label, major: Number(row.major) } : null;
}

type StatusRow = {
  user_id: string;
  name: string;
  email: string;
  status: TrainingState;
  assigned_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  acknowledged_label: string | null;
};

/** Assignments and each assigned member's status for the current major revision (404 for another org's SOP). */
export async function sopTraining(tx: Tx, ref: { orgId: string; sopId: string }): Promise<SopTraining> {
  await requireSop(tx, ref.orgId, ref.sopId);
  const assignments = await listAssignments(tx, ref);
  const effective = await effectiveRevision(tx, ref.orgId, ref.sopId);
  const rows = effective
    ? await tx.query<StatusRow>(
        `select st.user_id, coalesce(nullif(btrim(p.full_name), ''), p.email, '') as name, coalesce(p.email, '') as email,
                st.status, st.assigned_at, st.due_at, st.acknowledged_at, al.label as acknowledged_label
           from public.training_status st
           left join public.profiles p on p.id = st.user_id
           left join lateral (
             select t.label from public.sop_transitions t
              where t.version_id = st.acknowledged_version_id and t.to_state = 'effective' order by t.seq desc limit 1
           ) al on true
          where st.org_id = $1 and st.sop_id = $2 and st.status <> 'not_assigned'`,
        [ref.orgId, ref.sopId],
      )
    : [];
  const people = rows
    .map((r): PersonTraining => ({
      userId: r.user_id,
      name: r.name,
      email: r.email,
      status: r.status,
      assignedAt: isoTime(r.assigned_at),
      dueAt: isoTime(r.due_at),
      acknowledgedAt: r.acknowledged_at ? isoTime(r.acknowledged_at) : null,
      acknowledgedRevision: r.acknowledged_label,
    }))
    .sort((a, b) => RANK[a.status] - RANK[b.status] || a.name.localeCompare(b.name));
  const count = (s: TrainingState) => people.filter((p) => p.status === s).length;
  const [me] = await tx.query<{ id: string }>('select (select auth.uid()) as id');
  const mine = people.find((p) => p.userId === me?.id && p.status !== 'current') ?? null;
  return { effective, assignments, people, counts: { current: count('current'), pending: count('pending'), overdue: count('overdue'), total: people.length }, mine };
}

/** The signed-in user's open read-and-understood tasks (pending and overdue), in one organization or all; overdue first, then by due date. */
export async function myTrainingTasks(tx: Tx, orgId?: string): Promise<MyTrainingTask[]> {
  const rows = await tx.query<{ task_id: string; sop_id: string; doc_number: string; title: string; version_id: string; label: string; status: 'pending' | 'overdue'; assigned_at: Date; due_at: Date; slug: string }>(
    `select st.task_id, st.sop_id, s.doc_number, s.title, st.version_id, st.label, st.status, st.assigned_at, st.due_at, o.slug
       from public.training_status st
       join public.sops s on s.id = st.sop_id
       join public.organizations o on o.id = st.org_id
      where st.user_id = (select auth.uid()) and st.status in ('pending', 'overdue') and ($1::uuid is null or st.org_id = $1::uuid)
      order by st.status = 'overdue' desc, st.due_at, s.doc_number`,
    [orgId ?? null],
  );
  return rows.map((r) => ({
    taskId: r.task_id,
    sopId: r.sop_id,
    docNumber: r.doc_number,
    sopTitle: r.title,
    versionId: r.version_id,
    revision: r.label,
    status: r.status,
    assignedAt: isoTime(r.assigned_at),
    dueAt: isoTime(r.due_at),
    href: `/o/${r.slug}/sops/${r.sop_id}`,
  }));
}

/** The effective version to acknowledge; 409 when the SOP has none (404 for another org's SOP). */
export async function versionToAcknowledge(tx: Tx, ref: { orgId: string; sopId: string }): Promise<EffectiveRevision> {
  await requireSop(tx, ref.orgId, ref.sopId);
  const effective = await effectiveRevision(tx, ref.orgId, ref.sopId);
  if (!effective) throw new AppError('conflict', 'This SOP has no effective version: read-and-understood tasks start when a version becomes effective.');
  return effective;
}

export interface Acknowledgement {
  signatureId: string;
  versionId: string;
  revision: string;
  acknowledgedAt: string;
  signerName: string;
  authMethod: 'password' | 'password+totp';
}

/**
 * "Read and understood": sign the effective version over its content (needs fresh
 * re-authentication in the claims: run it inside withCeremony). Refusals: 404, 409 (nothing
 * to acknowledge, not effective, a changed hash), 422, 423.
 */
export async function acknowledge(tx: Tx, ref: { orgId: string; sopId: string; versionId: string }): Promise<Acknowledgement> {
  const [v] = await tx.query<{ content: unknown }>('select content from public.sop_versions where org_id = $1 and sop_id = $2 and id = $3', [ref.orgId, ref.sopId, ref.versionId]);
  if (!v) throw new AppError('not_found', 'No such version of this SOP.');
  const [row] = await refusalsMapped(() => tx.query<{ id: string }>('select private.acknowledge_sop($1, $2) as id', [ref.versionId, contentHash(v.content)])).catch((err: unknown) => {
    // Two tabs signing at once: the second waits for the first, then finds the task completed.
    if (pgErrorCode(err) === '23505') throw new AppError('conflict', 'You have already signed this revision as read and understood.');
    throw err;
  });
  const [g] = await tx.query<{ id: string; signed_at: Date; signer_name: string; auth_method: Acknowledgement['authMethod'] }>(
    'select id, signed_at, signer_name, auth_method from public.sop_signatures where id = $1',
    [row!.id],
  );
  const [t] = await tx.query<{ label: string }>("select label from public.sop_transitions where version_id = $1 and to_state = 'effective' order by seq desc limit 1", [ref.versionId]);
  return { signatureId: g!.id, versionId: ref.versionId, revision: t?.label ?? '', acknowledgedAt: isoTime(g!.signed_at), signerName: g!.signer_name, authMethod: g!.auth_method };
}
