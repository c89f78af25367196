'use client';
/**
 * The procedure as rich text (TipTap), constrained to the content schema (./procedure-schema):
 * one numbered list whose items are steps, each with its warning/caution/note callouts above
 * its text (they guard the step) and nested sub-steps. Enter adds a step, Tab / Shift+Tab nest
 * and un-nest it, the buttons add a callout above the step the cursor is in. No marks, no other
 * blocks: what can be typed is exactly what an SOP version can hold — including the nesting
 * limit: no edit (Tab, the button, a paste) may nest steps deeper than MAX_STEP_DEPTH levels.
 *
 * Not in the editor route's first paint: ./procedure-field loads this module (and TipTap with
 * it) after mount and shows the steps read-only until then.
 */
import { EditorContent, useEditor } from '@tiptap/react';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { TStep } from '@/lib/sops/content';
import { docToSteps, stepsToDoc, type DocNode } from '@/lib/sops/procedure-doc';
import { CONTENT_AREA, ProcedureFrame, type ToolbarActions } from './procedure-frame';
import { addCallout, EXTENSIONS, LOAD } from './procedure-schema';

export function ProcedureEditor({ steps, resetKey, onChange }: { steps: TStep[]; resetKey: number; onChange: (steps: TStep[]) => void }) {
  const [initialDoc] = useState(() => stepsToDoc(steps));
  const editor = useEditor({
    extensions: EXTENSIONS,
    content: initialDoc,
    // Only ever rendered in the browser (./procedure-field mounts it once its chunk is in), so the
    // editor exists from the first render: the read-only steps give way to it without an empty frame.
    immediatelyRender: true,
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

  const actions = useMemo<ToolbarActions | null>(
    () =>
      editor && {
        sink: () => editor.chain().focus().sinkListItem('listItem').run(),
        lift: () => editor.chain().focus().liftListItem('listItem').run(),
        callout: (kind) => addCallout(editor, kind),
      },
    [editor],
  );

  return (
    <ProcedureFrame actions={actions}>
      <EditorContent editor={editor} className={CONTENT_AREA} />
    </ProcedureFrame>
  );
}
