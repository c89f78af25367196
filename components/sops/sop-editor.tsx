'use client';
/**
 * The SOP editor: the structured content as a form constrained to the schema (prose fields,
 * tables as rows, the procedure as rich text: numbered steps, sub-steps, callouts), autosaved with
 * optimistic concurrency. Each save sends If-Match with the revision it started from; a 409
 * means someone else saved meanwhile, and the page shows both texts and lets the author
 * choose — nothing is overwritten silently. Unsaved text is also kept in this browser until
 * the server has it.
 */
import Link from 'next/link';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { MAX_STEP_DEPTH, SECTIONS, ZSopContent, type TCitation, type TSopContent, type TStep } from '@/lib/sops/content';
import { contentToLines } from '@/lib/sops/diff';
import { GenerationPanel } from './generation-panel';
import { ProcedureEditor } from './procedure-editor';
import { useGeneration } from './use-generation';

interface Props {
  org: string;
  sopId: string;
  docNumber: string;
  initialContent: TSopContent;
  initialRevision: number;
  aiMode: boolean;
  library: { code: string; name: string; clauses: { id: string; title: string }[] }[];
}

type SaveState = { kind: 'saved'; at: string } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'invalid'; message: string } | { kind: 'error'; message: string } | { kind: 'conflict'; theirs: TSopContent; theirRevision: number };

const AUTOSAVE_MS = 1200;
const box = 'mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm text-slate-900 shadow-sm focus:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-100';
const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** The editable form of the content: lists as lines, tables as rows, the procedure as steps. */
interface Form {
  title: string;
  department: string;
  purpose: string;
  scope: string;
  responsibilities: { a: string; b: string }[];
  definitions: { a: string; b: string }[];
  materials: string;
  cautions: string;
  ppe: string;
  procedure: TStep[];
  records: { a: string; b: string }[];
  references: TCitation[];
}

function toForm(c: TSopContent): Form {
  return {
    title: c.titleBlock.title,
    department: c.titleBlock.department,
    purpose: c.purpose,
    scope: c.scope,
    responsibilities: c.responsibilities.map((r) => ({ a: r.role, b: r.duties })),
    definitions: c.definitions.map((d) => ({ a: d.term, b: d.definition })),
    materials: c.materialsAndEquipment.join('\n'),
    cautions: c.healthAndSafety.cautions.join('\n'),
    ppe: c.healthAndSafety.ppe.join('\n'),
    procedure: c.procedure,
    records: c.records.map((r) => ({ a: r.name, b: r.retention })),
    references: c.references,
  };
}

function fromForm(f: Form, base: TSopContent): unknown {
  return {
    titleBlock: { ...base.titleBlock, title: f.title, department: f.department },
    purpose: f.purpose,
    scope: f.scope,
    responsibilities: f.responsibilities.filter((r) => r.a.trim() || r.b.trim()).map((r) => ({ role: r.a, duties: r.b })),
    definitions: f.definitions.filter((r) => r.a.trim() || r.b.trim()).map((r) => ({ term: r.a, definition: r.b })),
    materialsAndEquipment: lines(f.materials),
    healthAndSafety: { cautions: lines(f.cautions), ppe: lines(f.ppe) },
    procedure: f.procedure,
    records: f.records.filter((r) => r.a.trim()).map((r) => ({ name: r.a, retention: r.b })),
    references: f.references,
    revisionHistory: base.revisionHistory,
  };
}

const HEADING: Record<string, string> = Object.fromEntries(SECTIONS.map((s) => [s.key, s.heading]));

function issueMessage(issue: { path: PropertyKey[]; message: string }): string {
  const [first, ...rest] = issue.path.map(String);
  const where = first === 'titleBlock' ? 'Title' : (HEADING[first ?? ''] ?? first);
  const plain = /expected string to have >=1/.test(issue.message)
    ? 'cannot be empty (write “Not applicable” if it does not apply)'
    : /expected array to have >=1/.test(issue.message)
      ? 'needs at least one entry'
      : /expected (string|array) to have <=/.test(issue.message)
        ? 'is too long'
        : issue.message;
  return `${where}${rest.length ? ` (item ${rest.map((r) => (/^\d+$/.test(r) ? String(Number(r) + 1) : r)).join(' › ')})` : ''}: ${plain}`;
}

