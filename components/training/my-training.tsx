/** My tasks' "Everything I must read": the signed-in user's open read-and-understood tasks, overdue first. */
import Link from 'next/link';
import { utcDay } from '@/lib/training/emails';
import type { MyTrainingTask } from '@/lib/training/service';
import { TrainingBadge } from './training-badge';

export function MyTraining({ tasks }: { tasks: MyTrainingTask[] }) {
  return (
    <section className="space-y-2" data-test="my-training" aria-labelledby="my-training-title">
      <div>
        <h3 id="my-training-title" className="text-lg font-semibold">Everything I must read</h3>
        <p className="text-sm text-slate-600">SOPs you must read and sign as read and understood, overdue first. Open one to read it and sign.</p>
      </div>
      {tasks.length === 0 ? (
        <p className="rounded-xl border border-dashed border-slate-300 bg-white px-4 py-6 text-center text-sm text-slate-600" data-test="my-training-empty">
          Nothing to read. When a SOP assigned to you (or your role or department) becomes effective, it is listed here until you sign it.
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm" data-test="training-task-list">
          {tasks.map((t) => (
            <li key={t.taskId} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm" data-test="training-task" data-status={t.status}>
              <div className="min-w-0 wrap-anywhere">
                <p className="font-mono text-xs text-slate-500">{t.docNumber}</p>
                <Link href={t.href} prefetch={false} className="font-medium text-brand-700 hover:underline">{t.sopTitle}</Link>
                <p className="mt-0.5 flex flex-wrap items-center gap-x-2 gap-y-1 text-slate-600">
                  <span>Revision {t.revision}</span>
                  <span aria-hidden>·</span>
                  <span>{t.status === 'overdue' ? `was due ${utcDay(t.dueAt)}` : `due ${utcDay(t.dueAt)}`}</span>
                  {t.status === 'overdue' ? <TrainingBadge status="overdue" /> : null}
                </p>
              </div>
              <Link href={`${t.href}#training-title`} prefetch={false} className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700" aria-label={`Read ${t.docNumber} ${t.sopTitle} and sign it`}>
                Read and sign
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
