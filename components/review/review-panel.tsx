/**
 * The SOP page's "Periodic review" panel: the interval in force, the next review date (UTC)
 * with its state, the last review; for owners, admins and the SOP's owner the interval form
 * and, for an effective SOP, "Reviewed, no change" (the signing ceremony) or "Start a
 * revision" (the editor); and the signed reviews, newest first.
 */
import { formatUtcSeconds } from '@/lib/format';
import type { SopReviewPanel } from '@/lib/review/page-context';
import { ReviewBadge } from './review-badge';
import { ReviewActions } from './review-actions';

export function intervalWords(s: SopReviewPanel['schedule']): string {
  if (s.exemptReason) return 'No periodic review';
  const n = s.intervalMonths ?? s.orgIntervalMonths;
  return `Every ${n} month${n === 1 ? '' : 's'} (${s.sopIntervalMonths == null ? 'organization default' : 'set for this SOP'})`;
}

export function ReviewPanel({ slug, sopId, data, canEdit }: { slug: string; sopId: string; data: SopReviewPanel; canEdit: boolean }) {
  const { schedule: s, reviews, canManage, signer } = data;
  const effective = Boolean(s.effectiveVersionId);
  return (
    <section className="space-y-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm" data-test="review-panel" aria-labelledby="review-title">
      <h3 id="review-title" className="text-base font-semibold">Periodic review</h3>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-600">Interval</dt>
        <dd data-test="review-interval">
          {intervalWords(s)}
          {s.exemptReason ? <span className="block whitespace-pre-wrap text-slate-600 wrap-anywhere" data-test="review-exempt-reason">Reason: {s.exemptReason}</span> : null}
        </dd>
        <dt className="font-medium text-slate-600">Next review</dt>
        <dd className="flex flex-wrap items-center gap-2" data-test="review-next">
          {s.dueDate && s.state && s.daysLeft != null ? (
            <>
              <time dateTime={s.nextReviewAt ?? undefined} className="font-medium" data-test="review-due-date">{s.dueDate}</time>
              <span className="text-xs text-slate-500">(UTC)</span>
              <ReviewBadge review={{ state: s.state, daysLeft: s.daysLeft, dueDate: s.dueDate }} />
            </>
          ) : s.exemptReason ? (
            <span className="text-slate-600">Not scheduled</span>
          ) : (
            <span className="text-slate-600">Scheduled once a version is effective.</span>
          )}
        </dd>
        {effective ? (
          <>
            <dt className="font-medium text-slate-600">Last review</dt>
            <dd data-test="review-last">
              {s.lastReviewedAt ? (
                <>
                  {s.lastReviewedBy}, <time dateTime={s.lastReviewedAt}>{formatUtcSeconds(s.lastReviewedAt)}</time>
                </>
              ) : (
                <span className="text-slate-600">None of this revision yet{s.effectiveAt && !s.exemptReason ? `: the clock runs from its effective date, ${s.effectiveAt.slice(0, 10)}` : ''}.</span>
              )}
            </dd>
          </>
        ) : null}
      </dl>
      {canManage ? (
        <ReviewActions
          slug={slug}
          sopId={sopId}
          mode={s.exemptReason ? 'exempt' : s.sopIntervalMonths != null ? 'months' : 'default'}
          months={s.sopIntervalMonths}
          orgMonths={s.orgIntervalMonths}
          reason={s.exemptReason ?? ''}
          signer={signer}
          editHref={canEdit ? `/o/${slug}/sops/${sopId}/edit` : null}
        />
      ) : null}
      <div className="space-y-2">
        <h4 className="text-sm font-semibold text-slate-800">Signed periodic reviews</h4>
        {reviews.length === 0 ? (
          <p className="text-sm text-slate-600" data-test="review-history-empty">None yet.</p>
        ) : (
          <ol className="divide-y divide-slate-100 rounded-lg border border-slate-200" data-test="review-history">
            {reviews.map((r) => (
              <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-4 py-3 text-sm" data-test="review-history-row">
                <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-800">Reviewed, no change</span>
                <span className="font-medium text-slate-900" data-test="review-history-name">{r.signerName}</span>
                <time dateTime={r.reviewedAt} className="font-mono text-xs text-slate-600">{formatUtcSeconds(r.reviewedAt)}</time>
                <span className="text-xs text-slate-500">revision {r.revisionLabel || '—'} · next review {r.nextReviewAt.slice(0, 10)}</span>
                {r.comment ? <p className="w-full whitespace-pre-wrap text-slate-700 wrap-anywhere" data-test="review-history-comment">“{r.comment}”</p> : null}
              </li>
            ))}
          </ol>
        )}
      </div>
      {!canManage && effective && !s.exemptReason ? (
        <p className="text-xs text-slate-500">The SOP’s owner, an owner or an admin signs its periodic review.</p>
      ) : null}
    </section>
  );
}
