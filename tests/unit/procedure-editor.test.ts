// @vitest-environment jsdom
/**
 * The procedure editor's schema and keys in a real TipTap editor (jsdom): callouts sit above
 * the step text inside the step, the add buttons put a new one there, and Enter, Backspace and
 * Delete in and around a callout keep the step whole. The browser journey is in sop-editor.spec.
 */
import { Editor } from '@tiptap/core';
import { TextSelection } from '@tiptap/pm/state';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { ReadOnlySteps } from '@/components/sops/editor/procedure-field';
import { addCallout, EXTENSIONS } from '@/components/sops/editor/procedure-schema';
import type { TStep } from '@/lib/sops/content';
import { docToSteps, stepsToDoc, type DocNode } from '@/lib/sops/procedure-doc';

let editor: Editor | undefined;
afterEach(() => editor?.destroy());

function open(steps: TStep[]): Editor {
  editor = new Editor({ element: document.createElement('div'), extensions: EXTENSIONS, content: stepsToDoc(steps) });
  return editor;
}
const steps = (e: Editor) => docToSteps(e.getJSON() as DocNode);
const step = (text: string, callouts: TStep['callouts'] = [], substeps: TStep[] = []): TStep => ({ text, callouts, substeps });

/** Puts the cursor in the n-th textblock (0-based, document order) at `offset`, or at its end. */
function cursorIn(e: Editor, n: number, offset?: number) {
  let i = 0;
  let at = -1;
  e.state.doc.descendants((node, pos) => {
    if (at >= 0 || !node.isTextblock) return;
    if (i++ === n) at = pos + 1 + (offset ?? node.content.size);
  });
  e.view.dispatch(e.state.tr.setSelection(TextSelection.create(e.state.doc, at)));
}
const textblock = (e: Editor) => ({ type: e.state.selection.$from.parent.type.name, text: e.state.selection.$from.parent.textContent, offset: e.state.selection.$from.parentOffset });
/** A key pressed in the editor, as the browser delivers it (ProseMirror's keydown handler and the keymaps). */
function key(e: Editor, name: string) {
  const [mod, k] = name.includes('-') ? name.split('-') : [undefined, name];
  e.view.dom.dispatchEvent(new window.KeyboardEvent('keydown', { key: k, shiftKey: mod === 'Shift', bubbles: true, cancelable: true }));
}

describe('procedure editor', () => {
  it('loads a step with its callouts above its text and gives the same steps back', () => {
    const s = [step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }, { kind: 'note', text: 'Slowly.' }], [step('Check the gauge.', [{ kind: 'caution', text: 'Fragile.' }])])];
    const e = open(s);
    const item = e.state.doc.child(0).child(0);
    expect(Array.from({ length: item.childCount }, (_, i) => item.child(i).type.name)).toEqual(['callout', 'callout', 'paragraph', 'orderedList']);
    expect(steps(e)).toEqual(s);
    expect(e.getHTML().indexOf('Hot steam.')).toBeLessThan(e.getHTML().indexOf('Open the valve.'));
  });

  it('the add buttons put the callout above the step text, after its other callouts, with the cursor in it', () => {
    const e = open([step('Open the valve.', [{ kind: 'note', text: 'Slowly.' }]), step('Close it.')]);
    cursorIn(e, 1, 3); // in "Open the valve."
    addCallout(e, 'warning');
    expect(textblock(e)).toEqual({ type: 'callout', text: '', offset: 0 });
    e.commands.insertContent('Hot steam.');
    expect(steps(e)).toEqual([step('Open the valve.', [{ kind: 'note', text: 'Slowly.' }, { kind: 'warning', text: 'Hot steam.' }]), step('Close it.')]);

    cursorIn(e, 3); // "Close it."
    addCallout(e, 'caution');
    e.commands.insertContent('Wear gloves.');
    expect(steps(e)[1]).toEqual(step('Close it.', [{ kind: 'caution', text: 'Wear gloves.' }]));
  });

  it('a callout added while the cursor is in another callout joins the same step', () => {
    const e = open([step('Open the valve.', [{ kind: 'note', text: 'Slowly.' }])]);
    cursorIn(e, 0, 2);
    addCallout(e, 'warning');
    e.commands.insertContent('Hot.');
    expect(steps(e)).toEqual([step('Open the valve.', [{ kind: 'note', text: 'Slowly.' }, { kind: 'warning', text: 'Hot.' }])]);
  });

  it('Enter in a callout goes to the step text; Enter at the end of a step starts a new step with a text line', () => {
    const e = open([step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
    cursorIn(e, 0, 3);
    key(e, 'Enter');
    expect(textblock(e)).toEqual({ type: 'paragraph', text: 'Open the valve.', offset: 0 });
    expect(steps(e)).toEqual([step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);

    cursorIn(e, 1);
    key(e, 'Enter');
    expect(textblock(e)).toEqual({ type: 'paragraph', text: '', offset: 0 });
    e.commands.insertContent('Close the valve.');
    expect(steps(e)).toEqual([step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }]), step('Close the valve.')]);
  });

  it('Enter at the start of a step text with callouts opens an empty step before it; the callouts stay with their step', () => {
    const e = open([step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
    cursorIn(e, 1, 0);
    key(e, 'Enter');
    expect(textblock(e)).toEqual({ type: 'paragraph', text: 'Open the valve.', offset: 0 });
    cursorIn(e, 0);
    e.commands.insertContent('Stop the pump.');
    expect(steps(e)).toEqual([step('Stop the pump.'), step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
  });

  it('Backspace: removes an empty callout, never merges a callout into the step text or the step into the one above', () => {
    const e = open([step('Stop the pump.'), step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
    const before = steps(e);
    cursorIn(e, 1, 0); // start of the callout, first in its step
    key(e, 'Backspace');
    expect(steps(e)).toEqual(before);
    cursorIn(e, 2, 0); // start of "Open the valve." under its callout
    key(e, 'Backspace');
    expect(steps(e)).toEqual(before);
    expect(textblock(e)).toEqual({ type: 'callout', text: 'Hot steam.', offset: 'Hot steam.'.length });

    addCallout(e, 'note'); // an empty one, then Backspace takes it away again
    expect(steps(e)).toEqual(before);
    key(e, 'Backspace');
    expect(textblock(e)).toEqual({ type: 'paragraph', text: 'Open the valve.', offset: 0 });
    expect(e.state.doc.child(0).child(1).childCount).toBe(2);
    expect(steps(e)).toEqual(before);
  });

  it('Delete at the end of a callout does not pull the step text into it', () => {
    const e = open([step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
    cursorIn(e, 0);
    key(e, 'Delete');
    expect(steps(e)).toEqual([step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
  });

  it('Tab and Shift+Tab move a step with its callouts', () => {
    const e = open([step('Prepare.'), step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
    cursorIn(e, 2, 2);
    key(e, 'Tab');
    expect(steps(e)).toEqual([step('Prepare.', [], [step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])])]);
    key(e, 'Shift-Tab');
    expect(steps(e)).toEqual([step('Prepare.'), step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }])]);
  });

  it('the steps shown read-only while TipTap loads are the markup the editor renders for them, so nothing moves when it takes over', () => {
    const s = [step('Stop the pump.'), step('Open the valve.', [{ kind: 'warning', text: 'Hot steam.' }, { kind: 'note', text: 'Two hands.' }], [step('Vent <slowly> & wait.', [{ kind: 'caution', text: 'Noisy.' }])]), step('')];
    expect(renderToStaticMarkup(createElement(ReadOnlySteps, { steps: s }))).toBe(open(s).getHTML());
  });
});
