/** What New SOP keeps in the tab: what comes back after a reload, and what is refused. */
import { describe, expect, it } from 'vitest';
import { EMPTY_FIELDS, emptyFields, generateBody, isBlank, keptKey, parseKept, serializeKept, type NewSopFields } from '@/components/sops/new-sop-fields';

const CODES = ['HACCP', 'ISO9001', '21CFR11'];
const typed: NewSopFields = { ...EMPTY_FIELDS, title: 'Filler cleaning', department: ' QA  Lab ', description: '1. Stop the line\n2. Rinse', frameworks: ['ISO9001', 'HACCP'] };
const SOP_ID = '0b6f1a52-3c1e-4f7a-9d7e-5a1c2b3d4e5f';

describe('New SOP fields kept in the tab', () => {
  it('gives back exactly what was typed, frameworks in the form order', () => {
    expect(parseKept(serializeKept({ kind: 'typing', fields: typed }), CODES)).toEqual({ kind: 'typing', fields: { ...typed, frameworks: ['HACCP', 'ISO9001'] } });
  });

  it('keeps one copy per organization, under a versioned key', () => {
    expect(keptKey('acme')).not.toBe(keptKey('acme-2'));
    expect(keptKey('acme')).toMatch(/:v1:acme$/);
  });

  it('offers nothing for a blank form (the default level of detail alone is not text)', () => {
    expect(isBlank(EMPTY_FIELDS)).toBe(true);
    expect(isBlank({ ...EMPTY_FIELDS, title: '   ' })).toBe(true);
    expect(isBlank({ ...EMPTY_FIELDS, detail: 'detailed' })).toBe(false);
    expect(isBlank({ ...EMPTY_FIELDS, frameworks: ['HACCP'] })).toBe(false);
    expect(parseKept(serializeKept({ kind: 'typing', fields: EMPTY_FIELDS }), CODES)).toBeNull();
  });

  it('the frameworks the organization follows, preselected, are not worth keeping alone; another choice is', () => {
    expect(isBlank(emptyFields(['ISO9001', 'HACCP']), ['HACCP', 'ISO9001'])).toBe(true);
    expect(isBlank({ ...EMPTY_FIELDS, frameworks: ['HACCP'] }, ['HACCP', 'ISO9001'])).toBe(false);
    expect(parseKept(serializeKept({ kind: 'typing', fields: emptyFields(['HACCP']) }), CODES, ['HACCP'])).toBeNull();
  });

  it('drops frameworks the form no longer offers, and duplicates', () => {
    const kept = parseKept(serializeKept({ kind: 'typing', fields: { ...typed, frameworks: ['GONE', 'HACCP', 'HACCP'] } }), CODES);
    expect(kept?.fields.frameworks).toEqual(['HACCP']);
  });

  it('refuses anything it did not write: missing, not JSON, another version, wrong shapes', () => {
    const good = JSON.parse(serializeKept({ kind: 'typing', fields: typed })) as Record<string, unknown>;
    const bad = [
      null,
      '',
      '{not json',
      'null',
      '"text"',
      JSON.stringify({ ...good, v: 2 }),
      JSON.stringify({ ...good, kind: 'other' }),
      JSON.stringify({ ...good, fields: { ...typed, title: 7 } }),
      JSON.stringify({ ...good, fields: { ...typed, detail: 'verbose' } }),
      JSON.stringify({ ...good, fields: { ...typed, frameworks: 'HACCP' } }),
      JSON.stringify({ v: 1, kind: 'created', sopId: '../../admin', title: 'x', fields: typed }),
      JSON.stringify({ v: 1, kind: 'created', sopId: SOP_ID, fields: typed }),
    ];
    for (const raw of bad) expect(parseKept(raw, CODES), String(raw)).toBeNull();
  });

  it('once the SOP exists, says which SOP the text became and keeps the text to start another', () => {
    expect(parseKept(serializeKept({ kind: 'created', sopId: SOP_ID, title: 'Filler cleaning', fields: typed }), CODES)).toEqual({
      kind: 'created',
      sopId: SOP_ID,
      title: 'Filler cleaning',
      fields: { ...typed, frameworks: ['HACCP', 'ISO9001'] },
    });
  });

  it('sends the department as typed, and leaves empty optional fields out', () => {
    expect(generateBody(typed)).toEqual({ title: 'Filler cleaning', processDescription: '1. Stop the line\n2. Rinse', department: ' QA  Lab ', industry: undefined, audience: undefined, frameworks: ['ISO9001', 'HACCP'], detail: 'standard' });
    expect(generateBody({ ...typed, department: '  ' }).department).toBeUndefined();
  });
});
