import { describe, expect, it } from 'vitest';
import { checkForm } from '@/components/sops/editor/form-check';
import { backupOf, fromForm, restorable, toForm } from '@/components/sops/editor/form-model';
import { ZSopContent, type TSopContent } from '@/lib/sops/content';

const content: TSopContent = ZSopContent.parse({
  titleBlock: { title: 'Cleaning of the pasteurizer', documentNumber: 'SOP-0001', department: 'Production' },
  purpose: 'Keep the pasteurizer free of residue.',
  scope: 'HTST line 2.',
  responsibilities: [{ role: 'Operator', duties: 'Performs the cleaning.' }],
  definitions: [{ term: 'CIP', definition: 'Clean in place.' }],
  materialsAndEquipment: ['Alkaline detergent', 'Hose'],
  healthAndSafety: { cautions: [{ kind: 'warning', text: 'Caustic: avoid skin contact.' }], ppe: ['Gloves'] },
  procedure: [{ text: 'Rinse the line.', callouts: [{ kind: 'warning', text: 'Hot water.' }], substeps: [{ text: 'Open the drain.' }] }],
  records: [{ name: 'CIP log', retention: '2 years' }],
  references: [{ framework: 'HACCP', clause: 'HACCP-P4' }],
  revisionHistory: [{ version: '0.1', date: '2026-11-22', change: 'First draft', reason: '' }],
});

const messageOf = (patch: Partial<ReturnType<typeof toForm>>) => {
  const checked = checkForm({ ...toForm(content), ...patch }, content);
  return checked.ok ? null : checked.message;
};

describe('editor form model', () => {
  it('turns content into the form and back without losing anything', () => {
    const form = toForm(content);
    expect(form.materials).toBe('Alkaline detergent\nHose');
    expect(form.responsibilities).toEqual([{ a: 'Operator', b: 'Performs the cleaning.' }]);
    expect(checkForm(form, content)).toEqual({ ok: true, content });
  });

  it('keeps what the form does not edit from the base: document number and revision history', () => {
    const back = fromForm({ ...toForm(content), title: 'Renamed' }, content) as TSopContent;
    expect(back.titleBlock).toEqual({ title: 'Renamed', documentNumber: 'SOP-0001', department: 'Production' });
    expect(back.revisionHistory).toBe(content.revisionHistory);
  });

  it('drops blank rows and lines, and trims each line', () => {
    const back = fromForm(
      { ...toForm(content), materials: '  Detergent \n\n \nBrush', responsibilities: [{ a: 'Operator', b: 'Cleans.' }, { a: ' ', b: '' }], records: [{ a: '', b: '5 years' }] },
      content,
    ) as TSopContent;
    expect(back.materialsAndEquipment).toEqual(['Detergent', 'Brush']);
    expect(back.responsibilities).toEqual([{ role: 'Operator', duties: 'Cleans.' }]);
    expect(back.records).toEqual([]);
  });

  it('says what is wrong in words: the section heading, the item counted from 1, the problem', () => {
    expect(messageOf({ purpose: '  ' })).toBe('Purpose: cannot be empty (write “Not applicable” if it does not apply)');
    expect(messageOf({ responsibilities: [] })).toBe('Responsibilities: needs at least one entry');
    expect(messageOf({ scope: 'x'.repeat(4001) })).toBe('Scope and applicability: is too long');
    expect(messageOf({ definitions: [{ a: 'CIP', b: 'Clean in place.' }, { a: 'ATP', b: '' }] })).toBe(
      'Definitions and abbreviations (item 2 › definition): cannot be empty (write “Not applicable” if it does not apply)',
    );
    expect(messageOf({ title: '' })).toMatch(/^Title \(item title\): cannot be empty/);
  });

  it('offers back a kept copy only when it was typed against the same revision and differs from the server', () => {
    const edited = { ...toForm(content), purpose: 'Typed while offline.' };
    expect(restorable(backupOf(4, edited), 4, content)).toEqual(edited);
    // Typed against an older revision: restoring it would undo someone's later save.
    expect(restorable(backupOf(3, edited), 4, content)).toBeNull();
    expect(restorable(backupOf(4, toForm(content)), 4, content)).toBeNull();
  });

  it('ignores a kept copy it cannot read', () => {
    expect(restorable('not json', 1, content)).toBeNull();
    expect(restorable('null', 1, content)).toBeNull();
    expect(restorable(JSON.stringify({ revision: 1, form: { purpose: 'no procedure' } }), 1, content)).toBeNull();
  });
});
