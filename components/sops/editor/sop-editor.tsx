'use client';
/**
 * The SOP editor: the structured content as a form constrained to the schema (prose fields,
 * tables as rows, the procedure as rich text: numbered steps, sub-steps, callouts). Saving,
 * conflicts and the browser's copy of unsaved text live in useAutosave; this is the view.
 *
 * What the first paint does not need is loaded apart, so that it is not in the route's
 * first-load JS: TipTap (./procedure-field fetches it after mount), the content schema
 * (./use-autosave, before the first save) and the conflict panel (when a conflict happens).
 * tests/unit/editor-first-load.test.ts keeps them out.
 */
import dynamic from 'next/dynamic';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { BusyButton } from '@/components/ui/form';
import type { TSopContent } from '@/lib/sops/content';
import { MAX_STEP_DEPTH } from '@/lib/sops/content-shape';
import { useGeneration } from '../use-generation';
import { sopApi } from './api';
import { box, PairRows, ReferencesField, type Library } from './fields';
import { HEADING, type Form } from './form-model';
import { ImprovePanel, type ImproveRequest } from './improve-panel';
import { ProcedureField } from './procedure-field';
import { useAutosave, type SaveState } from './use-autosave';

const ConflictPanel = dynamic(() => import('./conflict-panel').then((m) => m.ConflictPanel), {
  ssr: false,
  loading: () => (
    <p className="rounded-xl border border-red-200 bg-red-50 p-4 text-sm font-medium text-red-900" role="status">
      Someone else saved this SOP after you opened it. Nothing has been overwritten. Loading both texts…
    </p>
  ),
});

interface Props {
  org: string;
  sopId: string;
  docNumber: string;
  initialContent: TSopContent;
  initialRevision: number;
  aiMode: boolean;
  library: Library;
  /** A rewrite to offer on opening (the gap analysis's "Improve this section"): the dialog opens prefilled and waits for the author. */
  initialImprove?: ImproveRequest | null;
}

const STATUS = { dirty: 'Unsaved changes…', saving: 'Saving…', conflict: 'Not saved: someone else changed this SOP.' };

function statusText(save: SaveState): string {
  if (save.kind === 'saved') return save.at ? `Saved at ${save.at}` : 'All changes saved';
  if (save.kind === 'invalid') return `Not saved: ${save.message}`;
  return save.kind === 'error' ? save.message : STATUS[save.kind];
}

