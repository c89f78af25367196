'use client';
/**
 * Submit a version for review and approval, signed "Authored": reviewers and approvers chosen
 * from the members whose role may approve (the author is not offered as a reviewer), at first
 * those of the organization's defaults for the SOP's department (else any department), major
 * or minor revision with the label it will get, the required reason for change, the approval
 * rule (all, or any N), an optional effective date, then the password (and code). The
 * database has the last word on routing (e.g. the author as only approver): its refusal is
 * shown as it says it.
 */
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Candidate, Preselection } from '@/lib/document-control/page-context';
import type { RevisionKind } from '@/lib/document-control/service';
import { MEANING_STATEMENTS, nextRevisionLabel } from '@/lib/document-control/words';
import { ROLE_LABELS, type Role } from '@/lib/orgs/permissions';
import { BusyButton, inputClass, ReauthFields, RefusalAlert, useSigning, type Signer } from './reauth';

function People({ title, hint, people, chosen, toggle, test }: { title: string; hint: string; people: Candidate[]; chosen: string[]; toggle: (id: string) => void; test: string }) {
  return (
    <fieldset className="space-y-1" data-test={test}>
      <legend className="text-sm font-medium text-slate-800">{title}</legend>
      <p className="text-xs text-slate-500">{hint}</p>
      {people.length === 0 ? <p className="text-sm text-slate-600">Nobody in this organization can be chosen.</p> : null}
      <div className="flex flex-wrap gap-2">
        {people.map((p) => (
          <label key={p.userId} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-1.5 text-sm ${chosen.includes(p.userId) ? 'border-brand-600 bg-brand-50' : 'border-slate-300'}`}>
            <input type="checkbox" checked={chosen.includes(p.userId)} onChange={() => toggle(p.userId)} data-email={p.email} />
            <span>{p.name}</span>
            <span className="text-xs text-slate-500">{ROLE_LABELS[p.role as Role]?.label ?? p.role}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function SubmitForm({
  url,
  candidates,
  notReviewers,
  effectiveLabel,
  signer,
  preselected,
}: {
  url: string;
  candidates: Candidate[];
  notReviewers: string[];
  effectiveLabel: string | null;
  signer: Signer;
  /** The organization's defaults for the SOP's department (or any department), already limited to the candidates. */
  preselected: Preselection | null;
}) {
  const router = useRouter();
  const [kind, setKind] = useState<RevisionKind>('major');
  const [reviewers, setReviewers] = useState<string[]>(() => (preselected?.reviewers ?? []).filter((id) => !notReviewers.includes(id)));
  const [approvers, setApprovers] = useState<string[]>(() => preselected?.approvers ?? []);
  const [rule, setRule] = useState<'all' | 'any'>('all');
  const { busy, refusal, askTotp, run } = useSigning(signer.needsTotp);
  const toggle = (set: React.Dispatch<React.SetStateAction<string[]>>) => (id: string) => set((xs) => (xs.includes(id) ? xs.filter((x) => x !== id) : [...xs, id]));

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const fd = new FormData(e.currentTarget);
    const effectiveFrom = String(fd.get('effectiveFrom') ?? '');
    const done = await run(e.currentTarget, `${url}/submit`, {
      revisionKind: kind,
      reason: String(fd.get('reason') ?? ''),
      reviewers,
      approvers,
      approvalRule: rule,
      ...(rule === 'any' ? { approvalsRequired: Number(fd.get('approvalsRequired') ?? 1) } : {}),
      ...(effectiveFrom ? { effectiveFrom } : {}),
    });
    if (done) router.refresh();
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-test="submit-form" aria-labelledby="submit-title">
      <h3 id="submit-title" className="text-base font-semibold">Submit for review and approval</h3>
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Revision</legend>
        <div className="flex flex-wrap gap-3">
          {(['major', 'minor'] as const).map((k) => (
            <label key={k} className={`flex cursor-pointer items-center gap-2 rounded-md border px-3 py-2 text-sm ${kind === k ? 'border-brand-600 bg-brand-50' : 'border-slate-300'}`}>
              <input type="radio" name="revisionKind" value={k} checked={kind === k} onChange={() => setKind(k)} data-test={`kind-${k}`} />
              {k === 'major' ? 'Major' : 'Minor'}
              <span className="text-slate-500">
                {effectiveLabel ? `${effectiveLabel} → ` : ''}
                <span data-test={`label-${k}`}>{nextRevisionLabel(effectiveLabel, k)}</span>
              </span>
            </label>
          ))}
        </div>
        {!effectiveLabel ? <p className="text-xs text-slate-500">No effective version yet: the first approved version is 1.0.</p> : null}
      </fieldset>
      <div>
        <label htmlFor="submit-reason" className="block text-sm font-medium text-slate-800">Reason for change</label>
        <textarea id="submit-reason" name="reason" rows={2} required minLength={3} maxLength={2000} className={inputClass} data-test="submit-reason" aria-describedby="submit-reason-hint" />
        <p id="submit-reason-hint" className="mt-1 text-xs text-slate-500">It goes into the revision history and the audit trail.</p>
      </div>
      {preselected && (preselected.reviewers.length > 0 || preselected.approvers.length > 0) ? (
        <p className="text-sm text-slate-600" data-test="submit-preselected">
          Pre-selected from the defaults for {preselected.department ? <span className="font-medium">{preselected.department}</span> : 'any department'}. Change them as needed.
        </p>
      ) : null}
      <People title="Reviewers" hint="Optional. Reviews come before approvals; the author cannot review." people={candidates.filter((c) => !notReviewers.includes(c.userId))} chosen={reviewers} toggle={toggle(setReviewers)} test="reviewers" />
      <People title="Approvers" hint="At least one approver other than the author." people={candidates} chosen={approvers} toggle={toggle(setApprovers)} test="approvers" />
      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-800">Approval rule</legend>
        <div className="flex flex-wrap items-center gap-3 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="approvalRule" value="all" checked={rule === 'all'} onChange={() => setRule('all')} data-test="rule-all" /> Every approver must approve
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="approvalRule" value="any" checked={rule === 'any'} onChange={() => setRule('any')} data-test="rule-any" /> Any
          </label>
          <label className="flex items-center gap-2">
            <span className="sr-only">Number of approvals required</span>
            <input name="approvalsRequired" type="number" min={1} max={Math.max(1, approvers.length)} defaultValue={1} disabled={rule !== 'any'} className="w-16 rounded-md border border-slate-300 px-2 py-1" data-test="approvals-required" />
            of the approvers
          </label>
        </div>
      </fieldset>
      <div>
        <label htmlFor="submit-effective" className="block text-sm font-medium text-slate-800">Effective from (optional)</label>
        <input id="submit-effective" name="effectiveFrom" type="date" className={`${inputClass} max-w-xs`} data-test="submit-effective" aria-describedby="submit-effective-hint" />
        <p id="submit-effective-hint" className="mt-1 text-xs text-slate-500">Empty: effective as soon as it is approved. A later day (from 00:00 UTC): approved now, effective then.</p>
      </div>
      <ReauthFields signer={signer} statement={MEANING_STATEMENTS.authored} askTotp={askTotp} idPrefix="submit" />
      <RefusalAlert refusal={refusal} />
      <BusyButton busy={busy} busyText="Signing and submitting…" test="submit-submit">
        Sign as author and submit
      </BusyButton>
    </form>
  );
}
