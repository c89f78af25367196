'use client';
/** The two panels that interrupt editing: a save conflict waiting for a choice, and a section rewrite with Claude. */
import type { TSopContent } from '@/lib/sops/content';
import { contentToLines } from '@/lib/sops/diff';
import { GenerationPanel } from '../generation-panel';
import type { GenerationState } from '../use-generation';
import { box } from './fields';
import { HEADING, type Checked } from './form-model';

function PlainText({ content }: { content: TSopContent }) {
  return (
    <div className="max-h-96 overflow-auto whitespace-pre-wrap rounded-md border border-slate-200 bg-white p-3 font-mono text-xs">
      {contentToLines(content)
        .map((s) => `${s.heading}\n${s.lines.map((l) => `  ${l}`).join('\n')}`)
        .join('\n\n')}
    </div>
  );
}

/** Both texts side by side; nothing has been overwritten and the author chooses. */
export function ConflictPanel({ theirs, mine, onKeepMine, onTakeTheirs }: { theirs: TSopContent; mine: Checked; onKeepMine: () => void; onTakeTheirs: () => void }) {
  return (
    <div className="space-y-3 rounded-xl border border-red-200 bg-red-50 p-4" data-test="conflict">
      <p className="text-sm font-medium text-red-900">Someone else saved this SOP after you opened it. Nothing has been overwritten. Compare the two texts and choose.</p>
      <div className="grid gap-3 lg:grid-cols-2">
        <div>
          <p className="mb-1 text-xs font-semibold uppercase text-slate-600">Their saved text</p>
          <div data-test="conflict-theirs">
            <PlainText content={theirs} />
          </div>
        </div>
        <div>
          <p className="mb-1 text-xs font-semibold uppercase text-slate-600">Your text (not saved)</p>
          <div data-test="conflict-mine">{mine.ok ? <PlainText content={mine.content} /> : <p className="text-sm">Your text has errors: {mine.message}</p>}</div>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="button" data-test="keep-mine" onClick={onKeepMine} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
          Keep my text (replace theirs)
        </button>
        <button type="button" data-test="take-theirs" onClick={onTakeTheirs} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-semibold hover:border-brand-600">
          Use their text (discard mine)
        </button>
      </div>
      <p className="text-xs text-slate-600">Tip: copy anything you need from your text before discarding it.</p>
    </div>
  );
}

export interface ImproveRequest {
  section: string;
  instruction: string;
}

/** The instruction for one section, then the rewrite's progress while it streams. */
export function ImprovePanel({ org, improve, gen, onChange, onRun, onClose }: { org: string; improve: ImproveRequest; gen: GenerationState; onChange: (r: ImproveRequest) => void; onRun: () => void; onClose: () => void }) {
  const close = (
    <button type="button" onClick={onClose} className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm">
      Close
    </button>
  );
  return (
    <div className="space-y-3 rounded-xl border border-brand-100 bg-brand-50 p-4" data-test="improve-panel">
      <label htmlFor="improve-instruction" className="block text-sm font-medium">
        Improve “{HEADING[improve.section]}” with Claude: what should change?
      </label>
      {gen.phase === 'idle' || gen.phase === 'done' ? (
        <>
          <textarea id="improve-instruction" rows={3} maxLength={2000} value={improve.instruction} onChange={(e) => onChange({ ...improve, instruction: e.target.value })} className={box} placeholder="Add a verification step after each cleaning step" />
          <div className="flex gap-2">
            <button type="button" data-test="improve-run" disabled={improve.instruction.trim().length < 3} onClick={onRun} className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
              Rewrite section
            </button>
            {close}
          </div>
        </>
      ) : (
        <>
          <GenerationPanel org={org} state={gen} />
          {gen.phase === 'error' ? close : null}
        </>
      )}
    </div>
  );
}