export function SopEditor({ org, sopId, docNumber, initialContent, initialRevision, aiMode, library, initialImprove = null }: Props) {
  const api = useMemo(() => sopApi(org, sopId), [org, sopId]);
  const draft = useAutosave({ api, sopId, initialContent, initialRevision });
  const { form, save } = draft;
  const [summary, setSummary] = useState('');
  const [versionMsg, setVersionMsg] = useState<{ ok: boolean; text: string } | null>(null);
  const [savingVersion, setSavingVersion] = useState(false);
  const [improve, setImprove] = useState<ImproveRequest | null>(aiMode ? initialImprove : null);
  const gen = useGeneration();
  // The offer is made once: a reload of the editor does not open it again.
  useEffect(() => {
    if (initialImprove) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [initialImprove]);

  function update(patch: Partial<Form>) {
    draft.update(patch);
    setVersionMsg(null);
  }

  async function saveVersion() {
    setVersionMsg(null);
    setSavingVersion(true);
    const msg = await draft.saveVersion(summary).finally(() => setSavingVersion(false));
    if (msg) setVersionMsg(msg);
    if (msg?.ok) setSummary('');
  }

  async function runImprove() {
    if (!improve || !(await draft.flush())) return;
    if ((await gen.consume(api.improve(improve.section, improve.instruction))) !== 'done') return;
    setImprove(null);
    await draft.reload();
  }

  const sectionHead = (key: string, n: number) => (
    <div className="flex items-baseline justify-between gap-2">
      <h3 className="text-sm font-semibold text-slate-900">
        {n}. {HEADING[key]}
      </h3>
      {aiMode ? (
        <button type="button" data-test={`improve-${key}`} onClick={() => setImprove({ section: key, instruction: '' })} className="text-xs font-medium text-brand-700 hover:underline">
          Improve this section
        </button>
      ) : null}
    </div>
  );

  const tableSection = (key: 'responsibilities' | 'definitions' | 'records', n: number, label: string, a: string, b: string) => (
    <div>
      {sectionHead(key, n)}
      <PairRows label={label} testId={`ed-${key}`} a={a} b={b} rows={form[key]} onChange={(rows) => update({ [key]: rows })} />
    </div>
  );

  const failed = save.kind === 'invalid' || save.kind === 'error' || save.kind === 'conflict';

  return (
    <div className="space-y-5">
      <div className="sticky top-0 z-10 flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 bg-slate-50/95 py-2 backdrop-blur">
        <p className={`text-sm ${failed ? 'text-red-700' : 'text-slate-600'}`} role="status" aria-live="polite" data-test="save-status">
          {statusText(save)}
        </p>
        <div className="flex items-center gap-2">
          <button type="button" onClick={() => void draft.saveNow()} data-test="save-now" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:border-brand-600">
            Save now
          </button>
          <Link href={`/o/${org}/sops/${sopId}`} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:border-brand-600">
            Done
          </Link>
        </div>
      </div>

      {draft.restored ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          Restored text from this browser that had not reached the server. It will be saved now.
        </div>
      ) : null}

      {save.kind === 'conflict' ? (
        <ConflictPanel theirs={save.theirs} form={form} base={draft.base} onKeepMine={() => void draft.keepMine(save.theirRevision)} onTakeTheirs={() => draft.takeTheirs(save.theirs, save.theirRevision)} />
      ) : null}

      {initialImprove && !aiMode ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900 whitespace-pre-wrap wrap-anywhere" role="status" data-test="improve-offline">
          From the gap analysis, for “{HEADING[initialImprove.section]}”: {initialImprove.instruction} AI processing is off, so edit the section by hand.
        </div>
      ) : null}

      {improve ? <ImprovePanel org={org} improve={improve} gen={gen.state} onChange={setImprove} onRun={() => void runImprove()} onClose={() => setImprove(null)} /> : null}

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
        {tableSection('responsibilities', 3, 'Responsibility', 'Role', 'Duties')}
        {tableSection('definitions', 4, 'Definition', 'Term', 'Definition')}
        <div>
          {sectionHead('materialsAndEquipment', 5)}
          <textarea aria-label="Materials and equipment, one per line" rows={4} value={form.materials} onChange={(e) => update({ materials: e.target.value })} className={box} />
          <p className="mt-1 text-xs text-slate-500">One item per line.</p>
        </div>
        <div>
          {sectionHead('healthAndSafety', 6)}
          <div className="grid gap-3 sm:grid-cols-2">
            <div>
              <label htmlFor="ed-cautions" className="text-xs font-medium text-slate-600">Hazards and precautions (one per line, starting WARNING:, CAUTION: or NOTE:)</label>
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
          <ProcedureField steps={form.procedure} resetKey={draft.resetKey} onChange={(procedure) => update({ procedure })} />
          <p className="mt-1 text-xs text-slate-500">Enter adds a step; Tab makes it a sub-step of the one above (up to {MAX_STEP_DEPTH} levels, 1.1.1.1.1), Shift+Tab un-nests it. + Warning, + Caution and + Note add a callout above the step the cursor is in: it guards that step and is printed before its text on the SOP page and in Word.</p>
        </div>
        {tableSection('records', 8, 'Record', 'Record', 'Retention')}
        <div>
          {sectionHead('references', 9)}
          <ReferencesField references={form.references} library={library} onChange={(references) => update({ references })} />
        </div>
      </div>

      <div className="flex flex-wrap items-end gap-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <div className="min-w-64 flex-1">
          <label htmlFor="change-summary" className="block text-sm font-semibold">Save as a new version</label>
          <input id="change-summary" value={summary} maxLength={1000} onChange={(e) => setSummary(e.target.value)} className={box} placeholder="What changed, e.g. Added ATP verification after rinse" />
        </div>
        <BusyButton type="button" test="save-version" busy={savingVersion} busyText="Saving version…" disabled={summary.trim().length < 3} onClick={() => void saveVersion()}>
          Save version
        </BusyButton>
        {versionMsg ? (
          <p role={versionMsg.ok ? 'status' : 'alert'} data-test="version-message" className={`w-full text-sm ${versionMsg.ok ? 'text-brand-700' : 'text-red-700'}`}>
            {versionMsg.text}
          </p>
        ) : null}
      </div>
    </div>
  );
}
