'use client';
/**
 * The Compliance mapping panel's controls (editors only): add a clause by hand (a framework,
 * then a search over that framework's clauses only, loaded one framework at a time), map the
 * SOP's references, ask for suggestions (Claude or keyword matching; it can take a while), and
 * accept, reject or remove one mapping. Through the mappings API; the page refreshes after
 * each change, and the last message stays on screen.
 */
import { useRouter } from 'next/navigation';
import { useId, useMemo, useState } from 'react';
import { call } from '@/components/sops/editor/api';
import { FetchRowButton } from '@/components/ui/fetch-row-button';
import { BusyButton, INPUT_CLASS } from '@/components/ui/form';
import { frameworkClausesAction } from '@/lib/compliance/actions';
import type { Mapping } from '@/lib/compliance/mappings';
import type { ClauseChoice, FrameworkChoice } from '@/lib/compliance/page-context';
import type { SuggestionResult } from '@/lib/compliance/suggestions';

const MAX_SHOWN = 12;

function Message({ text, kind, test }: { text: string | null; kind: 'error' | 'notice'; test: string }) {
  if (!text) return null;
  return (
    <p role={kind === 'error' ? 'alert' : 'status'} className={`text-sm ${kind === 'error' ? 'text-red-700' : 'text-brand-800'}`} data-test={test}>
      {text}
    </p>
  );
}

