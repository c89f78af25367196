/**
 * The organization overview as a QA manager reads it on Monday: SOPs by status, periodic
 * reviews by when they fall due, read-and-understood training completion per SOP and per
 * department, and the versions waiting for review, approval or their effective date.
 *
 * Every number comes from the definitions the rest of the app uses, never re-derived here:
 * sops.status (the SOP list's filter), public.sop_review_schedule (next_review_at),
 * public.training_status (current | pending | overdue | not_assigned, the matrix's and My
 * tasks' view), public.sop_version_lifecycle and public.sop_pending_tasks (My tasks). "Now" is
 * the database clock, private.clock(), read in the same statements.
 *
 * Set-based: four queries whatever the size of the organization, all in the caller's
 * transaction (RLS decides what the caller sees; another organization's rows never appear).
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import type { VersionState } from '@/lib/document-control/service';
import { SOP_STATUSES, type SopStatus } from '@/lib/sops/service';

/** Days ahead that count as "due soon" for periodic reviews (the list's ?review=due30). */
export const REVIEW_DUE_SOON_DAYS = 30;
/** How many SOPs / departments the training charts draw (worst first); the matrix has the rest. */
export const TRAINING_BARS = 8;
/** How many reviews due soonest the overview names under the chart. */
export const REVIEWS_LISTED = 5;
/** How many versions in review / in approval the overview lists (oldest first). */
export const APPROVALS_LISTED = 10;
/** How many approved versions waiting for their effective date it lists (soonest first). */
export const SCHEDULED_LISTED = 5;

export type ReviewBucket = 'overdue' | 'due30' | 'later' | 'exempt' | 'not_effective';
export const REVIEW_BUCKETS: readonly ReviewBucket[] = ['overdue', 'due30', 'later', 'exempt', 'not_effective'];

export interface TrainingCounts {
  current: number;
  pending: number;
  overdue: number;
}

export interface SopTraining extends TrainingCounts {
  sopId: string;
  docNumber: string;
  title: string;
}

export interface DepartmentTraining extends TrainingCounts {
  /** memberships.department as stored; '' is "No department". */
  department: string;
  members: number;
}

export interface ReviewDue {
  sopId: string;
  docNumber: string;
  title: string;
  nextReviewAt: string;
  overdue: boolean;
  /** Whole days from now to the due date (negative: overdue by so many days). */
  days: number;
}

export interface WaitingVersion {
  sopId: string;
  versionId: string;
  docNumber: string;
  title: string;
  /** The version's own label (0.3). */
  versionLabel: string;
  state: Extract<VersionState, 'in_review' | 'in_approval' | 'approved'>;
  revisionKind: 'major' | 'minor' | null;
  submittedAt: string | null;
  /** Seconds since submission (database clock). */
  waitedSeconds: number;
  /** Who has yet to sign at the current step, by name (in review / in approval). */
  waitingFor: string[];
  /** An approved version's effective date (null: not set). */
  effectiveFrom: string | null;
}

export interface OrgDashboard {
  /** The database clock when read. */
  now: string;
  sopsByStatus: Record<SopStatus, number>;
  reviews: {
    buckets: Record<ReviewBucket, number>;
    /** The reviews overdue or due within REVIEW_DUE_SOON_DAYS, soonest first (at most REVIEWS_LISTED). */
    soonest: ReviewDue[];
  };
  training: {
    /** Effective SOPs (rows of training_status exist for them). */
    effectiveSops: number;
    /** Effective SOPs no one is required to read. */
    unassignedSops: number;
    total: TrainingCounts;
    /** SOPs someone must read, lowest completion first (at most TRAINING_BARS). */
    bySop: SopTraining[];
    /** How many SOPs someone must read in all (bySop may be cut). */
    sopCount: number;
    /** Departments with members, lowest completion first, those with nothing to read last (at most TRAINING_BARS). */
    byDepartment: DepartmentTraining[];
    departmentCount: number;
  };
  approvals: {
    /** Versions in review or in approval. */
    inFlight: number;
    /** Approved versions waiting for their effective date. */
    approved: number;
    /** In review / in approval, oldest submission first (at most APPROVALS_LISTED). */
    pending: WaitingVersion[];
    /** Approved, soonest effective date first (at most SCHEDULED_LISTED). */
    scheduled: WaitingVersion[];
  };
}

