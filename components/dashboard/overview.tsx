/**
 * The overview's dashboard, what a QA manager checks on Monday: headline figures, SOPs by
 * status, periodic reviews by when they fall due, training completion per SOP and per
 * department, and the versions waiting for a signature or their effective date. Each figure
 * links to the list behind it. Figures come from lib/orgs/dashboard.ts; nothing is computed
 * here but percentages and bar lengths (./chart-math).
 */
import Link from 'next/link';
import { STATE_WORDS } from '@/lib/document-control/words';
import { formatUtc } from '@/lib/format';
import type { OrgDashboard, ReviewDue, WaitingVersion } from '@/lib/orgs/dashboard';
import { SOP_STATUSES, type SopStatus } from '@/lib/sops/service';
import { BarList, ChartCard, CompletionLegend, CompletionRow, EmptyChart, FOCUS, type BarRow, type Tone } from './bars';
import { barLength, completion, percentText, plural, waitedWords } from './chart-math';

const LINK = `text-brand-700 underline ${FOCUS}`;

const STATUS_WORDS: Record<SopStatus, string> = { draft: 'Draft', in_review: 'In review', approved: 'Approved', effective: 'Effective', obsolete: 'Obsolete' };
const STATUS_TONE: Record<SopStatus, Tone> = { draft: 'slate', in_review: 'amber', approved: 'sky', effective: 'emerald', obsolete: 'slateLight' };
const SOP_UNIT: [string, string] = ['SOP', 'SOPs'];

export const sopsHref = (slug: string, q: Record<string, string>) => `/o/${slug}/sops?${new URLSearchParams(q)}`;
export const trainingHref = (slug: string, q: Record<string, string> = {}) => `/o/${slug}/training${Object.keys(q).length ? `?${new URLSearchParams(q)}` : ''}`;
const versionHref = (slug: string, v: { sopId: string; versionId: string }) => `/o/${slug}/sops/${v.sopId}/versions/${v.versionId}`;

/** Four figures at the top, each a link: effective SOPs, reviews overdue, training completion, versions waiting. */
export function Headline({ slug, d }: { slug: string; d: OrgDashboard }) {
  const total = SOP_STATUSES.reduce((s, k) => s + d.sopsByStatus[k], 0);
  const tc = completion(d.training.total);
  const tile = (key: string, href: string, label: string, value: string, note: string, alert: boolean) => (
    <li key={key} className="min-w-0">
      <Link
        href={href}
        prefetch={false}
        data-test={`headline-${key}`}
        className={`block h-full rounded-xl border bg-white p-4 shadow-sm hover:border-brand-600 ${FOCUS} ${alert ? 'border-red-300' : 'border-slate-200'}`}
      >
        <span className="block text-xs font-medium uppercase tracking-wide text-slate-500">{label}</span>
        <span className={`mt-1 block text-2xl font-semibold tabular-nums ${alert ? 'text-red-700' : 'text-slate-900'}`}>
          {alert ? <span aria-hidden="true">⚠ </span> : null}
          {value}
        </span>
        <span className={`mt-0.5 block text-xs ${alert ? 'font-medium text-red-700' : 'text-slate-600'}`}>{note}</span>
      </Link>
    </li>
  );
  return (
    <ul className="grid grid-cols-2 gap-3 lg:grid-cols-4" aria-label="At a glance" data-test="headline">
      {tile('effective', sopsHref(slug, { status: 'effective' }), 'Effective SOPs', String(d.sopsByStatus.effective), `of ${plural(total, 'SOP')} in all`, false)}
      {tile('reviews', sopsHref(slug, { review: 'overdue' }), 'Reviews overdue', String(d.reviews.buckets.overdue), `${d.reviews.buckets.due30} due within 30 days`, d.reviews.buckets.overdue > 0)}
      {tile(
        'training',
        trainingHref(slug),
        'Training complete',
        tc.required ? percentText(tc.current, tc.required) : '–',
        tc.required ? `${tc.label} read${tc.overdue ? ` · ${tc.overdue} overdue` : ''}` : d.training.effectiveSops ? 'no one assigned yet' : 'no SOP effective yet',
        tc.overdue > 0,
      )}
      {tile('approvals', sopsHref(slug, { status: 'in_review' }), 'Waiting for signature', String(d.approvals.inFlight), `${d.approvals.approved} approved, not yet effective`, false)}
    </ul>
  );
}

