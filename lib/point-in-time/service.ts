/**
 * "What was in effect on date X": for a moment T, which revision of each SOP was effective,
 * who approved it, who had acknowledged it (read and understood) by T, and who was assigned
 * but had not — read from the recorded, append-only history, never recomputed from today's
 * state:
 *   - the effective version of a SOP at T is the version whose latest transition
 *     (public.sop_transitions) with created_at <= T is 'effective' (the newest such one should
 *     two overlap within the transaction that superseded the older);
 *   - its approvers are the authored / reviewed / approved signatures of the round its
 *     'approved' transition names, with the printed names and times as signed;
 *   - acknowledged by T: tasks (public.training_tasks) of the major revision in effect whose
 *     acknowledgement is at or before T (any revision of that major; the one signed is shown);
 *   - assigned, not acknowledged by T: tasks of that major created at or before T, neither
 *     closed (public.training_task_closures) nor acknowledged at or before T — people who have
 *     left since, and assignments removed since, stay in the past.
 * Names: as signed where there is a signature; for open tasks the person's profile (visible
 * while they share an organization with the reader) or, for readers of the audit trail, the
 * name the trail keeps (private.audit_people: as they were when their account was erased);
 * otherwise "Former member".
 *
 * A fixed number of queries whatever the number of SOPs and people (set-based, T a
 * parameter), all under the caller's RLS: another organization's SOP has no rows here.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { requireSop } from '@/lib/sops/service';

/** How far past the database clock a moment may be (clocks of clients differ a little). */
const FUTURE_SLACK_MS = 60_000;

export interface Approver {
  meaning: 'authored' | 'reviewed' | 'approved';
  signerId: string;
  /** As printed at signing. */
  name: string;
  email: string;
  signedAt: string;
}

export interface Acknowledged {
  userId: string;
  /** As printed on the read-and-understood signature. */
  name: string;
  email: string;
  acknowledgedAt: string;
  /** The revision the person signed (any revision of the major revision in effect). */
  versionId: string;
  revisionLabel: string | null;
}

export interface NotAcknowledged {
  userId: string;
  name: string;
  email: string;
  /** Not a member of the organization today (left, or their account was erased). */
  formerMember: boolean;
  assignedAt: string;
  dueAt: string;
  /** The due date had passed at T. */
  overdue: boolean;
}

export interface InEffect {
  sopId: string;
  docNumber: string;
  title: string;
  department: string;
  versionId: string;
  revisionLabel: string;
  /** When this revision became effective. */
  effectiveFrom: string;
  approvers: Approver[];
  acknowledged: Acknowledged[];
  notAcknowledged: NotAcknowledged[];
}

export interface NotInEffect {
  sopId: string;
  docNumber: string;
  title: string;
  department: string;
  status: 'not_yet_effective' | 'obsolete';
  /** When it was made obsolete (obsolete by then). */
  obsoleteAt: string | null;
  /** When it first became effective after T, if it has (not yet effective). */
  effectiveLater: string | null;
}

export interface PointInTimeList {
  at: string;
  items: InEffect[];
  notInEffect: NotInEffect[];
}

export interface RevisionSpan {
  versionId: string;
  revisionLabel: string;
  effectiveFrom: string;
  /** When it stopped being effective (superseded or obsolete); null while still effective. */
  effectiveUntil: string | null;
}

export interface SopAtTime {
  at: string;
  sop: { id: string; docNumber: string; title: string; department: string; status: 'effective' | 'not_yet_effective' | 'obsolete' };
  effective: InEffect | null;
  /** The revision effective before the one in effect at T (or, if none, the last one before T). */
  previous: RevisionSpan | null;
  /** The first revision that became effective after T. */
  next: RevisionSpan | null;
  obsoleteAt: string | null;
}

/**
 * The versions in effect at T ($2) in org $1, optionally of one SOP ($3): `states` is each
 * version's state at T, `eff` each SOP's effective version at T with its major revision.
 */
const AT_T = `
  with states as (
    select distinct on (t.version_id) t.version_id, t.sop_id, t.to_state, t.label, t.created_at, t.seq
      from public.sop_transitions t
     where t.org_id = $1 and t.version_id is not null and t.created_at <= $2 and ($3::uuid is null or t.sop_id = $3::uuid)
     order by t.version_id, t.seq desc),
  eff as (
    select distinct on (s.sop_id) s.sop_id, s.version_id, s.label, private.label_major(s.label) as major, s.created_at as effective_from
      from states s where s.to_state = 'effective'
     order by s.sop_id, s.seq desc)`;

type SopRow = {
  id: string;
  doc_number: string;
  title: string;
  department: string;
  version_id: string | null;
  label: string | null;
  effective_from: Date | null;
  obsolete_at: Date | null;
  later_effective_at: Date | null;
};

type ApproverRow = { version_id: string; meaning: Approver['meaning']; signer_id: string; signer_name: string; signer_email: string; signed_at: Date };

