import Link from 'next/link';
import { StatusBadge } from '@/components/sops/status-badge';
import type { ClauseRow, CoverageSop } from '@/lib/compliance/coverage';
import { CoveragePill } from './coverage-chart';

function SopList({ slug, sops }: { slug: string; sops: CoverageSop[] }) {
  if (!sops.length) return <span className="text-slate-500">—<span className="sr-only">No SOP</span></span>;
  return (
    <ul className="space-y-1">
      {sops.map((s) => (
        <li key={s.sopId} className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
          <Link href={`/o/${slug}/sops/${s.sopId}`} className="text-brand-700 underline wrap-anywhere">
            <span className="font-mono text-xs">{s.docNumber}</span> {s.title}
          </Link>
          <StatusBadge status={s.status} />
          {s.effectiveLabel ? <span className="text-xs text-slate-600">rev {s.effectiveLabel}</span> : null}
        </li>
      ))}
    </ul>
  );
}

/**
 * The clause table: group headings as section rows, clauses as rows with their status and the
 * SOPs mapped to them. Narrow screens fold the status and the SOPs under the title (the two
 * columns are hidden there) instead of scrolling sideways.
 */
export function ClauseTable({ slug, rows, caption }: { slug: string; rows: ClauseRow[]; caption: string }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
      <table className="w-full text-left text-sm" data-test="clause-table">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="w-20 px-3 py-2">Clause</th>
            <th scope="col" className="px-3 py-2">Title<span className="sm:hidden">, status and SOPs</span></th>
            <th scope="col" className="hidden w-28 px-3 py-2 sm:table-cell">Status</th>
            <th scope="col" className="hidden px-3 py-2 sm:table-cell">SOPs</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) =>
            c.group ? (
              <tr key={c.id} className="border-t border-slate-200 bg-slate-100" data-test="clause-group">
                <th scope="colgroup" colSpan={4} className="px-3 py-2 text-sm font-semibold text-slate-800">
                  <span className="mr-2 font-mono">{c.id}</span>
                  {c.title}
                  {c.sops.length ? <span className="ml-2 text-xs font-normal text-slate-600">(mapped as a heading, not counted: {c.sops.map((s) => s.docNumber).join(', ')})</span> : null}
                </th>
              </tr>
            ) : (
              <tr key={c.id} className="border-t border-slate-100 align-top" data-test="clause-row" data-clause={c.id} data-status={c.status}>
                <th scope="row" className="whitespace-nowrap px-3 py-2 font-mono text-xs font-medium text-slate-800">{c.id}</th>
                <td className="w-full px-3 py-2 text-slate-800 wrap-anywhere sm:w-auto">
                  {c.title}
                  <div className="mt-1.5 space-y-1.5 sm:hidden" data-test="clause-folded">
                    {c.status ? <CoveragePill status={c.status} /> : null}
                    {c.sops.length ? <SopList slug={slug} sops={c.sops} /> : null}
                  </div>
                </td>
                <td className="hidden px-3 py-2 sm:table-cell">{c.status ? <CoveragePill status={c.status} /> : null}</td>
                <td className="hidden px-3 py-2 sm:table-cell">
                  <SopList slug={slug} sops={c.sops} />
                </td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}
