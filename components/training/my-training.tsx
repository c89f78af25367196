/** My tasks' "Everything I must read": the signed-in user's open read-and-understood tasks, overdue first. */
import Link from 'next/link';
import { TableHead } from '@/components/ui/table';
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
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table className="w-full text-left text-sm" data-test="training-task-list">
            <TableHead style="card" cell="px-4 py-2" columns={['SOP', 'Revision', 'Due', '']} />
            <tbody>
              {tasks.map((t) => (
                <tr key={t.taskId} className="border-b border-slate-100 align-top last:border-0" data-test="training-task" data-status={t.status}>
                  <td className="min-w-44 px-4 py-3">
                    <p className="font-mono text-xs text-slate-500">{t.docNumber}</p>
                    <Link href={t.href} prefetch={false} className="font-medium text-brand-700 hover:underline">{t.sopTitle}</Link>
                  </td>
                  <td className="px-4 py-3 font-medium">{t.revision}</td>
                  <td className="whitespace-nowrap px-4 py-3">
                    <span className="flex flex-wrap items-center gap-2">
                      {utcDay(t.dueAt)}
                      {t.status === 'overdue' ? <TrainingBadge status="overdue" /> : null}
                    </span>
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Link href={`${t.href}#training-title`} prefetch={false} className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700" aria-label={`Read ${t.docNumber} ${t.sopTitle} and sign it`}>
                      Read and sign
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
