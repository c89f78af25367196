/**
 * The procedure editor's document schema and commands, without React (the unit tests drive
 * them in jsdom): one numbered list whose items are steps. A step holds its warning, caution
 * and note callouts first (they guard the step, and are printed before its text everywhere),
 * then its text, then its sub-steps. No marks, no other blocks; no edit may nest steps deeper
 * than MAX_STEP_DEPTH levels.
 *
 * Keys in a step's callouts (ProseMirror's defaults would merge a callout into the step text or
 * the step into the one above, which the schema refuses or the author does not mean):
 *   Enter      in a callout: to the start of the next line of the step (the next callout or the text)
 *   Backspace  at the start of an empty callout: removes it; of a callout with text: to the end of
 *              the callout above, or nothing for the first one; at the start of a step's text with
 *              callouts above: to the end of the last callout
 *   Delete     at the end of an empty callout: removes it; of one with text: nothing
 *   Enter      at the start of a step's text with callouts: a new empty step before the whole
 *              step (its callouts stay with it)
 */
import { Extension, mergeAttributes, Node, type Editor } from '@tiptap/core';
import Document from '@tiptap/extension-document';
import { ListItem, OrderedList } from '@tiptap/extension-list';
import Paragraph from '@tiptap/extension-paragraph';
import Text from '@tiptap/extension-text';
import { UndoRedo } from '@tiptap/extensions';
import type { Node as PmNode, ResolvedPos } from '@tiptap/pm/model';
import { Plugin, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { MAX_STEP_DEPTH } from '@/lib/sops/content-shape';
import type { Kind } from './procedure-frame';

export const Callout = Node.create({
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
});

/** How many lists deep the deepest step is (1 = top-level steps only). */
export function nestingDepth(doc: PmNode): number {
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
export const LOAD = 'sopwright:load';

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

type Command = (state: EditorState, dispatch?: (tr: Transaction) => void) => boolean;

/** The cursor (an empty selection) in a textblock directly inside a step: the step's depth and the block's index in it. */
function inStep(state: EditorState): { $from: ResolvedPos; item: PmNode; index: number } | null {
  const { $from, empty } = state.selection;
  if (!empty || $from.depth < 2) return null;
  const item = $from.node(-1);
  if (item.type.name !== 'listItem') return null;
  return { $from, item, index: $from.index(-1) };
}

/** Start of the block at `index` in the step that holds the cursor (a position inside it). */
const blockStart = ($from: ResolvedPos, item: PmNode, index: number) => {
  let pos = $from.start(-1);
  for (let i = 0; i < index; i++) pos += item.child(i).nodeSize;
  return pos + 1;
};

const enterInCallout: Command = (state, dispatch) => {
  const at = inStep(state);
  if (!at || at.$from.parent.type.name !== 'callout') return false;
  const next = blockStart(at.$from, at.item, at.index + 1);
  if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, next)).scrollIntoView());
  return true;
};

const enterAtStepStart: Command = (state, dispatch) => {
  const at = inStep(state);
  if (!at || at.$from.parent.type.name !== 'paragraph' || at.$from.parentOffset !== 0 || at.index === 0 || at.$from.parent.content.size === 0) return false;
  if (dispatch) {
    const before = at.$from.before(-1);
    const step = state.schema.nodes.listItem!.create(null, state.schema.nodes.paragraph!.create());
    const tr = state.tr.insert(before, step);
    dispatch(tr.setSelection(TextSelection.create(tr.doc, tr.mapping.map(state.selection.from))).scrollIntoView());
  }
  return true;
};

const backspace: Command = (state, dispatch) => {
  const at = inStep(state);
  if (!at || at.$from.parentOffset !== 0) return false;
  const { $from, item, index } = at;
  const block = $from.parent;
  if (block.type.name === 'callout') {
    if (block.content.size === 0) {
      if (dispatch) {
        const tr = state.tr.delete($from.before(), $from.after());
        // The cursor goes where the callout was: the next line of the step (its text at the latest).
        dispatch(tr.setSelection(TextSelection.create(tr.doc, $from.before() + 1)).scrollIntoView());
      }
      return true;
    }
    if (index > 0 && dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, $from.before() - 1)).scrollIntoView());
    return true;
  }
  if (block.type.name === 'paragraph' && index > 0 && item.child(index - 1).type.name === 'callout') {
    if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, $from.before() - 1)).scrollIntoView());
    return true;
  }
  return false;
};

const deleteForward: Command = (state, dispatch) => {
  const at = inStep(state);
  if (!at || at.$from.parent.type.name !== 'callout' || at.$from.parentOffset !== at.$from.parent.content.size) return false;
  const { $from } = at;
  if ($from.parent.content.size === 0 && dispatch) {
    const tr = state.tr.delete($from.before(), $from.after());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, $from.before() + 1)).scrollIntoView());
  }
  return true;
};

/** Runs before the list's own keys (priority above ListItem's). */
const StepKeys = Extension.create({
  name: 'stepKeys',
  priority: 1000,
  addKeyboardShortcuts() {
    const run = (cmd: Command) => () => cmd(this.editor.state, this.editor.view.dispatch);
    return {
      Enter: () => run(enterInCallout)() || run(enterAtStepStart)(),
      Backspace: run(backspace),
      Delete: run(deleteForward),
    };
  },
});

export const EXTENSIONS = [
  Document.extend({ content: 'orderedList' }),
  Paragraph,
  Text,
  OrderedList,
  ListItem.extend({ content: 'callout* paragraph orderedList?' }),
  Callout,
  StepKeys,
  UndoRedo,
  NestingLimit,
];

/** Add a callout to the step the cursor is in, after its other callouts and before its text, and put the cursor in it. */
export function addCallout(editor: Editor, kind: Kind) {
  editor
    .chain()
    .focus()
    .command(({ tr, state, dispatch }) => {
      const { $from } = state.selection;
      for (let d = $from.depth; d > 0; d--) {
        const item = $from.node(d);
        if (item.type.name !== 'listItem') continue;
        let offset = 0;
        for (let i = 0; i < item.childCount && item.child(i).type.name === 'callout'; i++) offset += item.child(i).nodeSize;
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
