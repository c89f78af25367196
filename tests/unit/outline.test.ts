import { describe, expect, it } from 'vitest';
import type { TStep } from '@/lib/sops/content';
import { fromOutline, toOutline } from '@/lib/sops/outline';

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
  { text: 'Record the clean in the sanitation log', callouts: [], substeps: [] },
];

describe('procedure outline', () => {
  it('numbers steps 1. / 2.1. / 2.1.1. with callouts under their step', () => {
    const text = toOutline(steps);
    expect(text.split('\n')).toEqual([
      '1. Stop the line and apply lockout',
      '   Warning: Stored energy can move parts.',
      '2. Clean the filler',
      '   2.1. Rinse with potable water',
      '      Note: Water at 40-50 °C.',
      '      2.1.1. Check the drain',
      '   2.2. Apply detergent',
      '      Caution: Corrosive.',
      '3. Record the clean in the sanitation log',
    ]);
  });

  it('round-trips', () => {
    expect(fromOutline(toOutline(steps))).toEqual(steps);
  });

  it('reads what people type: bullets, tabs, blank lines, no numbers, lowercase callouts', () => {
    const parsed = fromOutline('- Open valve\n\n\t- check pressure\n\tnote: below 2 bar\n* Close valve\nwarning: do not skip\n');
    expect(parsed).toEqual([
      { text: 'Open valve', callouts: [], substeps: [{ text: 'check pressure', callouts: [{ kind: 'note', text: 'below 2 bar' }], substeps: [] }] },
      { text: 'Close valve', callouts: [{ kind: 'warning', text: 'do not skip' }], substeps: [] },
    ]);
  });

  it('a callout before any step becomes a step, never disappears', () => {
    expect(fromOutline('Note: read first\n1. Go')).toEqual([
      { text: 'Note: read first', callouts: [], substeps: [] },
      { text: 'Go', callouts: [], substeps: [] },
    ]);
  });
});
