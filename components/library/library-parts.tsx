/** The pieces of the public library pages (/library, /library/{code}): badges, notes, the search form, a clause row. */
import Link from 'next/link';
import { COPYRIGHT_NOTE, getFramework, type Clause, type Framework } from '@/lib/library';
import { clauseAnchor, MAX_QUERY_LENGTH } from '@/lib/library/search';

const COVERAGE: Record<Framework['coverage'], { label: string; className: string }> = {
  complete: { label: 'Complete', className: 'bg-emerald-100 text-emerald-800' },
  partial: { label: 'Partial', className: 'bg-amber-100 text-amber-900' },
  unsourced: { label: 'Not sourced', className: 'bg-slate-200 text-slate-700' },
};

export function CoverageBadge({ coverage }: { coverage: Framework['coverage'] }) {
  const c = COVERAGE[coverage];
  return <span className={`inline-block whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ${c.className}`} data-test={`coverage-${coverage}`}>{c.label}</span>;
}

/** "Superseded" with a link to the edition that replaced it; nothing for a current edition. */
export function SupersededBadge({ framework }: { framework: Framework }) {
  if (framework.status !== 'superseded') return null;
  return (
    <span className="text-xs text-slate-700" data-test="superseded">
      <span className="mr-1 inline-block whitespace-nowrap rounded-full bg-slate-800 px-2 py-0.5 font-medium text-white">Superseded</span>
      <SuccessorLink framework={framework} className="text-brand-700 underline" />
    </span>
  );
}

/** "by <the edition that replaced it>", linked; nothing when the library does not have it. */
export function SuccessorLink({ framework, className }: { framework: Framework; className: string }) {
  const next = framework.supersededBy ? getFramework(framework.supersededBy) : undefined;
  if (!next) return null;
  return (
    <>
      {' '}
      by{' '}
      <Link href={`/library/${next.code}`} className={className}>
        {next.shortName} ({next.version})
      </Link>
    </>
  );
}

/** Beside a copyrighted standard that ships clauses (one that ships none has nothing to qualify). */
export function CopyrightNote({ framework }: { framework: Framework }) {
  if (framework.text !== 'copyrighted' || !framework.clauses.length) return null;
  return (
    <p className="text-xs text-slate-600" data-test="copyright-note">
      {COPYRIGHT_NOTE}
    </p>
  );
}

export function SourceLink({ framework }: { framework: Framework }) {
  if (!framework.source.url) return <span className="text-slate-500">No public source yet</span>;
  return (
    <a href={framework.source.url} rel="noopener noreferrer external" className="text-brand-700 underline wrap-anywhere" data-test="source-link">
      {framework.source.name || framework.source.url}
    </a>
  );
}

/** A GET form: the query stays in the address, so a search can be linked and reloaded. */
export function LibrarySearch({ action, q, label, placeholder, error }: { action: string; q: string; label: string; placeholder: string; error?: string }) {
  return (
    <div>
      <form action={action} method="get" role="search" className="flex flex-wrap items-end gap-2" data-test="library-search">
        <div className="min-w-0 flex-1 basis-64">
          <label htmlFor="library-q" className="block text-sm font-medium text-slate-700">
            {label}
          </label>
          <input
            id="library-q"
            name="q"
            type="search"
            maxLength={MAX_QUERY_LENGTH}
            defaultValue={q}
            placeholder={placeholder}
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100"
          />
        </div>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Search
        </button>
        {q ? (
          <Link href={action} className="px-2 py-2 text-sm text-brand-700 underline" data-test="search-clear">
            Clear
          </Link>
        ) : null}
      </form>
      {error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The search text from the address: the first value, trimmed; an error for one that is too long. */
export function readQuery(raw: string | string[] | undefined): { q: string; error?: string } {
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  if (q.length > MAX_QUERY_LENGTH) return { q: '', error: `That search is too long: use at most ${MAX_QUERY_LENGTH} characters.` };
  return { q };
}

/** Links to clauses on a framework's page, by id. */
export function ClauseLinks({ code, ids }: { code: string; ids: string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i ? ', ' : ''}
          <Link href={`/library/${code}#${clauseAnchor(id)}`} className="font-mono text-brand-700 underline">
            {id}
          </Link>
        </span>
      ))}
    </>
  );
}

/** One clause: its id and title; a withdrawn one struck through with its note and replacement. `href` links the id (search hits). */
export function ClauseRow({ code, clause, href, context }: { code: string; clause: Clause; href?: string; context?: string }) {
  const id = clause.withdrawn ? <del>{clause.id}</del> : clause.id;
  return (
    <li id={href ? undefined : clauseAnchor(clause.id)} className="flex gap-3 border-b border-slate-100 py-2 text-sm last:border-b-0" data-test="clause" data-clause={clause.id}>
      <span className="w-24 shrink-0 font-mono text-slate-900 wrap-anywhere sm:w-36">
        {href ? (
          <Link href={href} className="text-brand-700 underline">
            {id}
          </Link>
        ) : (
          id
        )}
      </span>
      <span className="min-w-0 flex-1">
        <span className={clause.withdrawn ? 'text-slate-500' : 'text-slate-800'}>{clause.title}</span>
        {clause.group ? <span className="ml-2 text-xs text-slate-500">(heading)</span> : null}
        {context ? <span className="block text-xs text-slate-500">{context}</span> : null}
        <WithdrawnNote code={code} clause={clause} />
      </span>
    </li>
  );
}

/** "withdrawn: note → replaced by …", linking the replacements; nothing for a live clause. */
export function WithdrawnNote({ code, clause }: { code: string; clause: Clause }) {
  if (!clause.withdrawn) return null;
  const to = clause.withdrawn.replacedBy ?? [];
  return (
    <span className="block text-xs font-normal text-slate-700" data-test="withdrawn">
      withdrawn: {clause.withdrawn.note}
      {to.length ? (
        <>
          {' '}
          → replaced by <ClauseLinks code={code} ids={to} />
        </>
      ) : null}
    </span>
  );
}

