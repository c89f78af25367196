'use client';
/**
 * The procedure field's box and toolbar, without TipTap: ./procedure-editor fills it with the
 * editor, ./procedure-field with the steps read-only while the editor's chunk is on its way, so
 * that nothing moves when the editor takes over.
 */
import type { ReactNode } from 'react';
import { MAX_STEP_DEPTH } from '@/lib/sops/content-shape';

export type Kind = 'warning' | 'caution' | 'note';

/** What the toolbar buttons do; null while there is no editor yet (they are disabled). */
export interface ToolbarActions {
  sink: () => void;
  lift: () => void;
  callout: (kind: Kind) => void;
}

const button = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:border-brand-600 disabled:opacity-50';
/** A toolbar button keeps the editor's focus and selection when clicked, so what is typed next lands in the text. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

/** The classes of the scrolling area the text sits in (TipTap's EditorContent, or the read-only steps). */
export const CONTENT_AREA = 'max-h-[36rem] overflow-y-auto px-3 py-2 text-sm';

export function ProcedureFrame({ actions, status, children }: { actions: ToolbarActions | null; status?: ReactNode; children: ReactNode }) {
  return (
    <div className="mt-1 rounded-md border border-slate-300 shadow-sm focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-100">
      <div className="flex flex-wrap gap-1 border-b border-slate-200 bg-slate-50 px-2 py-1.5" role="toolbar" aria-label="Procedure formatting">
        <button type="button" className={button} disabled={!actions} onMouseDown={keepFocus} onClick={() => actions?.sink()} title={`Tab (steps nest up to ${MAX_STEP_DEPTH} levels)`}>
          Make sub-step
        </button>
        <button type="button" className={button} disabled={!actions} onMouseDown={keepFocus} onClick={() => actions?.lift()} title="Shift+Tab">
          Un-nest
        </button>
        <span className="mx-1 w-px bg-slate-200" aria-hidden />
        {(['warning', 'caution', 'note'] as const).map((k) => (
          <button key={k} type="button" className={button} disabled={!actions} data-test={`add-${k}`} onMouseDown={keepFocus} onClick={() => actions?.callout(k)}>
            + {k[0]!.toUpperCase() + k.slice(1)}
          </button>
        ))}
        {status}
      </div>
      {children}
    </div>
  );
}
