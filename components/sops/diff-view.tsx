/** A readable section-by-section diff of two versions (server component; text only, escaped by React). */
import type { ContentDiff, DiffRow } from '@/lib/sops/diff';

const ROW = {
  same: 'text-slate-600',
  added: 'bg-emerald-50 text-emerald-900',
  removed: 'bg-red-50 text-red-900',
} as const;
const MARK = { same: ' ', added: '+', removed: '−' } as const;

function Row({ row }: { row: DiffRow }) {
  return (
    <li className={`flex gap-2 px-3 py-0.5 font-mono text-xs leading-5 ${ROW[row.kind]}`} data-test={`diff-${row.kind}`}>
      <span aria-hidden className="w-3 shrink-0 select-none">{MARK[row.kind]}</span>
      <span className="sr-only">{row.kind === 'same' ? '' : row.kind === 'added' ? 'Added: ' : 'Removed: '}</span>
      <span className="whitespace-pre-wrap">
        {row.parts
          ? row.parts.map((p, i) =>
              p.kind === 'same' ? (
                <span key={i}>{p.text}</span>
              ) : p.kind === row.kind ? (
                <mark key={i} className={row.kind === 'added' ? 'bg-emerald-200 text-emerald-950' : 'bg-red-200 text-red-950 line-through'}>
                  {p.text}
                </mark>
              ) : null,
            )
          : row.text}
      </span>
    </li>
  );
}

export function DiffView({ diff, fromLabel, toLabel }: { diff: ContentDiff; fromLabel: string; toLabel: string }) {
  const { summary } = diff;
  return (
    <div className="space-y-4" data-test="diff">
      <p className="text-sm text-slate-700" data-test="diff-summary">
        {fromLabel} → {toLabel}:{' '}
        {summary.sectionsChanged === 0
          ? 'no differences.'
          : `${summary.sectionsChanged} section${summary.sectionsChanged === 1 ? '' : 's'} changed, ${summary.linesAdded} line${summary.linesAdded === 1 ? '' : 's'} added, ${summary.linesRemoved} removed.`}
      </p>
      {diff.sections
        .filter((s) => s.changed)
        .map((s) => (
          <section key={s.section} className="overflow-hidden rounded-lg border border-slate-200 bg-white">
            <h3 className="border-b border-slate-200 bg-slate-50 px-3 py-1.5 text-sm font-semibold">{s.heading}</h3>
            <ol className="py-1">
              {s.rows.map((r, i) => (
                <Row key={i} row={r} />
              ))}
            </ol>
          </section>
        ))}
      {diff.sections.some((s) => !s.changed) ? (
        <p className="text-xs text-slate-500" data-test="diff-unchanged">
          Unchanged: {diff.sections.filter((s) => !s.changed).map((s) => s.heading).join(', ')}.
        </p>
      ) : null}
    </div>
  );
}
