import Link from 'next/link';
import { roleWords } from '@/lib/audit/describe';
import { formatUtc } from '@/lib/format';
import { cellIndex, STATUS_WORDS, type MatrixCell, type MatrixPerson, type MatrixSop, type MatrixStatus } from '@/lib/training/matrix';

const day = (iso: string) => formatUtc(iso).slice(0, 10);

const LOOK: Record<MatrixStatus, { icon: string; box: string; word: string }> = {
  current: { icon: '✓', box: 'bg-emerald-50', word: 'text-emerald-800' },
  pending: { icon: '◷', box: 'bg-amber-50', word: 'text-amber-900' },
  overdue: { icon: '!', box: 'bg-red-50', word: 'text-red-800' },
  not_assigned: { icon: '—', box: '', word: 'text-slate-500' },
};

/** The status badge: an icon (hidden from screen readers) beside the word, never colour alone. */
export function StatusMark({ status }: { status: MatrixStatus }) {
  const look = LOOK[status];
  if (status === 'not_assigned') {
    return (
      <span className="text-slate-500">
        <span aria-hidden="true">—</span>
        <span className="sr-only">Not assigned</span>
      </span>
    );
  }
  return (
    <span className={`inline-flex items-center gap-1 font-semibold ${look.word}`}>
      <span aria-hidden="true" className={`inline-flex h-4 w-4 shrink-0 items-center justify-center rounded-full text-[10px] leading-none ${status === 'overdue' ? 'bg-red-700 text-white' : status === 'current' ? 'bg-emerald-700 text-white' : 'border border-amber-700 text-amber-800'}`}>
        {look.icon}
      </span>
      {STATUS_WORDS[status]}
    </span>
  );
}

/** What a cell says in full (its title and accessible description). */
export function cellWords(person: MatrixPerson, sop: MatrixSop, c: MatrixCell | undefined): string {
  const who = `${person.name || person.email}, ${sop.docNumber} ${sop.title} revision ${sop.label}`;
  switch (c?.status ?? 'not_assigned') {
    case 'current':
      return `${who}: current, acknowledged revision ${c!.acknowledgedLabel ?? sop.label}${c!.acknowledgedAt ? ` on ${formatUtc(c!.acknowledgedAt)}` : ''}`;
    case 'pending':
      return `${who}: pending${c!.dueAt ? `, due ${formatUtc(c!.dueAt)}` : ''}`;
    case 'overdue':
      return `${who}: overdue${c!.dueAt ? ` since ${formatUtc(c!.dueAt)}` : ''}`;
    default:
      return `${who}: not assigned`;
  }
}

function Cell({ c }: { c: MatrixCell | undefined }) {
  const status = c?.status ?? 'not_assigned';
  return (
    <>
      <StatusMark status={status} />
      {status === 'current' && c ? (
        <span className="block whitespace-nowrap text-xs text-slate-600">
          rev {c.acknowledgedLabel ?? '?'}
          {c.acknowledgedAt ? ` · ${day(c.acknowledgedAt)}` : ''}
        </span>
      ) : null}
      {status === 'pending' && c?.dueAt ? <span className="block whitespace-nowrap text-xs text-slate-600">due {day(c.dueAt)}</span> : null}
      {status === 'overdue' && c?.dueAt ? <span className="block whitespace-nowrap text-xs font-medium text-red-800">since {day(c.dueAt)}</span> : null}
    </>
  );
}

interface Props {
  slug: string;
  people: MatrixPerson[];
  sops: MatrixSop[];
  cells: MatrixCell[];
  highlight?: MatrixStatus;
}

/**
 * People (rows) × SOPs (columns) as a real table: column and row headers with scope, the
 * person's column sticky while the SOPs scroll sideways (and the SOP headers while the people
 * scroll down), each cell's status in words.
 */
export function MatrixTable({ slug, people, sops, cells, highlight }: Props) {
  const cell = cellIndex(cells);
  return (
    <div
      className="relative max-h-[75vh] overflow-auto rounded-xl border border-slate-200 bg-white shadow-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600"
      role="region"
      aria-labelledby="matrix-caption"
      tabIndex={0}
      data-test="matrix-scroll"
    >
      <table className="min-w-full border-separate border-spacing-0 text-left text-sm" data-test="training-matrix">
        <caption id="matrix-caption" className="sr-only">
          Training status by person (rows) and SOP (columns)
        </caption>
        <thead>
          <tr>
            <th scope="col" className="sticky left-0 top-0 z-30 w-36 min-w-36 border-b border-r border-slate-200 bg-slate-50 px-3 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500 sm:w-60 sm:min-w-60">
              Person
            </th>
            {sops.map((s) => (
              <th key={s.sopId} scope="col" className="sticky top-0 z-20 min-w-32 max-w-44 border-b border-slate-200 bg-slate-50 px-3 py-2 align-bottom font-normal" data-test="matrix-sop">
                <Link href={`/o/${slug}/sops/${s.sopId}`} prefetch={false} className="block font-mono text-xs text-brand-700 hover:underline">
                  {s.docNumber}
                </Link>
                <span className="line-clamp-2 block text-xs font-semibold text-slate-800" title={s.title}>{s.title}</span>
                <span className="block text-xs text-slate-500">rev {s.label}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((p) => (
            <tr key={p.userId} data-test="matrix-person">
              <th scope="row" className="sticky left-0 z-10 w-36 min-w-36 max-w-36 border-b border-r border-slate-200 bg-white px-3 py-2 align-top font-normal sm:w-60 sm:min-w-60 sm:max-w-60">
                <span className="block font-medium text-slate-900 wrap-anywhere">{p.name || p.email}</span>
                <span className="block truncate text-xs text-slate-600" title={p.email}>{p.email}</span>
                <span className="block text-xs text-slate-500">
                  {p.department ? <span className="wrap-anywhere">{p.department}</span> : <span className="italic">No department</span>}
                  {' · '}
                  {roleWords(p.role)}
                </span>
              </th>
              {sops.map((s) => {
                const c = cell(p.userId, s.sopId);
                const status = c?.status ?? 'not_assigned';
                const marked = highlight === status;
                return (
                  <td
                    key={s.sopId}
                    title={cellWords(p, s, c)}
                    data-status={status}
                    data-test="matrix-cell"
                    className={`border-b border-slate-100 px-3 py-2 align-top ${LOOK[status].box} ${marked ? 'outline outline-2 -outline-offset-2 outline-brand-600' : ''}`}
                  >
                    <Cell c={c} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The key to the cells. */
export function MatrixLegend() {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="What the cells mean">
      <li><StatusMark status="current" /> read and understood the current major revision (the revision and date read)</li>
      <li><StatusMark status="pending" /> open, with its due date</li>
      <li><StatusMark status="overdue" /> past its due date</li>
      <li><span aria-hidden="true">—</span> not assigned</li>
    </ul>
  );
}
