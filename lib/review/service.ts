/**
 * Periodic review of effective SOPs (issue 15), over the schema of
 * supabase/migrations/20261204000100_review_and_training.sql:
 *   - the schedule is the view public.sop_review_schedule: next review = greatest(effective
 *     date, last signed "reviewed, no change" of the effective version) + the interval in force
 *     (the SOP's own, else the organization's default); none when exempt or not effective;
 *   - private.set_review_interval changes a SOP's interval (months, the default, or "no periodic
 *     review" with a reason): owners, admins and the SOP's owner; audited 'sop.review_interval_set';
 *   - private.confirm_periodic_review signs "reviewed, no change" on the effective version over
 *     its content hash (inside the signing ceremony: lib/document-control/ceremony.ts); audited
 *     'sop.periodic_review_signed'. No new version; the clock restarts from the signature.
 *
 * "Now" is the database clock (private.clock()): whether a review is due or overdue is decided
 * in SQL, never with Date.now(). Dates are UTC days.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { contentHash } from '@/lib/document-control/canonical';
import { refusalsMapped } from '@/lib/document-control/errors';
import type { VersionRef } from '@/lib/document-control/service';
import { AppError } from '@/lib/errors';

/** Within this many days of the due date a review is "due soon" (the list's `review=due30`, the first reminder). */
export const DUE_SOON_DAYS = 30;

export type ReviewState = 'not_due' | 'due_soon' | 'overdue';

/**
 * SQL for a schedule row `r` (public.sop_review_schedule) against the database clock: its UTC
 * due date, the whole UTC days left until it (negative once past), and its state. Overdue from
 * the moment next_review_at has passed; due soon within DUE_SOON_DAYS days.
 */
export function reviewColumnsSql(r: string): string {
  const days = `((${r}.next_review_at at time zone 'UTC')::date - (private.clock() at time zone 'UTC')::date)`;
  return `to_char(${r}.next_review_at at time zone 'UTC', 'YYYY-MM-DD') as review_due_date,
          case when ${r}.next_review_at is not null then ${days} end as review_days_left,
          case when ${r}.next_review_at is null then null
               when ${r}.next_review_at <= private.clock() then 'overdue'
               when ${days} <= ${DUE_SOON_DAYS} then 'due_soon'
               else 'not_due' end as review_state`;
}

/** The filter `review=overdue|due30` of the SOP list, on a schedule row `r`. */
export function reviewFilterSql(r: string, filter: 'overdue' | 'due30'): string {
  if (filter === 'overdue') return `${r}.next_review_at <= private.clock()`;
  return `(${r}.next_review_at > private.clock() and ((${r}.next_review_at at time zone 'UTC')::date - (private.clock() at time zone 'UTC')::date) <= ${DUE_SOON_DAYS})`;
}

export interface ReviewSchedule {
  sopId: string;
  /** The interval in force (months); null when exempt. */
  intervalMonths: number | null;
  /** The SOP's own interval; null: the organization's default applies. */
  sopIntervalMonths: number | null;
  orgIntervalMonths: number;
  /** "No periodic review", with this reason; null when reviewed periodically. */
  exemptReason: string | null;
  effectiveVersionId: string | null;
  effectiveAt: string | null;
  lastReviewedAt: string | null;
  /** Who signed the last "reviewed, no change" of the effective version. */
  lastReviewedBy: string | null;
  nextReviewAt: string | null;
  /** The UTC day of nextReviewAt (YYYY-MM-DD). */
  dueDate: string | null;
  /** Whole UTC days from today to the due date (negative once past). */
  daysLeft: number | null;
  state: ReviewState | null;
}

export interface PeriodicReview {
  id: string;
  versionId: string;
  /** The revision reviewed (1.0, 2.0 …). */
  revisionLabel: string;
  signerId: string;
  /** As signed (21 CFR 11.50). */
  signerName: string;
  signerEmail: string;
  reviewedAt: string;
  nextReviewAt: string;
  intervalMonths: number;
  comment: string;
  authMethod: 'password' | 'password+totp';
}

type ScheduleRow = {
  sop_id: string;
  interval_months: number | null;
  sop_interval_months: number | null;
  org_interval_months: number;
  review_exempt_reason: string | null;
  effective_version_id: string | null;
  effective_at: Date | null;
  last_reviewed_at: Date | null;
  last_reviewed_by: string | null;
  next_review_at: Date | null;
  review_due_date: string | null;
  review_days_left: number | null;
  review_state: ReviewState | null;
};

const iso = (d: unknown) => (d == null ? null : isoTime(d));

const notFound = () => new AppError('not_found', 'No such SOP in this organization.');

