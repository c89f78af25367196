import { describe, expect, it } from 'vitest';
import type { TStep } from '@/lib/sops/content';
import { docToSteps, stepsToDoc } from '@/lib/sops/procedure-doc';

const steps: TStep[] = [
  { text: 'Stop the line and apply lockout', callouts: [{ kind: 'warning', text: 'Stored energy can move parts.' }], substeps: [] },
  {
    text: 'Clean the filler',
    callouts: [],
    substeps: [
      { text: 'Rinse with potable water', callouts: [{ kind: 'note', text: 'Water at 40-50 °C.' }], substeps: [{ text: 'Check the drain', callouts: [], substeps: [] }] },
      { text: 'Apply detergent', callouts: [{ kind: 'caution', text: 'Corrosive.' }], substeps: [] },
    ],
  },
];

describe('procedure as an editor document', () => {
  it('round-trips steps, sub-steps and callouts', () => {
    expect(docToSteps(stepsToDoc(steps))).toEqual(steps);
  });

  it('is one ordered list of items holding the callouts, then the text, then the nested list', () => {
    const doc = stepsToDoc(steps);
    expect(doc.content).toHaveLength(1);
    const second = doc.content![0]!.content![1]!;
    expect(second.content!.map((n) => n.type)).toEqual(['paragraph', 'orderedList']);
    expect(second.content![1]!.content![0]!.content!.map((n) => n.type)).toEqual(['callout', 'paragraph', 'orderedList']);
    const first = doc.content![0]!.content![0]!;
    expect(first.content!.map((n) => n.type)).toEqual(['callout', 'paragraph']);
    expect(first.content![0]!.attrs).toEqual({ kind: 'warning' });
  });

  it('reads a step whose callouts come after its text (documents of the earlier editor) the same way', () => {
    const old = { type: 'doc', content: [{ type: 'orderedList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Stop the line and apply lockout' }] }, { type: 'callout', attrs: { kind: 'warning' }, content: [{ type: 'text', text: 'Stored energy can move parts.' }] }] }] }] };
    expect(docToSteps(old)).toEqual([steps[0]]);
  });

  it('drops the empty step Enter leaves behind and empty callouts; keeps a step with only sub-steps', () => {
    const doc = stepsToDoc([...steps, { text: '', callouts: [], substeps: [] }]);
    doc.content![0]!.content![0]!.content!.push({ type: 'callout', attrs: { kind: 'note' }, content: [] });
    expect(docToSteps(doc)).toEqual(steps);
    const onlySubs = stepsToDoc([{ text: '', callouts: [], substeps: [{ text: 'child', callouts: [], substeps: [] }] }]);
    expect(docToSteps(onlySubs)).toEqual([{ text: '', callouts: [], substeps: [{ text: 'child', callouts: [], substeps: [] }] }]);
  });

  it('an empty procedure still gives the editor one list item to type in', () => {
    expect(stepsToDoc([]).content![0]!.content).toHaveLength(1);
  });
});
