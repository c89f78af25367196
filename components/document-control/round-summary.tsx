/** The current routing round of a version: revision kind, reason for change, approval rule and who is asked, with who has signed. */
import type { Round } from '@/lib/document-control/service';
import { approvalRuleInWords } from '@/lib/document-control/words';
import { formatUtc } from '@/lib/format';

export function RoundSummary({ round, submitterName }: { round: Round; submitterName: string }) {
  const steps = [
    { step: 'review' as const, title: 'Reviewers' },
    { step: 'approval' as const, title: 'Approvers' },
  ];
  return (
    <div className="space-y-3 text-sm" data-test="round">
      <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-500">Round</dt>
        <dd data-test="round-number">{round.round}, submitted {formatUtc(round.submittedAt)}{submitterName ? ` by ${submitterName}` : ''}</dd>
        <dt className="text-slate-500">Revision</dt>
        <dd data-test="round-kind">{round.revisionKind === 'major' ? 'Major' : 'Minor'}</dd>
        <dt className="text-slate-500">Reason for change</dt>
        <dd className="whitespace-pre-wrap" data-test="round-reason">{round.changeReason}</dd>
        <dt className="text-slate-500">Approval</dt>
        <dd data-test="round-rule">{approvalRuleInWords(round.approvalRule, round.approvalsRequired)}</dd>
        {round.effectiveFrom ? (
          <>
            <dt className="text-slate-500">Effective from</dt>
            <dd data-test="round-effective-from">{formatUtc(round.effectiveFrom)}</dd>
          </>
        ) : null}
      </dl>
      <div className="grid gap-3 sm:grid-cols-2">
        {steps.map(({ step, title }) => {
          const tasks = round.tasks.filter((t) => t.step === step);
          return (
            <div key={step}>
              <h4 className="font-medium text-slate-800">{title}</h4>
              {tasks.length === 0 ? (
                <p className="text-slate-500">None{step === 'review' ? ': straight to approval' : ''}.</p>
              ) : (
                <ul className="mt-1 space-y-1" data-test={`${step}-tasks`}>
                  {tasks.map((t) => (
                    <li key={t.id} className="flex items-center gap-2" data-test="task" data-done={String(t.done)}>
                      <span aria-hidden className={t.done ? 'text-emerald-700' : 'text-slate-400'}>{t.done ? '✓' : '○'}</span>
                      <span>{t.assigneeName || t.assigneeEmail}</span>
                      <span className="text-xs text-slate-500">{t.done ? 'signed' : 'waiting'}</span>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}