/** SOPs by status: one bar per status, each to the list filtered by it. */
export function StatusChart({ slug, d, canEdit }: { slug: string; d: OrgDashboard; canEdit: boolean }) {
  const total = SOP_STATUSES.reduce((s, k) => s + d.sopsByStatus[k], 0);
  const rows: BarRow[] = SOP_STATUSES.map((s) => ({ key: s, label: STATUS_WORDS[s], value: d.sopsByStatus[s], unit: SOP_UNIT, tone: STATUS_TONE[s], href: sopsHref(slug, { status: s }) }));
  return (
    <ChartCard id="chart-status" title="SOPs by status" test="chart-status" description={total ? `${plural(total, 'SOP')} in this organization. Select a bar for the list.` : undefined}>
      {total ? (
        <BarList rows={rows} test="status-bars" />
      ) : (
        <EmptyChart title="No SOPs yet" test="status-empty">
          {canEdit ? (
            <Link href={`/o/${slug}/sops/new`} className={LINK}>
              Draft the first SOP
            </Link>
          ) : (
            'An author drafts the first SOP; it is counted here from its first save.'
          )}
        </EmptyChart>
      )}
    </ChartCard>
  );
}

const dueWords = (r: ReviewDue) => (r.overdue ? `overdue by ${plural(Math.max(1, -r.days), 'day')}` : r.days === 0 ? 'due today' : `due in ${plural(r.days, 'day')}`);

/** Periodic reviews by when they fall due (public.sop_review_schedule against the database clock), and the soonest named. */
export function ReviewChart({ slug, d }: { slug: string; d: OrgDashboard }) {
  const b = d.reviews.buckets;
  const scheduled = b.overdue + b.due30 + b.later;
  const rows: BarRow[] = [
    { key: 'overdue', label: 'Overdue', value: b.overdue, unit: SOP_UNIT, tone: 'red', striped: true, href: sopsHref(slug, { review: 'overdue' }) },
    { key: 'due30', label: 'Due within 30 days', value: b.due30, unit: SOP_UNIT, tone: 'amber', href: sopsHref(slug, { review: 'due30' }) },
    { key: 'later', label: 'Later', value: b.later, unit: SOP_UNIT, tone: 'emerald' },
    { key: 'exempt', label: 'Exempt', value: b.exempt, unit: SOP_UNIT, tone: 'slateLight', note: 'not scheduled: no periodic review' },
    { key: 'not_effective', label: 'Not effective yet', value: b.not_effective, unit: SOP_UNIT, tone: 'slateLight', note: 'not scheduled: draft, in review, approved' },
  ];
  return (
    <ChartCard
      id="chart-reviews"
      title="Periodic reviews"
      test="chart-reviews"
      description="When the effective SOPs are next due for periodic review. Obsolete SOPs are not reviewed."
      footer={
        d.reviews.soonest.length ? (
          <>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Due soonest</h3>
            <ul className="mt-2 space-y-1.5" data-test="reviews-soonest">
              {d.reviews.soonest.map((r) => (
                <li key={r.sopId} className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <Link href={`/o/${slug}/sops/${r.sopId}`} prefetch={false} className={`min-w-0 text-brand-700 wrap-anywhere hover:underline ${FOCUS}`}>
                    <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{r.docNumber}</span>
                    {r.title}
                  </Link>
                  <span className={`whitespace-nowrap text-xs ${r.overdue ? 'font-semibold text-red-700' : 'text-amber-800'}`}>
                    {r.overdue ? <span aria-hidden="true">⚠ </span> : null}
                    {dueWords(r)} · {r.nextReviewAt.slice(0, 10)}
                  </span>
                </li>
              ))}
            </ul>
          </>
        ) : null
      }
    >
      {scheduled || b.exempt ? (
        <BarList rows={rows} test="review-bars" />
      ) : (
        <EmptyChart title="No SOP is effective yet" test="reviews-empty">
          Periodic reviews start when a SOP becomes effective: the first is due one review interval (24 months unless set) after that.
        </EmptyChart>
      )}
    </ChartCard>
  );
}

