import type { Metadata } from 'next';
import Link from 'next/link';
import { ClauseRow, CopyrightNote, CoverageBadge, LibrarySearch, readQuery, SourceLink, SupersededBadge } from '@/components/library/library-parts';
import { FRAMEWORKS, type Framework, type FrameworkCategory } from '@/lib/library';
import { clauseAnchor, MAX_HITS, searchLibrary } from '@/lib/library/search';

export const metadata: Metadata = { title: 'Regulation library' };

/** Categories in the order the library lists its frameworks. */
function byCategory(frameworks: readonly Framework[]): [FrameworkCategory, Framework[]][] {
  const out = new Map<FrameworkCategory, Framework[]>();
  for (const f of frameworks) out.set(f.category, [...(out.get(f.category) ?? []), f]);
  return [...out];
}

export default async function LibraryPage({ searchParams }: { searchParams: Promise<{ q?: string | string[] }> }) {
  const { q, error } = readQuery((await searchParams).q);
  return (
    <div className="mx-auto max-w-5xl px-6 py-12">
      <h1 className="text-3xl font-semibold tracking-tight">Regulation library</h1>
      <p className="mt-4 max-w-3xl text-slate-700">
        The frameworks SOPwright drafts against and maps SOPs to. Every clause id was taken from the public source named beside it — never filled in from memory — and where a level could not be sourced it is not shipped. For public-domain law (CFR, NIST, EU regulations) the headings may follow the official ones; for copyrighted standards only the clause numbers and our own short titles are here.
      </p>
      <div className="mt-8 max-w-2xl">
        <LibrarySearch action="/library" q={q} error={error} label="Search clause ids and titles across the library" placeholder="e.g. 7.5.3, audit trail, Subpart J" />
      </div>
      {q ? <SearchResults q={q} /> : <Frameworks />}
    </div>
  );
}

function SearchResults({ q }: { q: string }) {
  const hits = searchLibrary(FRAMEWORKS, q);
  return (
    <section className="mt-8" aria-labelledby="results" data-test="search-results">
      <h2 id="results" className="text-xl font-semibold">
        {hits.total === 0 ? `No clause id or title contains “${q}”` : `${hits.total} ${hits.total === 1 ? 'clause matches' : 'clauses match'} “${q}”`}
      </h2>
      {hits.omitted ? (
        <p className="mt-2 text-sm text-amber-900" data-test="search-omitted">
          Showing the first {MAX_HITS}; {hits.omitted} more are not listed. Add a word to narrow the search.
        </p>
      ) : null}
      {hits.groups.map(({ framework: f, clauses }) => (
        <section key={f.code} className="mt-6 rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-test="search-group" data-framework={f.code}>
          <h3 className="font-semibold">
            <Link href={`/library/${f.code}?q=${encodeURIComponent(q)}`} className="text-brand-900 underline underline-offset-2">
              {f.shortName}
            </Link>{' '}
            <span className="text-sm font-normal text-slate-600">
              {f.version}
              {f.status === 'superseded' ? ' · superseded' : ''}
            </span>
          </h3>
          <ul className="mt-2">
            {clauses.map((c) => (
              <ClauseRow key={c.id} code={f.code} clause={c} href={`/library/${f.code}#${clauseAnchor(c.id)}`} />
            ))}
          </ul>
        </section>
      ))}
      <p className="mt-6 text-sm">
        <Link href="/library" className="text-brand-700 underline">
          Back to every framework
        </Link>
      </p>
    </section>
  );
}

function Frameworks() {
  return (
    <>
      {byCategory(FRAMEWORKS).map(([category, frameworks]) => (
        <section key={category} className="mt-10" aria-labelledby={`cat-${category}`}>
          <h2 id={`cat-${category}`} className="text-xl font-semibold">
            {category}
          </h2>
          <ul className="mt-3 grid gap-4 md:grid-cols-2">
            {frameworks.map((f) => (
              <FrameworkCard key={f.code} framework={f} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function FrameworkCard({ framework: f }: { framework: Framework }) {
  return (
    <li className={`flex flex-col gap-2 rounded-xl border p-4 shadow-sm ${f.status === 'superseded' ? 'border-slate-200 bg-slate-50' : 'border-slate-200 bg-white'}`} data-test="framework-card" data-framework={f.code}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h3 className="font-semibold">
          <Link href={`/library/${f.code}`} className="text-brand-900 underline-offset-2 hover:underline">
            {f.shortName}
          </Link>
        </h3>
        <span className="flex flex-wrap items-center gap-2">
          <CoverageBadge coverage={f.coverage} />
          <span className="text-xs text-slate-600" data-test="clause-count">
            {f.clauses.length} {f.clauses.length === 1 ? 'clause' : 'clauses'}
          </span>
        </span>
      </div>
      <p className="text-sm text-slate-800">{f.name}</p>
      <p className="text-xs text-slate-600">
        {f.version ? `Edition: ${f.version} · ` : ''}
        {f.publisher}
      </p>
      <SupersededBadge framework={f} />
      <p className="text-xs text-slate-700">{f.coverageNote}</p>
      <p className="text-xs text-slate-600">
        Source: <SourceLink framework={f} />
      </p>
      <CopyrightNote framework={f} />
    </li>
  );
}
