import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound, permanentRedirect } from 'next/navigation';
import { ClauseLinks, ClauseRow, CopyrightNote, CoverageBadge, LibrarySearch, readQuery, SourceLink, SuccessorLink, SupersededBadge, WithdrawnNote } from '@/components/library/library-parts';
import { getFramework, leafClauses, type Framework } from '@/lib/library';
import { clauseAnchor, outline, searchFramework, type OutlineEntry } from '@/lib/library/search';

type Params = Promise<{ code: string }>;

function frameworkOf(code: string): Framework {
  const f = getFramework(code);
  if (f) return f;
  // /library/iso9001 → /library/ISO9001: codes are upper case.
  if (getFramework(code.toUpperCase())) permanentRedirect(`/library/${encodeURIComponent(code.toUpperCase())}`);
  notFound();
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const f = getFramework((await params).code);
  return { title: f ? `${f.shortName} — regulation library` : 'Regulation library' };
}

export default async function FrameworkPage({ params, searchParams }: { params: Params; searchParams: Promise<{ q?: string | string[] }> }) {
  const f = frameworkOf((await params).code);
  const { q, error } = readQuery((await searchParams).q);
  const next = f.supersededBy ? getFramework(f.supersededBy) : undefined;
  const entries = outline(f);
  return (
    <div className="mx-auto max-w-4xl px-6 py-12">
      <nav aria-label="Breadcrumb" className="text-sm text-slate-600">
        <Link href="/library" className="text-brand-700 underline">
          Regulation library
        </Link>{' '}
        › {f.category}
      </nav>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{f.shortName}</h1>
      <p className="mt-2 text-lg text-slate-800">{f.name}</p>

      <dl className="mt-6 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
        <dt className="font-medium text-slate-600">Edition</dt>
        <dd>{f.version || '—'}</dd>
        <dt className="font-medium text-slate-600">Publisher</dt>
        <dd>{f.publisher}</dd>
        <dt className="font-medium text-slate-600">Status</dt>
        <dd>{f.status === 'current' ? 'Current edition' : <SupersededBadge framework={f} />}</dd>
        <dt className="font-medium text-slate-600">Coverage</dt>
        <dd>
          <CoverageBadge coverage={f.coverage} /> <span className="text-slate-700">{f.coverageNote}</span>
        </dd>
        <dt className="font-medium text-slate-600">Clauses</dt>
        <dd data-test="clause-count">
          {f.clauses.length} ids{f.clauses.length ? `, ${leafClauses(f).length} counted for coverage (not headings, not withdrawn)` : ''}
        </dd>
        <dt className="font-medium text-slate-600">Source</dt>
        <dd>
          <SourceLink framework={f} />
        </dd>
      </dl>
      <div className="mt-4">
        <CopyrightNote framework={f} />
      </div>

      {f.status === 'superseded' ? (
        <section className="mt-8 rounded-xl border border-amber-300 bg-amber-50 p-4" data-test="superseded-banner" aria-labelledby="superseded">
          <h2 id="superseded" className="font-semibold text-amber-950">
            This edition is superseded
            <SuccessorLink framework={f} className="underline" />
          </h2>
          <p className="mt-1 text-sm text-amber-950">SOPs written against it stay readable and keep their citations; new work cites the current edition.</p>
          {f.successorMap && next ? <SuccessorMap from={f} to={next} /> : null}
        </section>
      ) : null}

      {f.clauses.length === 0 ? (
        <p className="mt-10 rounded-xl border border-slate-200 bg-white p-4 text-slate-700" data-test="no-clauses">
          No clause ids are shipped for this framework yet: no public source for them has been read. SOPs cannot cite it until there is one.
        </p>
      ) : (
        <section className="mt-10" aria-labelledby="clauses">
          <h2 id="clauses" className="text-xl font-semibold">
            Clauses
          </h2>
          <div className="mt-3 max-w-xl">
            <LibrarySearch action={`/library/${f.code}`} q={q} error={error} label={`Search ${f.shortName} clause ids and titles`} placeholder="An id or a few words" />
          </div>
          {q ? <Filtered framework={f} entries={entries} q={q} /> : <Outline framework={f} entries={entries} />}
        </section>
      )}
    </div>
  );
}

