import { describe, expect, it } from 'vitest';
import { ZSopContent } from '@/lib/sops/content';

const valid = {
  titleBlock: { title: 'Cleaning and sanitizing of the pasteurizer', documentNumber: 'SOP-0001', department: 'Production' },
  purpose: 'Keep the pasteurizer free of residue and pathogens.',
  scope: 'HTST pasteurizer line 2.',
  responsibilities: [{ role: 'Operator', duties: 'Performs the cleaning.' }],
  definitions: [{ term: 'CIP', definition: 'Clean in place.' }],
  materialsAndEquipment: ['Alkaline detergent'],
  healthAndSafety: { cautions: ['Caustic: avoid skin contact.'], ppe: ['Gloves', 'Face shield'] },
  procedure: [{ text: 'Rinse the line with potable water.', substeps: [{ text: 'Check the drain is open.' }] }],
  records: [{ name: 'CIP log', retention: '2 years' }],
  references: [{ framework: 'HACCP', clause: 'HACCP-P4' }],
  revisionHistory: [{ version: '0.1', date: '2026-11-22', change: 'First draft', reason: 'New procedure' }],
};

describe('SOP content schema', () => {
  it('accepts a complete SOP and fills defaults for nested steps', () => {
    const parsed = ZSopContent.parse(valid);
    expect(parsed.procedure[0]!.substeps[0]).toEqual({ text: 'Check the drain is open.', callouts: [], substeps: [] });
  });

  it('refuses an SOP without a procedure or responsibilities', () => {
    expect(ZSopContent.safeParse({ ...valid, procedure: [] }).success).toBe(false);
    expect(ZSopContent.safeParse({ ...valid, responsibilities: [] }).success).toBe(false);
  });

  it('refuses unknown callout kinds and oversize text', () => {
    expect(ZSopContent.safeParse({ ...valid, procedure: [{ text: 'x', callouts: [{ kind: 'danger', text: 'y' }] }] }).success).toBe(false);
    expect(ZSopContent.safeParse({ ...valid, purpose: 'x'.repeat(5000) }).success).toBe(false);
  });
});
