'use client';
/**
 * The procedure as rich text (TipTap), constrained to the content schema (./procedure-schema):
 * one numbered list whose items are steps, each with its warning/caution/note callouts above
 * its text (they guard the step) and nested sub-steps. Enter adds a step, Tab / Shift+Tab nest
 * and un-nest it, the buttons add a callout above the step the cursor is in. No marks, no other
 * blocks: what can be typed is exactly what an SOP version can hold — including the nesting
 * limit: no edit (Tab, the button, a paste) may nest steps deeper than MAX_STEP_DEPTH levels.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { MAX_STEP_DEPTH, type TStep } from '@/lib/sops/content';
import { docToSteps, stepsToDoc, type DocNode } from '@/lib/sops/procedure-doc';
import { addCallout, EXTENSIONS, LOAD } from './procedure-schema';

const button = 'rounded border border-slate-300 bg-white px-2 py-1 text-xs font-medium hover:border-brand-600 disabled:opacity-50';
/** A toolbar button keeps the editor's focus and selection when clicked, so what is typed next lands in the text. */
const keepFocus = (e: React.MouseEvent) => e.preventDefault();

export function ProcedureEditor({ steps, resetKey, onChange }: { steps: TStep[]; resetKey: number; onChange: (steps: TStep[]) => void }) {
  const [initialDoc] = useState(() => stepsToDoc(steps));
  const editor = useEditor({
    extensions: EXTENSIONS,
    content: initialDoc,
    immediatelyRender: false,
    editorProps: { attributes: { class: 'procedure-editor', 'aria-label': 'Procedure', 'aria-multiline': 'true', role: 'textbox', 'data-test': 'ed-procedure' } },
    // The editor keeps the first onChange it was given: callers pass one that only uses state setters and refs.
    onUpdate: ({ editor: e }) => onChange(docToSteps(e.getJSON() as DocNode)),
  });
  const lastReset = useRef(resetKey);
  useEffect(() => {
    if (!editor || lastReset.current === resetKey) return;
    lastReset.current = resetKey;
    editor.chain().setMeta(LOAD, true).setContent(stepsToDoc(steps), { emitUpdate: false }).run();
  }, [editor, resetKey, steps]);

  return (
    <div className="mt-1 rounded-md border border-slate-300 shadow-sm focus-within:border-brand-600 focus-within:ring-2 focus-within:ring-brand-100">
      <div className="flex flex-wrap gap-1 border-b border-slate-200 bg-slate-50 px-2 py-1.5" role="toolbar" aria-label="Procedure formatting">
        <button type="button" className={button} disabled={!editor} onMouseDown={keepFocus} onClick={() => editor?.chain().focus().sinkListItem('listItem').run()} title={`Tab (steps nest up to ${MAX_STEP_DEPTH} levels)`}>
          Make sub-step
        </button>
        <button type="button" className={button} disabled={!editor} onMouseDown={keepFocus} onClick={() => editor?.chain().focus().liftListItem('listItem').run()} title="Shift+Tab">
          Un-nest
        </button>
        <span className="mx-1 w-px bg-slate-200" aria-hidden />
        {(['warning', 'caution', 'note'] as const).map((k) => (
          <button key={k} type="button" className={button} disabled={!editor} data-test={`add-${k}`} onMouseDown={keepFocus} onClick={() => editor && addCallout(editor, k)}>
            + {k[0]!.toUpperCase() + k.slice(1)}
          </button>
        ))}
      </div>
      <EditorContent editor={editor} className="max-h-[36rem] overflow-y-auto px-3 py-2 text-sm" />
    </div>
  );
}