export function AddClause({ slug, url, frameworks, initial }: { slug: string; url: string; frameworks: FrameworkChoice[]; initial: { framework: string; clauses: ClauseChoice[] } | null }) {
  const router = useRouter();
  const id = useId();
  const [framework, setFramework] = useState(initial?.framework ?? frameworks[0]?.code ?? '');
  const [loaded, setLoaded] = useState<Record<string, ClauseChoice[]>>(initial ? { [initial.framework]: initial.clauses } : {});
  const [query, setQuery] = useState('');
  const [clause, setClause] = useState('');
  const [busy, setBusy] = useState<'loading' | 'adding' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const clauses = loaded[framework];

  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    const list = clauses ?? [];
    const hits = q ? list.filter((c) => c.id.toLowerCase().includes(q) || c.title.toLowerCase().includes(q)) : list;
    // An exact id first, then ids that start with the query, then the rest in document order.
    const rank = (c: ClauseChoice) => (c.id.toLowerCase() === q ? 0 : c.id.toLowerCase().startsWith(q) ? 1 : 2);
    return q ? [...hits].sort((a, b) => rank(a) - rank(b)) : hits;
  }, [clauses, query]);

  async function choose(code: string) {
    setFramework(code);
    setClause('');
    setError(null);
    setNotice(null);
    if (loaded[code]) return;
    setBusy('loading');
    const form = new FormData();
    form.set('slug', slug);
    form.set('framework', code);
    const state = await frameworkClausesAction(undefined, form).catch(() => ({ error: 'The clauses could not be loaded. Reload the page and try again.' }));
    setBusy(null);
    if (!state || 'error' in state || !('data' in state) || !state.data) return setError(state && 'error' in state && state.error ? state.error : 'The clauses could not be loaded.');
    const data = state.data;
    setLoaded((l) => ({ ...l, [data.framework]: data.clauses }));
  }

  async function add(e: React.FormEvent) {
    e.preventDefault();
    if (!clause) return setError('Choose a clause from the list (search by number or title).');
    setBusy('adding');
    setError(null);
    setNotice(null);
    const a = await call<{ mapping: Mapping }>(url, { method: 'POST', json: { framework, clause } });
    setBusy(null);
    if (!a.ok) return setError(`Not mapped: ${a.error.message}`);
    setNotice(`Mapped to ${a.data.mapping.frameworkName} ${a.data.mapping.clause}.`);
    setClause('');
    setQuery('');
    router.refresh();
  }

  const followed = frameworks.filter((f) => f.followed);
  const others = frameworks.filter((f) => !f.followed);
  const option = (f: FrameworkChoice) => (
    <option key={f.code} value={f.code} disabled={f.leaves === 0}>
      {f.shortName} ({f.version}){f.leaves === 0 ? ' — no clauses in the library yet' : ''}
    </option>
  );
  return (
    <form onSubmit={add} className="space-y-2" data-test="add-clause">
      <div className="grid gap-2 sm:grid-cols-[16rem_1fr]">
        <div>
          <label htmlFor={`${id}-framework`} className="block text-sm font-medium text-slate-800">Framework</label>
          <select id={`${id}-framework`} value={framework} onChange={(e) => void choose(e.target.value)} className={INPUT_CLASS} data-test="add-clause-framework">
            {followed.length ? <optgroup label="Frameworks you follow">{followed.map(option)}</optgroup> : null}
            <optgroup label={followed.length ? 'Other frameworks' : 'Frameworks'}>{others.map(option)}</optgroup>
          </select>
        </div>
        <div className="min-w-0">
          <label htmlFor={`${id}-search`} className="block text-sm font-medium text-slate-800">Clause</label>
          <input
            id={`${id}-search`}
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="Search by number or title, e.g. 7.5 or calibration"
            autoComplete="off"
            className={INPUT_CLASS}
            data-test="add-clause-search"
            aria-describedby={`${id}-count`}
          />
        </div>
      </div>
      {busy === 'loading' ? (
        <p className="text-sm text-slate-600">Loading the clauses…</p>
      ) : clauses ? (
        <fieldset>
          <legend id={`${id}-count`} className="text-xs text-slate-500">
            {shown.length === 0 ? 'No clause matches.' : shown.length > MAX_SHOWN ? `${shown.length} clauses match; the first ${MAX_SHOWN} are shown — type more to narrow.` : `${shown.length} clause${shown.length === 1 ? '' : 's'}.`}
          </legend>
          <ul className="mt-1 max-h-64 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200" data-test="add-clause-options">
            {shown.slice(0, MAX_SHOWN).map((c) => (
              <li key={c.id}>
                <label className={`flex cursor-pointer items-start gap-2 px-3 py-1.5 text-sm hover:bg-slate-50 ${clause === c.id ? 'bg-brand-50' : ''}`}>
                  <input type="radio" name={`${id}-clause`} value={c.id} checked={clause === c.id} onChange={() => setClause(c.id)} className="mt-1" />
                  <span className="min-w-0 wrap-anywhere">
                    <span className="font-mono text-xs font-semibold">{c.id}</span> <span>{c.title}</span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      ) : null}
      <div className="flex flex-wrap items-center gap-3">
        <BusyButton busy={busy === 'adding'} busyText="Adding…" disabled={busy === 'loading' || !framework} test="add-clause-submit">Add</BusyButton>
        <Message text={error} kind="error" test="add-clause-error" />
        <Message text={notice} kind="notice" test="add-clause-notice" />
      </div>
    </form>
  );
}

/** "Map from references" and "Suggest clauses", with the result of the last run. */
export function MappingTools({ url, claude, follows }: { url: string; claude: boolean; follows: boolean }) {
  const router = useRouter();
  const id = useId();
  const [engine, setEngine] = useState<'auto' | 'keywords'>(claude ? 'auto' : 'keywords');
  const [busy, setBusy] = useState<'references' | 'suggest' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  async function fromReferences() {
    setBusy('references');
    setError(null);
    setNotice(null);
    const a = await call<{ added: Mapping[]; skipped: number; unknown: number }>(`${url}/from-references`, { method: 'POST' });
    setBusy(null);
    if (!a.ok) return setError(`Not mapped: ${a.error.message}`);
    const { added, skipped, unknown } = a.data;
    const parts = [added.length ? `Mapped ${added.length} clause${added.length === 1 ? '' : 's'} from the SOP’s references.` : 'No new clause to map from the SOP’s references.'];
    if (skipped) parts.push(`${skipped} already mapped.`);
    if (unknown) parts.push(`${unknown} reference${unknown === 1 ? ' is' : 's are'} not a clause of the library, so not mapped.`);
    setNotice(parts.join(' '));
    router.refresh();
  }

  async function suggest() {
    setBusy('suggest');
    setError(null);
    setNotice(null);
    const a = await call<SuggestionResult>(`${url}/suggest`, { method: 'POST', json: { engine } });
    setBusy(null);
    if (!a.ok) return setError(`No suggestions: ${a.error.message}`);
    setNotice(a.data.message);
    router.refresh();
  }

  return (
    <div className="space-y-2" data-test="mapping-tools">
      <div className="flex flex-wrap items-end gap-3">
        <BusyButton busy={busy === 'references'} busyText="Mapping…" disabled={busy !== null} variant="secondary" type="button" onClick={() => void fromReferences()} test="map-from-references">
          Map from references
        </BusyButton>
        {follows ? (
          <>
            {claude ? (
              <div>
                <label htmlFor={`${id}-engine`} className="block text-xs font-medium text-slate-700">Suggest with</label>
                <select id={`${id}-engine`} value={engine} onChange={(e) => setEngine(e.target.value as 'auto' | 'keywords')} disabled={busy !== null} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-2 text-sm" data-test="suggest-engine">
                  <option value="auto">Claude</option>
                  <option value="keywords">Keyword matching (offline)</option>
                </select>
              </div>
            ) : null}
            <BusyButton busy={busy === 'suggest'} busyText={engine === 'auto' ? 'Claude is reading the SOP…' : 'Matching…'} disabled={busy !== null} type="button" onClick={() => void suggest()} test="suggest-clauses">
              Suggest clauses
            </BusyButton>
          </>
        ) : null}
      </div>
      {busy === 'suggest' && engine === 'auto' ? <p className="text-xs text-slate-500" data-test="suggest-pending">This can take several seconds. Personal data and your sensitive terms are removed before the SOP is sent.</p> : null}
      {!claude && follows ? <p className="text-xs text-slate-500">Suggestions use keyword matching on this server (AI processing is off or not configured); nothing leaves the server.</p> : null}
      <Message text={error} kind="error" test="mapping-error" />
      <Message text={notice} kind="notice" test="mapping-notice" />
    </div>
  );
}

/** Accept or reject a suggestion, or remove a mapping. */
export function MappingRowAction({ url, action, label }: { url: string; action: 'accept' | 'reject' | 'remove'; label: string }) {
  const [text, busyText] = { accept: ['Accept', 'Accepting…'], reject: ['Reject', 'Rejecting…'], remove: ['Remove', 'Removing…'] }[action];
  return (
    <FetchRowButton
      url={action === 'accept' ? `${url}/accept` : url}
      method={action === 'accept' ? 'POST' : 'DELETE'}
      confirm={action === 'remove' ? `Remove the mapping to ${label}? The audit trail keeps a record of it.` : undefined}
      label={`${text} ${label}`}
      text={text!}
      busyText={busyText!}
      test={`mapping-${action}`}
      primary={action === 'accept'}
    />
  );
}
