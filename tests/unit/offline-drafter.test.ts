import { describe, expect, it } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import { isKnownCitation } from '@/lib/library';
import { ZSopContent } from '@/lib/sops/content';

const notes = `1. Operator puts on gloves, hairnet and face shield.
2. Drain the HTST pasteurizer and rinse with potable water.
   a) Check the drain valve is open.
Caution: caustic detergent burns skin.
3. Run CIP with alkaline detergent at 75 °C for 20 minutes.
4. Verify sanitizer strength 200 ppm with test strips and record on the CIP log.
Note: QA reviews the CIP log daily.
5. Supervisor signs the sanitation checklist.`;

describe('offline drafter', () => {
  const draft = draftOffline({ title: 'Clean and sanitize the HTST pasteurizer', processDescription: notes, industry: 'Dairy', frameworks: ['HACCP', '29CFR1910', 'ISO9001'] }, new Date('2026-11-22T00:00:00Z'));

  it('produces a draft the content schema accepts', () => {
    expect(ZSopContent.safeParse(draft).success).toBe(true);
  });

  it('turns the lines into numbered steps with sub-steps and callouts', () => {
    expect(draft.procedure).toHaveLength(5);
    expect(draft.procedure[0]!.text).toBe('Operator puts on gloves, hairnet and face shield.');
    expect(draft.procedure[1]!.substeps[0]!.text).toBe('Check the drain valve is open.');
    expect(draft.procedure[1]!.callouts).toEqual([{ kind: 'caution', text: 'Caustic detergent burns skin.' }]);
    expect(draft.procedure[3]!.callouts[0]).toMatchObject({ kind: 'note' });
  });

  it('finds roles, PPE, abbreviations, records and equipment in the text', () => {
    expect(draft.responsibilities.map((r) => r.role)).toEqual(['Operator', 'Supervisor', 'Quality Assurance']);
    expect(draft.healthAndSafety.ppe).toEqual(['Gloves', 'Face shield', 'Hairnet']);
    expect(draft.definitions.map((d) => d.term)).toEqual(expect.arrayContaining(['CIP', 'HTST', 'QA', 'ppm']));
    expect(draft.records.map((r) => r.name)).toEqual(['CIP log', 'Sanitation checklist']);
    expect(draft.materialsAndEquipment).toEqual(expect.arrayContaining(['Detergent', 'Sanitizer', 'Valve']));
  });

  it('cites only library clauses of the chosen frameworks, by keyword', () => {
    expect(draft.references.length).toBeGreaterThan(0);
    expect(draft.references.every(isKnownCitation)).toBe(true);
    expect(draft.references).toContainEqual({ framework: 'HACCP', clause: 'HACCP-P4' });
    expect(draft.references).toContainEqual({ framework: '29CFR1910', clause: 'Subpart I' });
    expect(new Set(draft.references.map((r) => r.framework))).toEqual(new Set(['HACCP', '29CFR1910', 'ISO9001']));
  });

  it('is deterministic', () => {
    expect(draftOffline({ title: 'Clean and sanitize the HTST pasteurizer', processDescription: notes, industry: 'Dairy', frameworks: ['HACCP', '29CFR1910', 'ISO9001'] }, new Date('2026-11-22T00:00:00Z'))).toEqual(draft);
  });

  it('still drafts from a single paragraph with no roles', () => {
    const d = draftOffline({ title: 'Receive chilled goods', processDescription: 'Check the truck temperature. Reject loads above 5 °C. File the delivery record.' });
    expect(d.procedure.map((s) => s.text)).toEqual(['Check the truck temperature.', 'Reject loads above 5 °C.', 'File the delivery record.']);
    expect(d.responsibilities[0]!.role).toBe('Process owner');
    expect(ZSopContent.safeParse(d).success).toBe(true);
  });
});
