import type { Metadata } from 'next';
import Link from 'next/link';
import { MatrixFilters } from '@/components/training/matrix-filters';
import { MatrixLegend, MatrixTable } from '@/components/training/matrix-table';
import { formatUtc } from '@/lib/format';
import { loadTrainingMatrixPage, type MatrixSearch } from '@/lib/training/matrix-page';
import { STATUS_WORDS, type Paging } from '@/lib/training/matrix';

export const metadata: Metadata = { title: 'Training matrix' };

const button = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600';

function range(p: Paging, noun: string): string {
  if (p.total === 0) return `no ${noun}`;
  return p.from === 1 && p.to === p.total ? `all ${p.total} ${noun}` : `${noun} ${p.from}–${p.to} of ${p.total}`;
}

export default async function TrainingMatrixPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<MatrixSearch> }) {
  const { slug } = await params;
  const { org, canAssign, problem, filters, filterParams, matrix, departments, sopOptions } = await loadTrainingMatrixPage(slug, await searchParams);
  const qs = new URLSearchParams(filterParams).toString();
  const api = `/api/v1/orgs/${org.slug}/training`;
  const { summary: s, paging } = matrix;
  const pageHref = (key: 'page' | 'sopPage', n: number) => {
    const p = new URLSearchParams(filterParams);
    for (const [k, v] of Object.entries({ page: paging.people.page, sopPage: paging.sops.page, [key]: n })) if (v > 1) p.set(k, String(v));
    return p.size ? `?${p}` : `/o/${org.slug}/training`;
  };
  const lastPeoplePage = Math.max(1, Math.ceil(paging.people.total / paging.people.perPage));
  const lastSopPage = Math.max(1, Math.ceil(paging.sops.total / paging.sops.perPage));
  const filtered = qs !== '';
  const sop = filters.sop ? sopOptions.find((x) => x.sopId === filters.sop) : undefined;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-2xl">
          <h2 className="text-xl font-semibold">Training matrix</h2>
          <p className="mt-1 text-sm text-slate-600">
            Who has read and understood the current revision of each effective SOP. A new major revision needs a new acknowledgement; a minor one does not. Statuses as of {formatUtc(matrix.asOf)}.
          </p>
        </div>
        {sopOptions.length ? (
          <div className="flex flex-wrap gap-2">
            <a href={`${api}/matrix.csv${qs ? `?${qs}` : ''}`} className={button} data-test="matrix-export-csv" download>
              Download CSV{filtered ? ' (filtered)' : ''}
            </a>
            <a href={`${api}/matrix.xlsx${qs ? `?${qs}` : ''}`} className={button} data-test="matrix-export-xlsx" download>
              Download Excel{filtered ? ' (filtered)' : ''}
            </a>
          </div>
        ) : null}
      </div>

      {sopOptions.length === 0 ? (
        <div className="rounded-xl border border-dashed border-slate-300 bg-white p-10 text-center" data-test="matrix-empty">
          <p className="text-lg font-medium">No SOP is effective yet</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-slate-600">
            The matrix lists every SOP with an effective version against every member. Once a SOP is approved and effective, {canAssign ? 'assign it to people, a role or a department on its page' : 'owners and admins assign who must read it'}, and each person&apos;s status shows here.
          </p>
          <Link href={`/o/${org.slug}/sops`} className="mt-4 inline-block text-sm text-brand-700 underline">Go to the SOPs</Link>
        </div>
      ) : (
        <>
          <MatrixFilters slug={org.slug} filters={filters} departments={departments} sops={sopOptions} />
          {problem ? <p role="alert" className="text-sm text-red-700" data-test="matrix-filter-error">{problem} Showing the whole matrix.</p> : null}
          <div className="rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
            <p className="text-sm font-medium text-slate-900" data-test="matrix-summary">
              {s.current} of {s.required} required acknowledgement{s.required === 1 ? '' : 's'} current, {s.pending} pending,{' '}
              <span className={s.overdue ? 'font-semibold text-red-800' : ''}>{s.overdue} overdue</span>
              {sop ? <span className="font-normal text-slate-600"> for {sop.docNumber} {sop.title}</span> : null}
            </p>
            <p className="mt-0.5 text-xs text-slate-600" data-test="matrix-showing">
              Showing {range(paging.people, 'people')} × {range(paging.sops, 'SOPs')}
              {filters.status ? <> · people with at least one <strong>{STATUS_WORDS[filters.status]}</strong> cell, outlined</> : null}
              {paging.people.total > paging.people.perPage || paging.sops.total > paging.sops.perPage
                ? ` · at most ${paging.people.perPage} people × ${paging.sops.perPage} SOPs per page; the downloads hold every row`
                : ''}
            </p>
          </div>
          <MatrixLegend />
          {matrix.people.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-test="matrix-no-match">
              No one matches these filters. <Link href={`/o/${org.slug}/training`} className="text-brand-700 underline">Show everyone</Link>
            </p>
          ) : matrix.sops.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-test="matrix-no-sops">
              {filters.sop ? 'The SOP in the filter has no effective version in this organization. ' : 'No SOP on this page. '}
              <Link href={filters.sop ? `/o/${org.slug}/training` : pageHref('sopPage', 1)} className="text-brand-700 underline">{filters.sop ? 'Show every SOP' : 'First SOPs'}</Link>
            </p>
          ) : (
            <MatrixTable slug={org.slug} people={matrix.people} sops={matrix.sops} cells={matrix.cells} highlight={filters.status} />
          )}
          {lastPeoplePage > 1 || lastSopPage > 1 ? (
            <nav aria-label="Matrix pages" className="flex flex-wrap items-center justify-end gap-2 text-sm" data-test="matrix-paging">
              {paging.people.page > 1 ? <Link className={button} href={pageHref('page', paging.people.page - 1)}>← Previous people</Link> : null}
              {paging.people.page < lastPeoplePage ? <Link className={button} href={pageHref('page', paging.people.page + 1)}>Next people →</Link> : null}
              {paging.sops.page > 1 ? <Link className={button} href={pageHref('sopPage', paging.sops.page - 1)}>← Previous SOPs</Link> : null}
              {paging.sops.page < lastSopPage ? <Link className={button} href={pageHref('sopPage', paging.sops.page + 1)}>Next SOPs →</Link> : null}
            </nav>
          ) : null}
        </>
      )}
    </div>
  );
}