function SuccessorMap({ from, to }: { from: Framework; to: Framework }) {
  return (
    <table className="mt-3 w-full text-left text-sm" data-test="successor-map">
      <caption className="sr-only">Where the ids of {from.shortName} went in {to.shortName}</caption>
      <thead className="text-xs uppercase text-amber-900">
        <tr>
          <th className="py-1 pr-4">{from.shortName}</th>
          <th className="py-1">{to.shortName}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(from.successorMap!).map(([old, ids]) => (
          <tr key={old} className="border-t border-amber-200">
            <td className="py-1 pr-4 font-mono">
              <a href={`#${clauseAnchor(old)}`} className="underline">
                {old}
              </a>
            </td>
            <td className="py-1">
              <ClauseLinks code={to.code} ids={ids} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Headings as headings, the clauses under each as a list. */
function Outline({ framework: f, entries }: { framework: Framework; entries: OutlineEntry[] }) {
  const blocks: { heading?: OutlineEntry; rows: OutlineEntry[] }[] = [];
  for (const e of entries) {
    if (e.clause.group) blocks.push({ heading: e, rows: [] });
    else if (blocks.length) blocks.at(-1)!.rows.push(e);
    else blocks.push({ rows: [e] });
  }
  return (
    <div className="mt-6" data-test="clause-outline">
      {blocks.map((b, i) => (
        <div key={b.heading?.clause.id ?? `top-${i}`} className={b.heading && b.heading.depth > 0 ? 'mt-4 sm:pl-4' : 'mt-6'}>
          {b.heading ? <GroupHeading entry={b.heading} code={f.code} /> : null}
          {b.rows.length ? (
            <ul className="mt-1 rounded-lg border border-slate-200 bg-white px-3">
              {b.rows.map((e) => (
                <ClauseRow key={e.clause.id} code={f.code} clause={e.clause} />
              ))}
            </ul>
          ) : null}
        </div>
      ))}
    </div>
  );
}

function GroupHeading({ entry, code }: { entry: OutlineEntry; code: string }) {
  const c = entry.clause;
  const Tag = entry.depth === 0 ? 'h3' : 'h4';
  return (
    <Tag id={clauseAnchor(c.id)} className={`${entry.depth === 0 ? 'text-lg' : 'text-base'} font-semibold text-slate-900`} data-test="clause-heading" data-clause={c.id}>
      <span className={`mr-2 text-slate-500 ${c.withdrawn ? 'line-through' : ''}`}>{c.id}</span>
      <span>{c.title}</span>
      <WithdrawnNote code={code} clause={c} />
    </Tag>
  );
}

function Filtered({ framework: f, entries, q }: { framework: Framework; entries: OutlineEntry[]; q: string }) {
  const hits = searchFramework(f, q);
  const parents = new Map(entries.map((e) => [e.clause.id, e.parents]));
  return (
    <div className="mt-6" data-test="search-results">
      <p className="text-sm font-medium text-slate-800">
        {hits.length === 0 ? `No ${f.shortName} clause id or title contains “${q}”.` : `${hits.length} of ${f.clauses.length} ${hits.length === 1 ? 'clause matches' : 'clauses match'} “${q}”.`}
      </p>
      {hits.length ? (
        <ul className="mt-2 rounded-lg border border-slate-200 bg-white px-3">
          {hits.map((c) => {
            const under = parents.get(c.id) ?? [];
            return <ClauseRow key={c.id} code={f.code} clause={c} href={`/library/${f.code}#${clauseAnchor(c.id)}`} context={under.length ? `in ${under.map((p) => `${p.id} ${p.title}`).join(' › ')}` : undefined} />;
          })}
        </ul>
      ) : null}
    </div>
  );
}