type TaskRow = {
  sop_id: string;
  assignee_id: string;
  created_at: Date;
  due_at: Date;
  acknowledged_at: Date | null;
  ack_version_id: string | null;
  ack_label: string | null;
  signer_name: string | null;
  signer_email: string | null;
  profile_name: string | null;
  profile_email: string | null;
  member: boolean;
};

/** The database clock, and `at` checked against it (default: now). */
async function resolveAt(tx: Tx, at: Date | undefined): Promise<Date> {
  const [row] = await tx.query<{ now: Date }>('select private.clock() as now');
  const now = new Date(isoTime(row!.now));
  if (!at) return now;
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) {
    throw new AppError('unprocessable', `${at.toISOString().slice(0, 19).replace('T', ' ')} UTC is in the future (it is now ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC): ask about a moment up to now.`);
  }
  return at;
}

async function pointInTime(tx: Tx, orgId: string, at: Date, sopId: string | null): Promise<{ items: InEffect[]; notInEffect: NotInEffect[] }> {
  const params = [orgId, at.toISOString(), sopId];
  const sops = await tx.query<SopRow>(
    `${AT_T},
      obs as (
        select t.sop_id, min(t.created_at) as obsolete_at from public.sop_transitions t
         where t.org_id = $1 and t.to_state = 'obsolete' and t.created_at <= $2 and ($3::uuid is null or t.sop_id = $3::uuid)
         group by t.sop_id)
     select s.id, s.doc_number, s.title, s.department, eff.version_id, eff.label, eff.effective_from, obs.obsolete_at,
            (select min(x.created_at) from public.sop_transitions x where x.sop_id = s.id and x.to_state = 'effective' and x.created_at > $2) as later_effective_at
       from public.sops s
       left join eff on eff.sop_id = s.id
       left join obs on obs.sop_id = s.id
      where s.org_id = $1 and ($3::uuid is null or s.id = $3::uuid)
        and (eff.sop_id is not null or obs.sop_id is not null or s.created_at <= $2 or exists (select 1 from states st where st.sop_id = s.id))
      order by s.doc_number, s.id`,
    params,
  );
  const effective = sops.filter((s) => s.version_id && !s.obsolete_at);
  if (effective.length === 0) return { items: [], notInEffect: sops.map(notInEffectOf) };

  const approvers = await tx.query<ApproverRow>(
    `${AT_T},
      appr as (
        select distinct on (t.version_id) t.version_id, t.submission_id from public.sop_transitions t join eff on eff.version_id = t.version_id
         where t.org_id = $1 and t.to_state = 'approved' and t.created_at <= $2
         order by t.version_id, t.seq desc)
     select appr.version_id, g.meaning, g.signer_id, g.signer_name, g.signer_email, g.signed_at
       from appr join public.sop_signatures g on g.submission_id = appr.submission_id
      where g.meaning in ('authored', 'reviewed', 'approved') and g.signed_at <= $2
      order by appr.version_id, g.signed_at, g.id`,
    params,
  );
  const tasks = await tx.query<TaskRow>(
    `${AT_T},
      k as (
        select distinct on (k.sop_id, k.assignee_id) k.sop_id, k.assignee_id, k.created_at, k.due_at,
               a.acknowledged_at, a.version_id as ack_version_id, a.signature_id
          from eff
          join public.training_tasks k on k.sop_id = eff.sop_id and k.major = eff.major
          left join public.training_acknowledgements a on a.task_id = k.id and a.acknowledged_at <= $2
          left join public.training_task_closures c on c.task_id = k.id and c.closed_at <= $2
         where k.org_id = $1 and k.created_at <= $2 and (a.task_id is not null or c.task_id is null)
         order by k.sop_id, k.assignee_id, (a.task_id is not null) desc, k.created_at desc)
     select k.sop_id, k.assignee_id, k.created_at, k.due_at, k.acknowledged_at, k.ack_version_id,
            (select nullif(t.label, '') from public.sop_transitions t where t.version_id = k.ack_version_id order by t.seq desc limit 1) as ack_label,
            g.signer_name, g.signer_email,
            coalesce(nullif(btrim(p.full_name), ''), nullif(p.email, '')) as profile_name, p.email as profile_email,
            exists (select 1 from public.memberships m where m.org_id = $1 and m.user_id = k.assignee_id) as member
       from k
       left join public.sop_signatures g on g.id = k.signature_id
       left join public.profiles p on p.id = k.assignee_id
      order by k.sop_id, k.acknowledged_at nulls last, k.created_at`,
    params,
  );
  // People no longer visible (they left, or were erased): the names the audit trail keeps, for its readers.
  const unnamed = [...new Set(tasks.filter((k) => !k.acknowledged_at && !k.profile_name).map((k) => k.assignee_id))];
  const trailNames = new Map<string, { name: string; email: string }>();
  if (unnamed.length) {
    const rows = await tx.query<{ id: string; name: string; email: string }>(
      `select x.id, x.name, x.email from private.audit_people($1) x where x.id = any($2::uuid[]) and (select private.can($1, 'audit.read'))`,
      [orgId, unnamed],
    );
    for (const r of rows) trailNames.set(r.id, { name: r.name || r.email, email: r.email });
  }

  const atMs = at.getTime();
  const approversOf = group(approvers, (a) => a.version_id);
  const tasksOf = group(tasks, (k) => k.sop_id);
  return {
    items: effective.map((s) => {
      const own = tasksOf.get(s.id) ?? [];
      return {
        sopId: s.id,
        docNumber: s.doc_number,
        title: s.title,
        department: s.department,
        versionId: s.version_id!,
        revisionLabel: s.label ?? '',
        effectiveFrom: isoTime(s.effective_from),
        approvers: (approversOf.get(s.version_id!) ?? []).map((a) => ({ meaning: a.meaning, signerId: a.signer_id, name: a.signer_name, email: a.signer_email, signedAt: isoTime(a.signed_at) })),
        acknowledged: own
          .filter((k) => k.acknowledged_at)
          .map((k) => ({
            userId: k.assignee_id,
            name: k.signer_name ?? k.profile_name ?? 'Former member',
            email: k.signer_email ?? k.profile_email ?? '',
            acknowledgedAt: isoTime(k.acknowledged_at),
            versionId: k.ack_version_id!,
            revisionLabel: k.ack_label,
          })),
        notAcknowledged: own
          .filter((k) => !k.acknowledged_at)
          .map((k) => {
            const trail = trailNames.get(k.assignee_id);
            return {
              userId: k.assignee_id,
              name: k.profile_name ?? trail?.name ?? 'Former member',
              email: k.profile_email ?? trail?.email ?? '',
              formerMember: !k.member,
              assignedAt: isoTime(k.created_at),
              dueAt: isoTime(k.due_at),
              overdue: new Date(isoTime(k.due_at)).getTime() <= atMs,
            };
          }),
      };
    }),
    notInEffect: sops.filter((s) => !s.version_id || s.obsolete_at).map(notInEffectOf),
  };
}