/** Training completion per SOP and per department (public.training_status), worst first, each to the training matrix. */
export function TrainingCharts({ slug, d, canAssign }: { slug: string; d: OrgDashboard; canAssign: boolean }) {
  const t = d.training;
  const tc = completion(t.total);
  if (t.effectiveSops === 0) {
    return (
      <ChartCard id="chart-training" title="Training completion" test="chart-training">
        <EmptyChart title="No SOP is effective yet: training and reviews start when one becomes effective." test="training-empty">
          Then everyone assigned to read it gets a read-and-understood task, due in the organization’s training period (14 days unless set).
        </EmptyChart>
      </ChartCard>
    );
  }
  return (
    <ChartCard
      id="chart-training"
      title="Training completion"
      test="chart-training"
      description={
        tc.required ? (
          <>
            Read-and-understood of the effective revision, of those required to read it: <strong className="text-slate-900">{percentText(tc.current, tc.required)}</strong> ({tc.label})
            {tc.overdue ? <span className="font-semibold text-red-700"> · {tc.overdue} overdue</span> : null}. Lowest first.
          </>
        ) : (
          'Read-and-understood of the effective revision, of those required to read it.'
        )
      }
      footer={
        <div className="flex flex-wrap items-center justify-between gap-3">
          <CompletionLegend />
          <Link href={trainingHref(slug)} prefetch={false} className={LINK}>
            Training matrix
          </Link>
        </div>
      }
    >
      {t.sopCount === 0 ? (
        <EmptyChart title="No one is assigned to read the effective SOPs yet" test="training-unassigned">
          {canAssign
            ? 'Open an effective SOP and choose who must read it: a person, everyone with a role, or a department.'
            : 'An owner or admin chooses who must read each effective SOP: a person, everyone with a role, or a department.'}
        </EmptyChart>
      ) : (
        <div className="grid gap-6 xl:grid-cols-2">
          <div className="min-w-0">
            <h3 className="text-sm font-semibold text-slate-700">Per SOP</h3>
            <ul className="mt-2 space-y-0.5" data-test="training-by-sop">
              {t.bySop.map((s) => (
                <CompletionRow key={s.sopId} test="training-sop" label={s.title} sublabel={s.docNumber} counts={s} href={trainingHref(slug, { sop: s.sopId })} />
              ))}
            </ul>
            <p className="mt-2 px-2 text-xs text-slate-500">
              {t.sopCount > t.bySop.length ? `The ${t.bySop.length} lowest of ${t.sopCount} SOPs with readers. ` : null}
              {t.unassignedSops ? `${plural(t.unassignedSops, 'effective SOP has', 'effective SOPs have')} no one assigned to read ${t.unassignedSops === 1 ? 'it' : 'them'}.` : null}
            </p>
          </div>
          <div className="min-w-0">
            <h3 className="text-sm font-semibold text-slate-700">Per department</h3>
            <ul className="mt-2 space-y-0.5" data-test="training-by-department">
              {t.byDepartment.map((x) => (
                <CompletionRow
                  key={x.department || '(none)'}
                  test="training-department"
                  label={x.department || 'No department'}
                  sublabel={plural(x.members, 'member')}
                  counts={x}
                  href={x.department ? trainingHref(slug, { department: x.department }) : undefined}
                />
              ))}
            </ul>
            {t.departmentCount > t.byDepartment.length ? <p className="mt-2 px-2 text-xs text-slate-500">The {t.byDepartment.length} lowest of {t.departmentCount} departments.</p> : null}
          </div>
        </div>
      )}
    </ChartCard>
  );
}

