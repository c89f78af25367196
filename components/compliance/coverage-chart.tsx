/**
 * A framework's coverage as one horizontal stacked bar (server-rendered HTML and CSS, no chart
 * library): effective, draft only, not covered. The bar is role="img" with every number in its
 * label, and a text legend beside it says each part's name, count and percentage, so colour is
 * never the only carrier. The palette reads for colour-blind readers and in greyscale print:
 * dark blue (solid), amber with dark stripes, light grey; backgrounds print (print-color-adjust).
 */
import { percentText } from '@/components/dashboard/chart-math';
import { COVERAGE_STATUSES, COVERAGE_WORDS, type CoverageStatus, type CoverageSummary } from '@/lib/compliance/coverage';

const PRINT = { printColorAdjust: 'exact', WebkitPrintColorAdjust: 'exact' } as const;
const STRIPES = { backgroundImage: 'repeating-linear-gradient(135deg, rgba(120,53,15,0.55) 0 2px, transparent 2px 6px)' };

export const SWATCH: Record<CoverageStatus, { className: string; style?: React.CSSProperties }> = {
  effective: { className: 'bg-blue-700' },
  draft: { className: 'bg-amber-300', style: STRIPES },
  none: { className: 'bg-slate-200' },
};

/** "ISO 9001: 12 of 40 clauses effective (30%), 4 draft only (10%), 24 not covered (60%)". */
export function coverageSentence(s: CoverageSummary): string {
  if (!s.total) return `${s.shortName}: no clauses in the library yet`;
  return `${s.shortName}: ${s.effective} of ${s.total} clauses effective (${percentText(s.effective, s.total)}), ${s.draft} draft only (${percentText(s.draft, s.total)}), ${s.none} not covered (${percentText(s.none, s.total)})`;
}

export function CoverageChart({ summary: s, test = 'coverage-chart' }: { summary: CoverageSummary; test?: string }) {
  if (!s.total) {
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-4 text-sm text-slate-600" data-test={`${test}-empty`}>
        The library has no clauses for this framework yet, so there is nothing to count.
      </p>
    );
  }
  return (
    <div className="space-y-2" data-test={test} data-effective={s.effective} data-draft={s.draft} data-none={s.none} data-total={s.total}>
      <p className="text-sm text-slate-700" data-test={`${test}-headline`}>
        <strong className="text-lg font-semibold text-slate-900">{percentText(s.effective, s.total)}</strong> effective · {s.effective} of {s.total} clauses have an effective SOP
      </p>
      <div role="img" aria-label={coverageSentence(s)} className="flex h-5 w-full overflow-hidden rounded border border-slate-400 bg-white" style={PRINT}>
        {COVERAGE_STATUSES.map((k) =>
          s[k] ? <span key={k} className={`block h-full ${SWATCH[k].className} ${k !== 'none' ? 'border-r border-white last:border-r-0' : ''}`} style={{ width: `${(s[k] / s.total) * 100}%`, ...SWATCH[k].style, ...PRINT }} /> : null,
        )}
      </div>
      <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm text-slate-700" aria-label="Key" data-test={`${test}-legend`}>
        {COVERAGE_STATUSES.map((k) => (
          <li key={k} className="flex items-center gap-1.5" data-status={k}>
            <span aria-hidden="true" className={`inline-block h-3.5 w-5 rounded-sm border border-slate-400 ${SWATCH[k].className}`} style={{ ...SWATCH[k].style, ...PRINT }} />
            <span>{COVERAGE_WORDS[k]}</span>{' '}
            <strong className="tabular-nums text-slate-900">{s[k]}</strong>{' '}
            <span className="tabular-nums text-slate-600">({percentText(s[k], s.total)})</span>
          </li>
        ))}
        <li className="text-slate-500">of {s.total} clauses</li>
      </ul>
    </div>
  );
}

const PILL: Record<CoverageStatus, string> = {
  effective: 'bg-blue-100 text-blue-900 border-blue-300',
  draft: 'bg-amber-100 text-amber-900 border-amber-300',
  none: 'bg-white text-slate-700 border-slate-300 border-dashed',
};

/** A clause's status in words, in a pill. */
export function CoveragePill({ status }: { status: CoverageStatus }) {
  return <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${PILL[status]}`} data-test="coverage-pill">{COVERAGE_WORDS[status]}</span>;
}
