import { TableHead } from '@/components/ui/table';
import type { AuditEvent } from '@/lib/audit/service';

/** "2026-12-01 14:05:09 UTC" from the trail's microsecond UTC time. */
const when = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** The latest events, each as its sentence and time (the overview); the audit page's table has the rest. */
export function RecentAuditEvents({ events }: { events: AuditEvent[] }) {
  if (!events.length) return <p className="text-sm text-slate-600" data-test="audit-list-empty">Nothing recorded yet.</p>;
  return (
    <ol className="space-y-2 text-sm" data-test="audit-list">
      {events.map((e) => (
        <li key={e.id} className="flex flex-wrap justify-between gap-x-4 gap-y-0.5" data-test="audit-event" data-action={e.action}>
          <span className="min-w-0 wrap-anywhere" data-test="audit-description">{e.description}</span>
          <span className="whitespace-nowrap font-mono text-xs leading-5 text-slate-500" title={e.createdAt}>{when(e.createdAt)}</span>
        </li>
      ))}
    </ol>
  );
}

/** The trail's events in words; each row opens to its raw, hashed fields. */
export function AuditEvents({ events }: { events: AuditEvent[] }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-test="audit-events">
        <TableHead style="card" cell="px-4 py-2" columns={['Time', 'Who', 'Event', 'Seq']} />
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-b border-slate-100 align-top last:border-0" data-test="audit-event" data-action={e.action}>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-slate-600" title={e.createdAt}>{when(e.createdAt)}</td>
              <td className="px-4 py-2">
                {e.actor ? (
                  <>
                    <span className="font-medium wrap-anywhere">{e.actor.name || e.actor.email}</span>
                    {e.actor.name && e.actor.email ? <span className="block text-xs text-slate-500 wrap-anywhere">{e.actor.email}</span> : null}
                  </>
                ) : (
                  <span className="text-slate-500">System</span>
                )}
              </td>
              <td className="px-4 py-2">
                <p className="wrap-anywhere" data-test="audit-description">{e.description}</p>
                <details className="mt-1 text-xs text-slate-600">
                  <summary className="cursor-pointer select-none text-slate-500 hover:text-brand-700">Recorded fields</summary>
                  <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 font-mono">
                    <dt>action</dt><dd>{e.action}</dd>
                    <dt>target</dt><dd className="break-all">{e.targetType} {e.targetId}</dd>
                    {e.reason ? (<><dt>reason</dt><dd className="whitespace-pre-wrap">{e.reason}</dd></>) : null}
                    <dt>data</dt><dd className="whitespace-pre-wrap break-all">{e.dataText}</dd>
                    <dt>time</dt><dd>{e.createdAt}</dd>
                    <dt>prev hash</dt><dd className="break-all">{e.prevHash || '(first event)'}</dd>
                    <dt>hash</dt><dd className="break-all">{e.hash}</dd>
                  </dl>
                </details>
              </td>
              <td className="whitespace-nowrap px-4 py-2 font-mono text-xs text-slate-500">{e.seq}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