function PlainText({ content }: { content: TSopContent }) {
  return (
    <div className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 font-mono text-xs">
      {contentToLines(content)
        .map((s) => `${s.heading}\n${s.lines.map((l) => `  ${l}`).join('\n')}`)
        .join('\n\n')}
    </div>
  );
}

function PairRows({ label, rows, onChange, a, b, testId }: { label: string; rows: { a: string; b: string }[]; onChange: (r: { a: string; b: string }[]) => void; a: string; b: string; testId: string }) {
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

export function SopEditor({ org, sopId, docNumber, initialContent, initialRevision, aiMode, library }: Props) {
  const backupKey = `sopwright:draft:${sopId}`;
  const [base, setBase] = useState(initialContent);
  const [form, setForm] = useState<Form>(() => toForm(initialContent));
  const [save, setSave] = useState<SaveState>({ kind: 'saved', at: '' });
  const [restored, setRestored] = useState(false);
  // Bumped whenever the form is replaced from outside (restore, reload, their text): the rich-text procedure follows.
  const [resetKey, setResetKey] = useState(0);
  const [summary, setSummary] = useState('');
  const [versionMsg, setVersionMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [improve, setImprove] = useState<{ section: string; instruction: string } | null>(null);
  const gen = useGeneration();
  const dirtyRef = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const revisionRef = useRef(initialRevision);

  const parsed = useMemo(() => ZSopContent.safeParse(fromForm(form, base)), [form, base]);

  // Offer the text this browser kept when a save did not reach the server.
  useEffect(() => {
    const kept = window.localStorage.getItem(backupKey);
    if (!kept) return;
    try {
      const { revision: rev, form: f } = JSON.parse(kept) as { revision: number; form: Form };
      if (rev === initialRevision && Array.isArray(f.procedure) && JSON.stringify(f) !== JSON.stringify(toForm(initialContent))) {
        // Reading browser storage can only happen after mount; restoring it is the point.
        // eslint-disable-next-line react-hooks/set-state-in-effect
        setForm(f);
        setResetKey((k) => k + 1);
        setRestored(true);
        dirtyRef.current = true;
        setSave({ kind: 'dirty' });
      } else {
        window.localStorage.removeItem(backupKey);
      }
    } catch {
      window.localStorage.removeItem(backupKey);
    }
  }, [backupKey, initialContent, initialRevision]);

  const doSave = useCallback(
    async (opts: { force?: number } = {}) => {
      if (!parsed.success) {
        setSave({ kind: 'invalid', message: issueMessage(parsed.error.issues[0]!) });
        return false;
      }
      const content = parsed.data;
      setSave({ kind: 'saving' });
      const expected = opts.force ?? revisionRef.current;
      let res: Response;
      try {
        res = await fetch(`/api/v1/orgs/${org}/sops/${sopId}`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/json', 'If-Match': `"r${expected}"` },
          body: JSON.stringify({ title: content.titleBlock.title, department: content.titleBlock.department, content }),
        });
      } catch {
        setSave({ kind: 'error', message: 'Not saved: the server cannot be reached. Your text is kept in this browser; saving resumes when you edit again or press Save now.' });
        return false;
      }
      const body = (await res.json().catch(() => ({}))) as { sop?: { draftRevision: number; draftContent: TSopContent }; current?: { draftRevision: number; draftContent: TSopContent }; error?: { message: string } };
      if (res.status === 409 && body.current?.draftContent) {
        setSave({ kind: 'conflict', theirs: body.current.draftContent, theirRevision: body.current.draftRevision });
        return false;
      }
      if (!res.ok || !body.sop) {
        setSave({ kind: 'error', message: `Not saved: ${body.error?.message ?? `the server answered ${res.status}`}` });
        return false;
      }
      revisionRef.current = body.sop.draftRevision;
      setBase(body.sop.draftContent);
      dirtyRef.current = false;
      window.localStorage.removeItem(backupKey);
      setSave({ kind: 'saved', at: new Date().toLocaleTimeString() });
      return true;
    },
    [parsed, org, sopId, backupKey],
  );

  function update(patch: Partial<Form>) {
    setForm((f) => {
      const next = { ...f, ...patch };
      window.localStorage.setItem(backupKey, JSON.stringify({ revision: revisionRef.current, form: next }));
      return next;
    });
    dirtyRef.current = true;
    setVersionMsg(null);
    setSave((s) => (s.kind === 'conflict' ? s : { kind: 'dirty' }));
  }

  // Autosave a moment after the last keystroke (not while a conflict waits for a decision).
  useEffect(() => {
    if (!dirtyRef.current || save.kind === 'conflict' || save.kind === 'saving') return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void doSave(), AUTOSAVE_MS);
    return () => clearTimeout(timer.current);
  }, [form, doSave, save.kind]);

  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (dirtyRef.current) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  async function saveVersion() {
    setVersionMsg(null);
    if (dirtyRef.current && !(await doSave())) return;
    const res = await fetch(`/api/v1/orgs/${org}/sops/${sopId}/versions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'If-Match': `"r${revisionRef.current}"` },
      body: JSON.stringify({ changeSummary: summary }),
    });
    const body = (await res.json().catch(() => ({}))) as { version?: { label: string }; error?: { message: string } };
    if (res.ok && body.version) {
      setVersionMsg({ ok: true, text: `Saved as version ${body.version.label}.` });
      setSummary('');
      const etag = res.headers.get('etag')?.match(/"r(\d+)"/)?.[1];
      if (etag) {
        revisionRef.current = Number(etag);
      }
    } else {
      setVersionMsg({ ok: false, text: body.error?.message ?? `Not saved (${res.status}).` });
    }
  }

  async function reloadFromServer() {
    const res = await fetch(`/api/v1/orgs/${org}/sops/${sopId}`);
    const body = (await res.json()) as { sop: { draftRevision: number; draftContent: TSopContent } };
    setBase(body.sop.draftContent);
    setForm(toForm(body.sop.draftContent));
    setResetKey((k) => k + 1);
    revisionRef.current = body.sop.draftRevision;
    dirtyRef.current = false;
    window.localStorage.removeItem(backupKey);
    setSave({ kind: 'saved', at: new Date().toLocaleTimeString() });
  }

  async function runImprove() {
    if (!improve) return;
    if (dirtyRef.current && !(await doSave())) return;
    const ended = await gen.consume(
      fetch(`/api/v1/orgs/${org}/sops/${sopId}/improve`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ section: improve.section, instruction: improve.instruction }),
      }),
    );
    if (ended === 'done') {
      setImprove(null);
      await reloadFromServer();
    }
  }

  const improveButton = (section: string) =>
    aiMode ? (
      <button type="button" data-test={`improve-${section}`} onClick={() => setImprove({ section, instruction: '' })} className="text-xs font-medium text-brand-700 hover:underline">
        Improve this section
      </button>
    ) : null;

  const sectionHead = (key: string, n: number) => (
    <div className="flex items-baseline justify-between gap-2">
      <h3 className="text-sm font-semibold text-slate-900">
        {n}. {HEADING[key]}
      </h3>
      {improveButton(key)}
    </div>
  );

  const status = {
    saved: save.kind === 'saved' && save.at ? `Saved at ${save.at}` : 'All changes saved',
    dirty: 'Unsaved changes…',
    saving: 'Saving…',
    invalid: save.kind === 'invalid' ? `Not saved: ${save.message}` : '',
    error: save.kind === 'error' ? save.message : '',
    conflict: 'Not saved: someone else changed this SOP.',
  }[save.kind];

  return (
    <div className="space-y-5">
      <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50/95 py-2 backdrop-blur">
        <p className={`text-sm ${save.kind === 'invalid' || save.kind === 'error' || save.kind === 'conflict' ? 'text-red-700' : 'text-slate-600'}`} role="status" aria-live="polite" data-test="save-status">
          {status}
        </p>
        <div className="flex items-center gap-2">
          <button type="button" onClick={() => void doSave()} data-test="save-now" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:border-brand-600">
            Save now
          </button>
          <Link href={`/o/${org}/sops/${sopId}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:border-brand-600">
            Done
          </Link>
        </div>
      </div>

      {restored ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          Restored text from this browser that had not reached the server. It will be saved now.
        </div>
      ) : null}

      {save.kind === 'conflict' ? (
        <div className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-4" data-test="conflict">
          <p className="text-sm font-medium text-red-900">Someone else saved this SOP after you opened it. Nothing has been overwritten. Compare the two texts and choose.</p>
          <div className="grid gap-3 lg:grid-cols-2">
            <div>
              <p className="mb-1 text-xs font-semibold uppercase text-slate-600">Their saved text</p>
              <div data-test="conflict-theirs">
                <PlainText content={save.theirs} />
              </div>
            </div>
            <div>
              <p className="mb-1 text-xs font-semibold uppercase text-slate-600">Your text (not saved)</p>
              <div data-test="conflict-mine">{parsed.success ? <PlainText content={parsed.data} /> : <p className="text-sm">Your text has errors: {issueMessage(parsed.error.issues[0]!)}</p>}</div>
            </div>
          </div>
          <div className="flex flex-wrap gap-2">
            <button type="button" data-test="keep-mine" onClick={() => void doSave({ force: save.theirRevision })} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
              Keep my text (replace theirs)
            </button>
            <button
              type="button"
              data-test="take-theirs"
              onClick={() => {
                setBase(save.theirs);
                setForm(toForm(save.theirs));
                setResetKey((k) => k + 1);
                revisionRef.current = save.theirRevision;
                dirtyRef.current = false;
                window.localStorage.removeItem(backupKey);
                setSave({ kind: 'saved', at: new Date().toLocaleTimeString() });
              }}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:border-brand-600"
            >
              Use their text (discard mine)
            </button>
          </div>
          <p className="text-xs text-slate-600">Tip: copy anything you need from your text before discarding it.</p>
        </div>
      ) : null}

      {improve ? (
        <div className="space-y-3 rounded-xl border border-brand-100 bg-brand-50 p-4" data-test="improve-panel">
          <label htmlFor="improve-instruction" className="block text-sm font-medium">
            Improve “{HEADING[improve.section]}” with Claude: what should change?
          </label>
          {gen.state.phase === 'idle' || gen.state.phase === 'done' ? (
            <>
              <textarea id="improve-instruction" rows={3} maxLength={2000} value={improve.instruction} onChange={(e) => setImprove({ ...improve, instruction: e.target.value })} className={box} placeholder="Add a verification step after each cleaning step" />
              <div className="flex gap-2">
                <button type="button" data-test="improve-run" disabled={improve.instruction.trim().length < 3} onClick={() => void runImprove()} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
                  Rewrite section
                </button>
                <button type="button" onClick={() => setImprove(null)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
                  Close
                </button>
              </div>
            </>
          ) : (
            <>
              <GenerationPanel org={org} state={gen.state} />
              {gen.state.phase === 'error' ? (
                <button type="button" onClick={() => setImprove(null)} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
                  Close
                </button>
              ) : null}
            </>
          )}
        </div>
      ) : null}

      <div className="space-y-6 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" data-test="sop-editor">
        <div className="grid gap-4 sm:grid-cols-[1fr_14rem]">
          <div>
            <label htmlFor="ed-title" className="block text-sm font-semibold">Title</label>
            <input id="ed-title" value={form.title} maxLength={300} onChange={(e) => update({ title: e.target.value })} className={box} />
          </div>
          <div>
            <label htmlFor="ed-dept" className="block text-sm font-semibold">Department</label>
            <input id="ed-dept" value={form.department} maxLength={120} onChange={(e) => update({ department: e.target.value })} className={box} />
          </div>
        </div>
        <p className="text-xs text-slate-500">Document number {docNumber}. A section that does not apply should say “Not applicable”.</p>

        <div>
          {sectionHead('purpose', 1)}
          <textarea aria-label="Purpose" data-test="ed-purpose" rows={3} maxLength={4000} value={form.purpose} onChange={(e) => update({ purpose: e.target.value })} className={box} />
        </div>
        <div>
          {sectionHead('scope', 2)}
          <textarea aria-label="Scope" rows={3} maxLength={4000} value={form.scope} onChange={(e) => update({ scope: e.target.value })} className={box} />
        </div>
        <div>
          {sectionHead('responsibilities', 3)}
          <PairRows label="Responsibility" testId="ed-responsibilities" a="Role" b="Duties" rows={form.responsibilities} onChange={(r) => update({ responsibilities: r })} />
        </div>
        <div>
          {sectionHead('definitions', 4)}
          <PairRows label="Definition" testId="ed-definitions" a="Term" b="Definition" rows={form.definitions} onChange={(r) => update({ definitions: r })} />
        </div>
        <div>
          {sectionHead('materialsAndEquipment', 5)}
          <textarea aria-label="Materials and equipment, one per line" rows={4} value={form.materials} onChange={(e) => update({ materials: e.target.value })} className={box} />
          <p className="mt-1 text-xs text-slate-500">One item per line.</p>
        </div>
        <div>
          {sectionHead('healthAndSafety', 6)}
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="ed-cautions" className="text-xs font-medium text-slate-600">Cautions (one per line)</label>
              <textarea id="ed-cautions" rows={4} value={form.cautions} onChange={(e) => update({ cautions: e.target.value })} className={box} />
            </div>
            <div>
              <label htmlFor="ed-ppe" className="text-xs font-medium text-slate-600">PPE (one per line)</label>
              <textarea id="ed-ppe" rows={4} value={form.ppe} onChange={(e) => update({ ppe: e.target.value })} className={box} />
            </div>
          </div>
        </div>
        <div>
          {sectionHead('procedure', 7)}
          <ProcedureEditor steps={form.procedure} resetKey={resetKey} onChange={(procedure) => update({ procedure })} />
          <p className="mt-1 text-xs text-slate-500">Enter adds a step; Tab makes it a sub-step of the one above (up to {MAX_STEP_DEPTH} levels, 1.1.1.1.1), Shift+Tab un-nests it. Warnings and cautions go before the step they belong to in the printed SOP.</p>
        </div>
        <div>
          {sectionHead('records', 8)}
          <PairRows label="Record" testId="ed-records" a="Record" b="Retention" rows={form.records} onChange={(r) => update({ records: r })} />
        </div>
        <div>
          {sectionHead('references', 9)}
          <ul className="mt-1 space-y-1 text-sm" data-test="ed-references">
            {form.references.map((r, i) => (
              <li key={`${r.framework}-${r.clause}`} className="flex items-center justify-between gap-2 rounded border border-slate-200 px-2 py-1">
                <span>
                  <span className="font-mono text-xs font-semibold">
                    {r.framework} {r.clause}
                  </span>
                  <span className="text-slate-500"> — {library.find((f) => f.code === r.framework)?.clauses.find((c) => c.id === r.clause)?.title ?? 'not in the library'}</span>
                </span>
                <button type="button" aria-label={`Remove reference ${r.framework} ${r.clause}`} onClick={() => update({ references: form.references.filter((_, j) => j !== i) })} className="px-2 text-slate-500 hover:text-red-700">
                  ✕
                </button>
              </li>
            ))}
          </ul>
          <select
            aria-label="Add a reference"
            value=""
            onChange={(e) => {
              const [framework, clause] = e.target.value.split('\u0000');
              if (framework && clause && !form.references.some((r) => r.framework === framework && r.clause === clause)) update({ references: [...form.references, { framework, clause }] });
            }}
            className={`${box} mt-2`}
          >
            <option value="">Add a reference from the library…</option>
            {library.map((f) => (
              <optgroup key={f.code} label={f.name}>
                {f.clauses.map((c) => (
                  <option key={c.id} value={`${f.code}\u0000${c.id}`}>
                    {c.id} — {c.title}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
      </div>

      <div className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div className="min-w-64 flex-1">
          <label htmlFor="change-summary" className="block text-sm font-semibold">Save as a new version</label>
          <input id="change-summary" value={summary} maxLength={1000} onChange={(e) => setSummary(e.target.value)} className={box} placeholder="What changed, e.g. Added ATP verification after rinse" />
        </div>
        <button type="button" data-test="save-version" disabled={summary.trim().length < 3} onClick={() => void saveVersion()} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
          Save version
        </button>
        {versionMsg ? (
          <p role={versionMsg.ok ? 'status' : 'alert'} data-test="version-message" className={`w-full text-sm ${versionMsg.ok ? 'text-brand-700' : 'text-red-700'}`}>
            {versionMsg.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}
