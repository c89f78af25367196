'use client';
/**
 * The procedure as rich text (TipTap), constrained to the content schema: one numbered list
 * whose items are steps, each with its text, warning/caution/note callouts and nested
 * sub-steps. Enter adds a step, Tab / Shift+Tab nest and un-nest it, the buttons add callouts.
 * No marks, no other blocks: what can be typed is exactly what an SOP version can hold —
 * including the nesting limit: no edit (Tab, the button, a paste) may nest steps deeper than
 * MAX_STEP_DEPTH levels.
 */
import { Extension, mergeAttributes, Node } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import { ListItem, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { UndoRedo } from '@tiptap/extensions';
import type { Node as PmNode } from '@tiptap/pm/model';
import { Plugin, TextSelection } from '@tiptap/pm/state';
import { EditorContent, useEditor, type Editor } from '@tiptap/react';
import { useEffect, useRef, useState } from 'react';
import { MAX_STEP_DEPTH, type TStep } from '@/lib/sops/content';
import { docToSteps, stepsToDoc, type DocNode } from '@/lib/sops/procedure-doc';

type Kind = 'warning' | 'caution' | 'note';

const Callout = Node.create({
  name: 'callout',
  group: 'block',
  content: 'text*',
  defining: true,
  addAttributes() {
    return {
      kind: {
        default: 'note',
        parseHTML: (el) => el.getAttribute('data-kind') ?? 'note',
        renderHTML: (attrs) => ({ 'data-kind': attrs.kind as string }),
      },
    };
  },
  parseHTML() {
    return [{ tag: 'aside[data-kind]' }];
  },
  renderHTML({ HTMLAttributes }) {
    return ['aside', mergeAttributes(HTMLAttributes, { class: 'procedure-callout' }), 0];
  },
  addKeyboardShortcuts() {
    // A callout is one paragraph: Enter does not split it.
    return { Enter: () => this.editor.isActive('callout') };
  },
});

/** How many lists deep the deepest step is (1 = top-level steps only). */
function nestingDepth(doc: PmNode): number {
  let deepest = 0;
  doc.descendants((node, pos) => {
    if (node.type.name !== 'listItem') return;
    const $pos = doc.resolve(pos);
    let depth = 0;
    for (let d = $pos.depth; d >= 0; d--) if ($pos.node(d).type.name === 'orderedList') depth++;
    deepest = Math.max(deepest, depth);
  });
  return deepest;
}

/** Loading a text from outside (restore, reload, their text) is never refused. */
const LOAD = 'sopwright:load';

/**
 * Refuses every edit that would nest steps deeper than MAX_STEP_DEPTH (a Tab then does
 * nothing). A text saved before the limit may still be edited; it can only get shallower.
 */
const NestingLimit = Extension.create({
  name: 'nestingLimit',
  addProseMirrorPlugins() {
    return [new Plugin({ filterTransaction: (tr, state) => !tr.docChanged || tr.getMeta(LOAD) === true || nestingDepth(tr.doc) <= Math.max(MAX_STEP_DEPTH, nestingDepth(state.doc)) })];
  },
});

const EXTENSIONS = [
  Document.extend({ content: 'orderedList' }),
  Paragraph,
  Text,
  OrderedList,
  ListItem.extend({ content: 'paragraph callout* orderedList?' }),
  Callout,
  UndoRedo,
  NestingLimit,
];

/** Add a callout to the step the cursor is in, after its other callouts, and put the cursor in it. */
function addCallout(editor: Editor, kind: Kind) {
  editor
    .chain()
    .focus()
    .command(({ tr, state, dispatch }) => {
      const { $from } = state.selection;
      for (let d = $from.depth; d > 0; d--) {
        const item = $from.node(d);
        if (item.type.name !== 'listItem') continue;
        let offset = 0;
        item.forEach((child, childOffset) => {
          if (child.type.name === 'paragraph' || child.type.name === 'callout') offset = childOffset + child.nodeSize;
        });
        const at = $from.start(d) + offset;
        if (dispatch) {
          tr.insert(at, state.schema.nodes.callout!.create({ kind }));
          tr.setSelection(TextSelection.create(tr.doc, at + 1));
        }
        return true;
      }
      return false;
    })
    .run();
}

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