function notInEffectOf(s: SopRow): NotInEffect {
  return {
    sopId: s.id,
    docNumber: s.doc_number,
    title: s.title,
    department: s.department,
    status: s.obsolete_at ? 'obsolete' : 'not_yet_effective',
    obsoleteAt: s.obsolete_at ? isoTime(s.obsolete_at) : null,
    effectiveLater: s.obsolete_at || !s.later_effective_at ? null : isoTime(s.later_effective_at),
  };
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Every SOP of the organization as it stood at `at` (default now): in effect, and not (not yet effective, obsolete by then). */
export async function sopsInEffectAt(tx: Tx, orgId: string, at?: Date): Promise<PointInTimeList> {
  const when = await resolveAt(tx, at);
  const { items, notInEffect } = await pointInTime(tx, orgId, when, null);
  return { at: when.toISOString(), items, notInEffect };
}

type SpanRow = { version_id: string; label: string; effective_from: Date; effective_until: Date | null };

/** One SOP at `at` (default now): its revision in effect with approvers and training, and the revisions before and after. 404 for another org's SOP. */
export async function sopAtTime(tx: Tx, orgId: string, sopId: string, at?: Date): Promise<SopAtTime> {
  const sop = await requireSop(tx, orgId, sopId);
  const when = await resolveAt(tx, at);
  const { items, notInEffect } = await pointInTime(tx, orgId, when, sopId);
  const spans = (
    await tx.query<SpanRow>(
      `select e.version_id, e.label, e.created_at as effective_from,
              (select min(x.created_at) from public.sop_transitions x where x.version_id = e.version_id and x.to_state in ('superseded', 'obsolete')) as effective_until
         from public.sop_transitions e
        where e.org_id = $1 and e.sop_id = $2 and e.to_state = 'effective'
        order by e.seq`,
      [orgId, sopId],
    )
  ).map((r) => ({ versionId: r.version_id, revisionLabel: r.label, effectiveFrom: isoTime(r.effective_from), effectiveUntil: r.effective_until ? isoTime(r.effective_until) : null }));
  const effective = items[0] ?? null;
  const apart = notInEffect[0];
  const t = when.getTime();
  const index = effective ? spans.findIndex((s) => s.versionId === effective.versionId) : -1;
  const previous = index >= 0 ? (spans[index - 1] ?? null) : (spans.findLast((s) => Date.parse(s.effectiveFrom) <= t) ?? null);
  const next = spans.find((s) => Date.parse(s.effectiveFrom) > t) ?? null;
  return {
    at: when.toISOString(),
    sop: { id: sop.id, docNumber: sop.docNumber, title: sop.title, department: sop.department, status: effective ? 'effective' : (apart?.status ?? 'not_yet_effective') },
    effective,
    previous,
    next,
    obsoleteAt: apart?.obsoleteAt ?? null,
  };
}