/** The SOP's review schedule now; 404 for a SOP not in this organization (or not visible). */
export async function reviewScheduleOf(tx: Tx, ref: { orgId: string; sopId: string }): Promise<ReviewSchedule> {
  const [r] = await tx.query<ScheduleRow>(
    `select r.sop_id, r.interval_months, r.sop_interval_months, o.review_interval_months as org_interval_months, r.review_exempt_reason,
            r.effective_version_id, r.effective_at, r.last_reviewed_at, r.next_review_at,
            (select g.signer_name from public.sop_periodic_reviews p join public.sop_signatures g on g.id = p.signature_id
              where p.version_id = r.effective_version_id order by p.reviewed_at desc limit 1) as last_reviewed_by,
            ${reviewColumnsSql('r')}
       from public.sop_review_schedule r join public.organizations o on o.id = r.org_id
      where r.org_id = $1 and r.sop_id = $2`,
    [ref.orgId, ref.sopId],
  );
  if (!r) throw notFound();
  return {
    sopId: r.sop_id,
    intervalMonths: r.interval_months == null ? null : Number(r.interval_months),
    sopIntervalMonths: r.sop_interval_months == null ? null : Number(r.sop_interval_months),
    orgIntervalMonths: Number(r.org_interval_months),
    exemptReason: r.review_exempt_reason,
    effectiveVersionId: r.effective_version_id,
    effectiveAt: iso(r.effective_at),
    lastReviewedAt: iso(r.last_reviewed_at),
    lastReviewedBy: r.last_reviewed_by,
    nextReviewAt: iso(r.next_review_at),
    dueDate: r.review_due_date,
    daysLeft: r.review_days_left == null ? null : Number(r.review_days_left),
    state: r.review_state,
  };
}

/** Every signed periodic review of the SOP (any of its versions), newest first. */
export async function periodicReviewsOf(tx: Tx, ref: { orgId: string; sopId: string }): Promise<PeriodicReview[]> {
  const [sop] = await tx.query('select 1 from public.sops where org_id = $1 and id = $2', [ref.orgId, ref.sopId]);
  if (!sop) throw notFound();
  const rows = await tx.query<{
    id: string;
    version_id: string;
    revision_label: string | null;
    signer_id: string;
    signer_name: string;
    signer_email: string;
    reviewed_at: Date;
    next_review_at: Date;
    interval_months: number;
    comment: string;
    auth_method: PeriodicReview['authMethod'];
  }>(
    `select p.id, p.version_id, l.revision_label, g.signer_id, g.signer_name, g.signer_email, p.reviewed_at, p.next_review_at,
            p.interval_months, g.comment, g.auth_method
       from public.sop_periodic_reviews p
       join public.sop_signatures g on g.id = p.signature_id
       left join public.sop_version_lifecycle l on l.version_id = p.version_id
      where p.org_id = $1 and p.sop_id = $2
      order by p.reviewed_at desc, p.id`,
    [ref.orgId, ref.sopId],
  );
  return rows.map((r) => ({
    id: r.id,
    versionId: r.version_id,
    revisionLabel: r.revision_label ?? '',
    signerId: r.signer_id,
    signerName: r.signer_name,
    signerEmail: r.signer_email,
    reviewedAt: isoTime(r.reviewed_at),
    nextReviewAt: isoTime(r.next_review_at),
    intervalMonths: Number(r.interval_months),
    comment: r.comment,
    authMethod: r.auth_method,
  }));
}

/**
 * Set the SOP's review interval: months (1–120), null for the organization's default, or
 * `exemptReason` for "no periodic review" (then months must be null). Owners, admins and the
 * SOP's owner (403 otherwise). Audited by the database; setting what is already set does nothing.
 */
export async function setReviewInterval(tx: Tx, args: { orgId: string; sopId: string; months: number | null; exemptReason?: string | null }): Promise<ReviewSchedule> {
  const reason = args.exemptReason?.trim() || null;
  if (reason && args.months != null) throw new AppError('validation_failed', 'Choose either an interval or “No periodic review” with a reason, not both.');
  const [sop] = await tx.query('select 1 from public.sops where org_id = $1 and id = $2', [args.orgId, args.sopId]);
  if (!sop) throw notFound();
  await refusalsMapped(() => tx.query('select private.set_review_interval($1, $2, $3)', [args.sopId, args.months, reason]));
  return reviewScheduleOf(tx, args);
}

/**
 * The signing act of "Reviewed, no change" (inside withCeremony, with the fresh claims): the
 * effective version `ref.versionId` is signed over its stored content's hash. A version that is
 * no longer the effective one refuses (409: the hash does not match what is now effective, or
 * the database finds another effective version); exempt SOPs refuse (409). Returns the review.
 */
export async function confirmPeriodicReview(tx: Tx, ref: VersionRef & { comment?: string }): Promise<{ review: PeriodicReview; schedule: ReviewSchedule }> {
  const [v] = await tx.query<{ content: unknown }>('select content from public.sop_versions where org_id = $1 and sop_id = $2 and id = $3', [ref.orgId, ref.sopId, ref.versionId]);
  if (!v) throw notFound();
  return confirmWithHash(tx, ref, contentHash(v.content), ref.comment);
}

/** confirmPeriodicReview with the hash given (tests: a hash that does not match is refused). */
export async function confirmWithHash(tx: Tx, ref: VersionRef, hash: string, comment?: string): Promise<{ review: PeriodicReview; schedule: ReviewSchedule }> {
  const [row] = await refusalsMapped(() => tx.query<{ id: string }>('select private.confirm_periodic_review($1, $2, $3) as id', [ref.sopId, hash, comment?.trim() ?? '']));
  const reviews = await periodicReviewsOf(tx, ref);
  const review = reviews.find((r) => r.id === row!.id)!;
  return { review, schedule: await reviewScheduleOf(tx, ref) };
}

/** The effective version to sign "Reviewed, no change" on; 409 when there is none. */
export async function effectiveVersionToReview(tx: Tx, ref: { orgId: string; sopId: string }): Promise<string> {
  const s = await reviewScheduleOf(tx, ref);
  if (!s.effectiveVersionId) throw new AppError('conflict', 'This SOP has no effective version to review.');
  if (s.exemptReason) throw new AppError('conflict', 'This SOP is exempt from periodic review.');
  return s.effectiveVersionId;
}
