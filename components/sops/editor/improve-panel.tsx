'use client';
/** The panel that interrupts editing for a section rewrite with Claude: the instruction, then the rewrite's progress. */
import { GenerationPanel } from '../generation-panel';
import type { GenerationState } from '../use-generation';
import { box } from './fields';
import { HEADING } from './form-model';

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
