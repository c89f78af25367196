import type { Metadata } from 'next';
import Link from 'next/link';
import { MyTraining } from '@/components/training/my-training';
import { TableHead } from '@/components/ui/table';
import { loadMyTasks } from '@/lib/document-control/page-context';
import { STEP_WORDS } from '@/lib/document-control/words';
import { formatUtc } from '@/lib/format';
import { loadMyTraining } from '@/lib/training/page-context';

export const metadata: Metadata = { title: 'My tasks' };

export default async function MyTasksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, org, tasks } = await loadMyTasks(slug);
  const reading = await loadMyTraining(user, org);
  return (
    <div className="flex flex-col gap-6">
      <div>
        <h2 className="text-xl font-semibold">My tasks</h2>
        <p className="text-sm text-slate-600">What waits for you in {org.name}: versions to review or approve, oldest first, and SOPs to read and sign as read and understood.</p>
      </div>
      {/* Someone with only reading to do sees it first. */}
      <div className={`space-y-4 ${reading.length && !tasks.length ? 'order-last' : ''}`}>
        <h3 className="text-lg font-semibold">Review and approval</h3>
        {tasks.length === 0 ? (
          <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center" data-test="tasks-empty">
            <p className="text-lg font-medium">{reading.length ? 'No review or approval waits for you' : 'Nothing waits for you'}</p>
            <p className="mt-1 text-sm text-slate-600">When someone submits a version for you to review or approve, it is listed here until you sign it.</p>
            <Link href={`/o/${org.slug}/sops`} className="mt-4 inline-block text-sm text-brand-700 underline">Go to the SOPs</Link>
          </div>
        ) : (
          <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
            <table className="w-full text-left text-sm" data-test="task-list">
              <TableHead style="card" cell="px-4 py-2" columns={['SOP', 'Step', 'Revision', 'Reason for change', 'Submitted by', '']} />
              <tbody>
                {tasks.map((t) => (
                  <tr key={t.taskId} className="border-b border-slate-100 align-top last:border-0" data-test="task">
                    <td className="min-w-44 px-4 py-3">
                      <p className="font-mono text-xs text-slate-500">{t.docNumber}</p>
                      <Link href={t.href} prefetch={false} className="font-medium text-brand-700 hover:underline">{t.sopTitle}</Link>
                    </td>
                    <td className="px-4 py-3">
                      <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${t.step === 'review' ? 'bg-amber-100 text-amber-800' : 'bg-sky-100 text-sky-800'}`}>{STEP_WORDS[t.step]}</span>
                    </td>
                    <td className="px-4 py-3">
                      <span className="font-medium">{t.resultingRevision}</span>
                      <span className="block text-xs text-slate-500">
                        {t.revisionKind} revision, version {t.versionLabel}
                      </span>
                      {t.effectiveFrom ? <span className="block text-xs text-slate-500">effective on {formatUtc(t.effectiveFrom)}</span> : null}
                    </td>
                    <td className="min-w-44 whitespace-pre-line px-4 py-3 text-slate-700">{t.changeReason}</td>
                    <td className="px-4 py-3">
                      {t.submittedBy.name}
                      <span className="block whitespace-nowrap text-xs text-slate-500">{formatUtc(t.submittedAt)}</span>
                    </td>
                    <td className="px-4 py-3 text-right">
                      <Link
                        href={t.href}
                        prefetch={false}
                        className="whitespace-nowrap rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700"
                        aria-label={`Open ${t.docNumber} ${t.sopTitle} to ${t.step === 'review' ? 'review' : 'approve'}`}
                      >
                        Open
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
      <MyTraining tasks={reading} />
    </div>
  );
}