function WaitingRow({ slug, v, max }: { slug: string; v: WaitingVersion; max: number }) {
  return (
    <li className="py-2.5 first:pt-0 last:pb-0" data-test="waiting-version" data-state={v.state}>
      <Link href={versionHref(slug, v)} prefetch={false} className={`font-medium text-brand-700 wrap-anywhere hover:underline ${FOCUS}`}>
        <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{v.docNumber}</span>
        {v.title}
      </Link>
      <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-0.5 text-xs text-slate-600">
        <span className="whitespace-nowrap rounded-full bg-amber-100 px-2 py-0.5 font-semibold text-amber-800">{STATE_WORDS[v.state]}</span>
        <span>
          version {v.versionLabel}
          {v.revisionKind ? `, ${v.revisionKind} revision` : null}
        </span>
      </p>
      <div className="mt-1 flex items-center gap-3">
        <span className="h-1.5 min-w-0 flex-1 overflow-hidden rounded-sm bg-slate-100" aria-hidden="true">
          <span className="block h-full rounded-sm bg-amber-500" style={{ width: `${barLength(v.waitedSeconds, max)}%` }} />
        </span>
        <span className="shrink-0 text-xs tabular-nums text-slate-700" data-test="waited">
          waiting {waitedWords(v.waitedSeconds)}
        </span>
      </div>
      <p className="mt-0.5 text-xs text-slate-500 wrap-anywhere">
        {v.waitingFor.length ? <span className="text-slate-700">Waiting for {v.waitingFor.join(', ')}</span> : null}
        {v.waitingFor.length && v.submittedAt ? ' · ' : null}
        {v.submittedAt ? `submitted ${formatUtc(v.submittedAt)}` : null}
      </p>
    </li>
  );
}

/** Versions in review or approval, oldest first, with how long they have waited; approved versions waiting for their date. */
export function ApprovalsPanel({ slug, d }: { slug: string; d: OrgDashboard }) {
  const a = d.approvals;
  const max = Math.max(0, ...a.pending.map((v) => v.waitedSeconds));
  return (
    <ChartCard
      id="chart-approvals"
      title="Pending approvals"
      test="chart-approvals"
      description={
        a.inFlight ? (
          <>
            <Link href={sopsHref(slug, { status: 'in_review' })} prefetch={false} className={LINK} data-test="approvals-count">
              {plural(a.inFlight, 'version')} in review or approval
            </Link>
            , oldest first; the bar is how long each has waited.
          </>
        ) : undefined
      }
      footer={
        a.approved ? (
          <>
            <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Approved, not yet effective ({a.approved})</h3>
            <ul className="mt-2 space-y-1.5" data-test="approved-waiting">
              {a.scheduled.map((v) => (
                <li key={v.versionId} className="flex flex-wrap items-baseline justify-between gap-x-3">
                  <Link href={versionHref(slug, v)} prefetch={false} className={`min-w-0 text-brand-700 wrap-anywhere hover:underline ${FOCUS}`}>
                    <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{v.docNumber}</span>
                    {v.title}
                  </Link>
                  <span className="whitespace-nowrap text-xs text-sky-800">{v.effectiveFrom ? `effective on ${v.effectiveFrom.slice(0, 10)}` : 'no effective date'}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null
      }
    >
      {a.pending.length ? (
        <ul className="divide-y divide-slate-100" data-test="waiting-versions">
          {a.pending.map((v) => (
            <WaitingRow key={v.versionId} slug={slug} v={v} max={max} />
          ))}
        </ul>
      ) : (
        <EmptyChart title="Nothing waits for review or approval" test="approvals-empty">
          When an author submits a version, it is listed here with who has yet to sign, until it is approved or rejected.
        </EmptyChart>
      )}
      {a.inFlight > a.pending.length ? <p className="mt-2 text-xs text-slate-500">The {a.pending.length} oldest of {a.inFlight}.</p> : null}
    </ChartCard>
  );
}
