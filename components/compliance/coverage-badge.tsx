/** How much of a framework the library ships: complete, partial, or no clauses yet (unsourced). */
const STYLES = {
  complete: ['bg-emerald-50 text-emerald-800 ring-emerald-200', 'complete'],
  partial: ['bg-amber-50 text-amber-800 ring-amber-200', 'partial'],
  unsourced: ['bg-slate-100 text-slate-600 ring-slate-200', 'no clauses yet'],
} as const;

export function CoverageBadge({ coverage }: { coverage: keyof typeof STYLES }) {
  const [style, label] = STYLES[coverage];
  return (
    <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style}`} data-test="coverage-badge" title={`Library coverage: ${label}`}>
      {label}
    </span>
  );
}
