'use client';
/** The editor's table and reference fields, and the input style every field shares. */
import type { TCitation } from '@/lib/sops/content';
import type { Row } from './form-model';

export const box = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

export type Library = { code: string; name: string; clauses: { id: string; title: string }[] }[];

/** A two-column table (role/duties, term/definition, record/retention) edited as rows. */
export function PairRows({ label, rows, onChange, a, b, testId }: { label: string; rows: Row[]; onChange: (r: Row[]) => void; a: string; b: string; testId: string }) {
  return (
    <div data-test={testId}>
      <div className="grid grid-cols-[1fr_2fr_auto] gap-2 text-xs font-medium text-slate-600">
        <span>{a}</span>
        <span>{b}</span>
        <span className="sr-only">Remove</span>
      </div>
      {rows.map((r, i) => (
        <div key={i} className="mt-1 grid grid-cols-[1fr_2fr_auto] gap-2">
          <input aria-label={`${label} ${i + 1}: ${a}`} value={r.a} maxLength={300} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, a: e.target.value } : x)))} className={box} />
          <input aria-label={`${label} ${i + 1}: ${b}`} value={r.b} maxLength={4000} onChange={(e) => onChange(rows.map((x, j) => (j === i ? { ...x, b: e.target.value } : x)))} className={box} />
          <button type="button" onClick={() => onChange(rows.filter((_, j) => j !== i))} className="mt-1 rounded-md px-2 text-sm text-slate-500 hover:text-red-700" aria-label={`Remove ${label} ${i + 1}`}>
            ✕
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...rows, { a: '', b: '' }])} className="mt-2 text-sm font-medium text-brand-700 hover:underline">
        + Add row
      </button>
    </div>
  );
}

/** A citation with the reason as typed; an emptied reason is no reason (the field is optional). */
function withReason(r: TCitation, reason: string): TCitation {
  return reason.trim() ? { ...r, reason } : { framework: r.framework, clause: r.clause };
}

/** Citations chosen from the framework library, never typed, so each names a clause that exists; the author may say why each applies. */
export function ReferencesField({ references, library, onChange }: { references: TCitation[]; library: Library; onChange: (r: TCitation[]) => void }) {
  return (
    <>
      <ul className="mt-1 space-y-1 text-sm" data-test="ed-references">
        {references.map((r, i) => (
          <li key={`${r.framework}-${r.clause}`} className="rounded border border-slate-200 px-2 py-1">
            <div className="flex items-center justify-between gap-2">
              <span className="min-w-0 break-words">
                <span className="font-mono text-xs font-semibold">
                  {r.framework} {r.clause}
                </span>
                <span className="text-slate-500"> — {library.find((f) => f.code === r.framework)?.clauses.find((c) => c.id === r.clause)?.title ?? 'not in the library'}</span>
              </span>
              <button type="button" aria-label={`Remove reference ${r.framework} ${r.clause}`} onClick={() => onChange(references.filter((_, j) => j !== i))} className="px-2 text-slate-500 hover:text-red-700">
                ✕
              </button>
            </div>
            <label className="mt-1 block text-xs text-slate-600">
              Why it applies (optional)
              <input
                aria-label={`Why ${r.framework} ${r.clause} applies`}
                data-test="ref-reason"
                value={r.reason ?? ''}
                maxLength={300}
                placeholder="e.g. Step 4 records the reading electronically"
                onChange={(e) => onChange(references.map((x, j) => (j === i ? withReason(x, e.target.value) : x)))}
                className={`${box} mt-0.5 py-1 text-xs`}
              />
            </label>
          </li>
        ))}
      </ul>
      <select
        aria-label="Add a reference"
        value=""
        onChange={(e) => {
          // The option's value is "<framework index>:<clause index>" into the library (a NUL separator
          // would not survive the server-rendered HTML: the parser turns it into U+FFFD).
          const [fi, ci] = e.target.value.split(':').map(Number);
          const framework = library[fi ?? -1]?.code;
          const clause = library[fi ?? -1]?.clauses[ci ?? -1]?.id;
          if (framework && clause && !references.some((r) => r.framework === framework && r.clause === clause)) onChange([...references, { framework, clause }]);
        }}
        className={`${box} mt-2`}
      >
        <option value="">Add a reference from the library…</option>
        {library.map((f, fi) => (
          <optgroup key={f.code} label={f.name}>
            {f.clauses.map((c, ci) => (
              <option key={c.id} value={`${fi}:${ci}`}>
                {c.id} — {c.title}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </>
  );
}
