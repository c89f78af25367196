import type { Metadata } from 'next';
import Link from 'next/link';
import { ClauseTable } from '@/components/compliance/clause-table';
import { CoverageChart } from '@/components/compliance/coverage-chart';
import { COVERAGE_STATUSES, COVERAGE_WORDS } from '@/lib/compliance/coverage';
import { loadFrameworkCoveragePage, type CoverageSearch } from '@/lib/compliance/coverage-page-context';
import { formatUtc } from '@/lib/format';
import { getFramework } from '@/lib/library';

export async function generateMetadata({ params }: { params: Promise<{ code: string }> }): Promise<Metadata> {
  const { code } = await params;
  return { title: `${getFramework(code.toUpperCase())?.shortName ?? 'Framework'} coverage` };
}

const button = 'rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium hover:border-brand-600';
const field = 'mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';

export default async function FrameworkCoveragePage({ params, searchParams }: { params: Promise<{ slug: string; code: string }>; searchParams: Promise<CoverageSearch> }) {
  const { slug, code } = await params;
  const { org, coverage: c, filters, problem, rows } = await loadFrameworkCoveragePage(slug, code, await searchParams);
  const f = c.framework;
  const base = `/o/${org.slug}/compliance/${f.code}`;
  const api = `/api/v1/orgs/${org.slug}/compliance/${f.code}/evidence`;
  const filtered = !!(filters.status || filters.q);
  const shown = rows.filter((r) => !r.group).length;
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/o/${org.slug}/compliance`} className="text-brand-700 underline">Compliance</Link>
        <span aria-hidden="true" className="px-1 text-slate-400">/</span>
        <span className="text-slate-600">{f.shortName}</span>
      </nav>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0 max-w-3xl">
          <h2 className="text-xl font-semibold wrap-anywhere">{f.name}</h2>
          <p className="mt-1 text-sm text-slate-600">
            {f.version ? `Edition ${f.version}. ` : ''}Coverage as of {formatUtc(c.asOf)}: each clause is effective when an accepted mapping points to a SOP with an effective version, draft only when its mapped SOPs are not effective (drafts, in review, obsolete), and not covered otherwise.
          </p>
          {!c.followed ? (
            <p className="mt-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-test="not-followed">
              {f.shortName} is not followed by your organization. Its coverage shows here all the same; owners and admins add it in <Link href={`/o/${org.slug}/settings`} className="underline">Settings</Link>.
            </p>
          ) : null}
          {f.status === 'superseded' ? <p className="mt-2 text-sm text-slate-600">This edition is superseded; it stays readable for the SOPs that cite it.</p> : null}
        </div>
        {c.summary.total ? (
          <div className="flex flex-wrap gap-2" aria-label="Download the evidence" role="group">
            <a href={`${api}?format=xlsx`} className={button} data-test="evidence-xlsx" download>Evidence (Excel)</a>
            <a href={`${api}?format=docx`} className={button} data-test="evidence-docx" download>Evidence (Word)</a>
            <a href={`${api}?format=csv`} className={button} data-test="evidence-csv" download>Evidence (CSV)</a>
          </div>
        ) : null}
      </div>

      <section aria-label="Coverage" className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <CoverageChart summary={c.summary} />
        {f.coverage !== 'complete' ? <p className="mt-3 text-xs text-slate-500">Library coverage of this framework: {f.coverageNote}</p> : null}
      </section>

      {c.summary.total ? (
        <>
          <form className="grid grid-cols-1 gap-x-3 gap-y-2 sm:grid-cols-[12rem_1fr_auto]" role="search" aria-label="Filter the clauses" data-test="clause-filters">
            <div>
              <label htmlFor="clause-status" className="block text-xs font-medium text-slate-600">Status</label>
              <select id="clause-status" name="status" defaultValue={filters.status ?? ''} className={field}>
                <option value="">Any status</option>
                {COVERAGE_STATUSES.map((s) => (
                  <option key={s} value={s}>{COVERAGE_WORDS[s]}</option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="clause-q" className="block text-xs font-medium text-slate-600">Clause or SOP</label>
              <input id="clause-q" name="q" type="search" maxLength={200} defaultValue={filters.q ?? ''} placeholder="e.g. 7.5 or calibration" className={field} />
            </div>
            <div className="flex items-end gap-2">
              <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:border-brand-600">Filter</button>
              {filtered ? <Link href={base} className="px-2 py-2 text-sm text-brand-700 underline" data-test="clause-clear">Clear</Link> : null}
            </div>
          </form>
          {problem ? <p role="alert" className="text-sm text-red-700" data-test="clause-filter-error">{problem} Showing every clause.</p> : null}
          <p className="text-xs text-slate-600" data-test="clause-showing">
            {filtered ? `${shown} of ${c.summary.total} clauses match.` : `${c.summary.total} clauses.`}
          </p>
          {shown ? (
            <ClauseTable slug={org.slug} rows={rows} caption={`${f.shortName} clauses with their coverage status and mapped SOPs`} />
          ) : (
            <p className="rounded-xl border border-dashed border-slate-300 bg-white p-8 text-center text-sm text-slate-600" data-test="clause-no-match">
              No clause matches these filters. <Link href={base} className="text-brand-700 underline">Show every clause</Link>
            </p>
          )}
        </>
      ) : null}

      {c.uncounted.length ? (
        <section aria-labelledby="uncounted" className="rounded-xl border border-slate-200 bg-white p-5 text-sm shadow-sm" data-test="uncounted">
          <h3 id="uncounted" className="font-semibold">Mappings not counted</h3>
          <p className="mt-1 text-slate-600">These SOPs are mapped to clause ids that are not (or no longer) counted in this edition. Map them to a current clause.</p>
          <ul className="mt-2 space-y-1">
            {c.uncounted.map((u) => (
              <li key={u.clauseId}>
                <span className="font-mono">{u.clauseId}</span> <span className="text-slate-600">({u.reason === 'withdrawn' ? 'withdrawn' : 'not in the library'})</span>:{' '}
                {u.sops.map((s, i) => (
                  <span key={s.sopId}>
                    {i ? ', ' : ''}
                    <Link href={`/o/${org.slug}/sops/${s.sopId}`} className="text-brand-700 underline">{s.docNumber} {s.title}</Link>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
