'use client';
/**
 * What the SOP's owner, an owner or an admin does in the "Periodic review" panel: change the
 * interval (months, the organization's default, or no periodic review with a reason) and, for
 * an effective SOP, choose "Reviewed, no change" (the signing ceremony: the meaning's statement,
 * password and, when enrolled, the authenticator code; posts to …/periodic-reviews) or "Start a
 * revision" (the editor; the revision restarts the clock when it becomes effective).
 */
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { BusyButton, inputClass, ReauthFields, RefusalAlert, useSigning } from '@/components/document-control/reauth';
import { ActionForm, Alert, SubmitButton } from '@/components/ui/form';
import { MEANING_STATEMENTS, MEANING_WORDS } from '@/lib/document-control/words';
import type { SignerCheck } from '@/lib/document-control/page-context';
import { setReviewIntervalAction } from '@/lib/review/actions';

type Mode = 'default' | 'months' | 'exempt';

function IntervalForm({ slug, sopId, mode: initial, months, orgMonths, reason }: { slug: string; sopId: string; mode: Mode; months: number | null; orgMonths: number; reason: string }) {
  const [mode, setMode] = useState<Mode>(initial);
  const choices: [Mode, string][] = [
    ['default', `Organization default (every ${orgMonths} months)`],
    ['months', 'Every … months'],
    ['exempt', 'No periodic review'],
  ];
  return (
    <ActionForm action={setReviewIntervalAction} hidden={{ slug, sopId }} className="space-y-3" test="review-interval-form">
      {(state) => (
        <>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">How often is this SOP reviewed?</legend>
            <div className="flex flex-wrap gap-2">
              {choices.map(([m, label]) => (
                <label key={m} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm ${mode === m ? 'border-brand-600 bg-brand-50' : 'border-slate-300'}`}>
                  <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} data-test={`interval-${m}`} />
                  {label}
                </label>
              ))}
            </div>
          </fieldset>
          {mode === 'months' ? (
            <div className="max-w-48">
              <label htmlFor="review-months" className="block text-sm font-medium text-slate-800">Months between reviews (1–120)</label>
              <input id="review-months" name="months" type="number" min={1} max={120} step={1} required inputMode="numeric" defaultValue={state?.fields?.months ?? months ?? orgMonths} className={inputClass} data-test="interval-months-input" />
            </div>
          ) : null}
          {mode === 'exempt' ? (
            <div>
              <label htmlFor="review-reason" className="block text-sm font-medium text-slate-800">Why this SOP needs no periodic review (required)</label>
              <textarea id="review-reason" name="reason" rows={2} required minLength={3} maxLength={500} defaultValue={state?.fields?.reason ?? reason} className={inputClass} data-test="interval-reason" />
              <p className="mt-1 text-xs text-slate-500">Recorded in the audit trail and printed on the exported document.</p>
            </div>
          ) : null}
          <SubmitButton pendingText="Saving…" width="w-48" variant="secondary" test="interval-save">Save interval</SubmitButton>
        </>
      )}
    </ActionForm>
  );
}

function ReviewCeremony({ slug, sopId, signer, onCancel }: { slug: string; sopId: string; signer: Extract<SignerCheck, { ok: true }>; onCancel: () => void }) {
  const router = useRouter();
  const { busy, refusal, askTotp, run } = useSigning(signer.needsTotp);
  const [done, setDone] = useState<string | null>(null);

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const comment = String(new FormData(e.currentTarget).get('comment') ?? '');
    const r = await run<{ schedule: { dueDate: string | null } }>(e.currentTarget, `/api/v1/orgs/${slug}/sops/${sopId}/periodic-reviews`, comment.trim() ? { comment } : {});
    if (r) {
      setDone(r.schedule.dueDate);
      router.refresh();
    }
  }

  if (done !== null) {
    return <Alert kind="notice">Signed: reviewed, no change. The next periodic review is due on {done} (UTC).</Alert>;
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-slate-50/50 p-4" data-test="review-ceremony" aria-labelledby="review-ceremony-title">
      <h4 id="review-ceremony-title" className="text-sm font-semibold">Sign the periodic review: {MEANING_WORDS.reviewed_no_change}</h4>
      <div>
        <label htmlFor="review-comment" className="block text-sm font-medium text-slate-800">Comment (optional)</label>
        <textarea id="review-comment" name="comment" rows={2} maxLength={2000} className={inputClass} data-test="review-comment" placeholder="What you checked, e.g. against the current line layout" />
      </div>
      <ReauthFields signer={signer} statement={MEANING_STATEMENTS.reviewed_no_change} askTotp={askTotp} idPrefix="review" />
      <RefusalAlert refusal={refusal} />
      <div className="flex flex-wrap gap-2">
        <BusyButton busy={busy} busyText="Signing…" test="review-sign-submit">Sign as {MEANING_WORDS.reviewed_no_change}</BusyButton>
        <button type="button" onClick={onCancel} disabled={busy} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600 disabled:opacity-60">Cancel</button>
      </div>
    </form>
  );
}

export function ReviewActions({
  slug,
  sopId,
  mode,
  months,
  orgMonths,
  reason,
  signer,
  editHref,
}: {
  slug: string;
  sopId: string;
  mode: Mode;
  months: number | null;
  orgMonths: number;
  reason: string;
  signer: SignerCheck | null;
  editHref: string | null;
}) {
  const [open, setOpen] = useState<'none' | 'sign' | 'interval'>('none');
  return (
    <div className="space-y-3 border-t border-slate-100 pt-4">
      {signer ? (
        <div className="space-y-2">
          <p className="text-sm text-slate-700">Reviewed the effective revision? Record the outcome:</p>
          <div className="flex flex-wrap gap-2">
            {signer.ok ? (
              <button type="button" onClick={() => setOpen(open === 'sign' ? 'none' : 'sign')} aria-expanded={open === 'sign'} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700" data-test="review-no-change">
                Reviewed, no change…
              </button>
            ) : null}
            {editHref ? (
              <Link href={editHref} className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600" data-test="review-start-revision">
                Start a revision
              </Link>
            ) : null}
          </div>
          {!signer.ok ? <p className="text-sm text-amber-800" data-test="review-signer-refusal">{signer.message}</p> : null}
          {!editHref ? <p className="text-xs text-slate-500">To change the SOP, an author, admin or owner starts a revision in the editor.</p> : <p className="text-xs text-slate-500">A revision restarts the review clock when it becomes effective.</p>}
          {open === 'sign' && signer.ok ? <ReviewCeremony slug={slug} sopId={sopId} signer={signer} onCancel={() => setOpen('none')} /> : null}
        </div>
      ) : null}
      <div>
        <button type="button" onClick={() => setOpen(open === 'interval' ? 'none' : 'interval')} aria-expanded={open === 'interval'} className="text-sm font-medium text-brand-700 underline" data-test="review-change-interval">
          Change the review interval
        </button>
        {open === 'interval' ? (
          <div className="mt-3">
            <IntervalForm slug={slug} sopId={sopId} mode={mode} months={months} orgMonths={orgMonths} reason={reason} />
          </div>
        ) : null}
      </div>
    </div>
  );
}