const n = (v: unknown) => Number(v ?? 0);

/** The overview's figures for one organization, in the caller's transaction. */
export async function loadDashboard(tx: Tx, orgId: string): Promise<OrgDashboard> {
  // 1. SOPs by status (sops.status, what the list filters by).
  const statusRows = await tx.query<{ status: SopStatus; n: number }>(
    'select status, count(*)::int as n from public.sops where org_id = $1 group by status',
    [orgId],
  );
  const sopsByStatus = Object.fromEntries(SOP_STATUSES.map((s) => [s, 0])) as Record<SopStatus, number>;
  for (const r of statusRows) sopsByStatus[r.status] = n(r.n);

  // 2. Periodic reviews: buckets, and the soonest due, from the review schedule. Obsolete SOPs need no review and are left out.
  const reviewRows = await tx.query<{ bucket: ReviewBucket; n: number; now: Date; soonest: { sop_id: string; doc_number: string; title: string; next_review_at: string; days: number }[] | null }>(
    `with c as (select private.clock() as now),
     r as (
       select r.sop_id, s.doc_number, s.title, r.next_review_at,
              case
                when r.next_review_at is not null and r.next_review_at <= c.now then 'overdue'
                when r.next_review_at is not null and r.next_review_at <= c.now + make_interval(days => $2) then 'due30'
                when r.next_review_at is not null then 'later'
                when s.status = 'effective' and r.review_exempt_reason is not null then 'exempt'
                else 'not_effective'
              end as bucket
         from public.sop_review_schedule r
         join public.sops s on s.id = r.sop_id
         cross join c
        where r.org_id = $1 and s.status <> 'obsolete'
     )
     select b.bucket, b.n, c.now,
            (select jsonb_agg(jsonb_build_object('sop_id', x.sop_id, 'doc_number', x.doc_number, 'title', x.title,
                                                 'next_review_at', x.next_review_at,
                                                 'days', floor(extract(epoch from (x.next_review_at - c.now)) / 86400)::int)
                              order by x.next_review_at, x.doc_number)
               from (select * from r where r.bucket in ('overdue', 'due30') order by r.next_review_at, r.doc_number limit $3) x) as soonest
       from c left join (select bucket, count(*)::int as n from r group by bucket) b on true`,
    [orgId, REVIEW_DUE_SOON_DAYS, REVIEWS_LISTED],
  );
  const buckets = Object.fromEntries(REVIEW_BUCKETS.map((b) => [b, 0])) as Record<ReviewBucket, number>;
  for (const r of reviewRows) if (r.bucket) buckets[r.bucket] = n(r.n);
  const now = isoTime(reviewRows[0]!.now);
  const soonest: ReviewDue[] = (reviewRows[0]?.soonest ?? []).map((x) => ({
    sopId: x.sop_id,
    docNumber: x.doc_number,
    title: x.title,
    nextReviewAt: new Date(x.next_review_at).toISOString(),
    days: n(x.days),
    overdue: new Date(x.next_review_at).getTime() <= new Date(now).getTime(),
  }));

  // 3. Training: the one status view, grouped per SOP and per member's department in one pass.
  const trainingRows = await tx.query<{ by_department: number; sop_id: string | null; department: string | null; doc_number: string | null; title: string | null; members: number; current: number; pending: number; overdue: number }>(
    `with t as (
       select t.sop_id, t.status, m.department, t.user_id
         from public.training_status t
         join public.memberships m on m.org_id = t.org_id and m.user_id = t.user_id
        where t.org_id = $1
     ),
     g as (
       select grouping(t.sop_id) as by_department, t.sop_id, t.department,
              count(distinct t.user_id)::int as members,
              count(*) filter (where t.status = 'current')::int as current,
              count(*) filter (where t.status = 'pending')::int as pending,
              count(*) filter (where t.status = 'overdue')::int as overdue
         from t group by grouping sets ((t.sop_id), (t.department))
     )
     select g.*, s.doc_number, s.title from g left join public.sops s on s.id = g.sop_id`,
    [orgId],
  );
  const counts = (r: { current: number; pending: number; overdue: number }) => ({ current: n(r.current), pending: n(r.pending), overdue: n(r.overdue) });
  const required = (c: TrainingCounts) => c.current + c.pending + c.overdue;
  // Lowest completion first; among equals, most overdue, then most required; nothing-required last.
  const worstFirst = (a: TrainingCounts, b: TrainingCounts) => {
    const ra = required(a), rb = required(b);
    if ((ra === 0) !== (rb === 0)) return ra === 0 ? 1 : -1;
    const pa = ra ? a.current / ra : 1, pb = rb ? b.current / rb : 1;
    return pa - pb || b.overdue - a.overdue || rb - ra;
  };
  const sops = trainingRows
    .filter((r) => n(r.by_department) === 0)
    .map((r): SopTraining => ({ sopId: r.sop_id!, docNumber: r.doc_number ?? '', title: r.title ?? '', ...counts(r) }));
  const required_ = sops.filter((s) => required(s) > 0).sort((a, b) => worstFirst(a, b) || a.docNumber.localeCompare(b.docNumber));
  const departments = trainingRows
    .filter((r) => n(r.by_department) === 1)
    .map((r): DepartmentTraining => ({ department: r.department ?? '', members: n(r.members), ...counts(r) }))
    .sort((a, b) => worstFirst(a, b) || a.department.localeCompare(b.department));
  const total = sops.reduce((s, r) => ({ current: s.current + r.current, pending: s.pending + r.pending, overdue: s.overdue + r.overdue }), { current: 0, pending: 0, overdue: 0 });

  // 4. Versions waiting: in review / in approval (with who has yet to sign), and approved before their effective date.
  const waitingRows = await tx.query<{
    sop_id: string; version_id: string; doc_number: string; title: string; label: string; state: WaitingVersion['state'];
    revision_kind: WaitingVersion['revisionKind']; submitted_at: Date | null; waited: number; effective_from: Date | null; waiting_for: string[] | null;
  }>(
    `select l.sop_id, l.version_id, s.doc_number, s.title, v.label, l.state, l.revision_kind, l.submitted_at, l.effective_from,
            greatest(0, floor(extract(epoch from (private.clock() - coalesce(l.submitted_at, l.state_changed_at)))))::bigint as waited,
            (select array_agg(coalesce(nullif(btrim(p.full_name), ''), p.email, 'Former member') order by coalesce(nullif(btrim(p.full_name), ''), p.email))
               from public.sop_pending_tasks k left join public.profiles p on p.id = k.assignee_id
              where k.version_id = l.version_id) as waiting_for
       from public.sop_version_lifecycle l
       join public.sops s on s.id = l.sop_id
       join public.sop_versions v on v.id = l.version_id
      where l.org_id = $1 and l.state in ('in_review', 'in_approval', 'approved')
      order by case when l.state = 'approved' then 1 else 0 end, case when l.state = 'approved' then l.effective_from end, l.submitted_at, s.doc_number`,
    [orgId],
  );
  const items = waitingRows.map((r): WaitingVersion => ({
    sopId: r.sop_id,
    versionId: r.version_id,
    docNumber: r.doc_number,
    title: r.title,
    versionLabel: r.label,
    state: r.state,
    revisionKind: r.revision_kind,
    submittedAt: r.submitted_at ? isoTime(r.submitted_at) : null,
    waitedSeconds: n(r.waited),
    waitingFor: r.waiting_for ?? [],
    effectiveFrom: r.effective_from ? isoTime(r.effective_from) : null,
  }));

  return {
    now,
    sopsByStatus,
    reviews: { buckets, soonest },
    training: {
      effectiveSops: sops.length,
      unassignedSops: sops.length - required_.length,
      total,
      bySop: required_.slice(0, TRAINING_BARS),
      sopCount: required_.length,
      byDepartment: departments.slice(0, TRAINING_BARS),
      departmentCount: departments.length,
    },
    approvals: {
      inFlight: items.filter((i) => i.state !== 'approved').length,
      approved: items.filter((i) => i.state === 'approved').length,
      pending: items.filter((i) => i.state !== 'approved').slice(0, APPROVALS_LISTED),
      scheduled: items.filter((i) => i.state === 'approved').slice(0, SCHEDULED_LISTED),
    },
  };
}
