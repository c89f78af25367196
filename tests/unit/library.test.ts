/**
 * The regulation library: well-formed, and — where the public reference data set is present
 * next to the project (../shared/reference, a maintainers' checkout) — every clause id we
 * cite exists in the reference. A user's clone has no such folder: that check is skipped
 * with a loud message.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, findClause, isKnownCitation } from '@/lib/library';

const REFERENCE = path.resolve(__dirname, '../../../shared/reference');
const FILES: Record<string, string[]> = {
  '21CFR11': ['21cfr11.json'],
  ISO9001: ['iso-9001-2015-clauses.json'],
  HACCP: ['haccp-codex-principles-steps.json'],
  '29CFR1910': ['29cfr1910-partial-stale.json', '29cfr1910-current-supplement.json'],
};

describe('regulation library', () => {
  it('has unique framework codes and unique clause ids within each', () => {
    expect(new Set(FRAMEWORKS.map((f) => f.code)).size).toBe(FRAMEWORKS.length);
    for (const f of FRAMEWORKS) expect(new Set(f.clauses.map((c) => c.id)).size, f.code).toBe(f.clauses.length);
  });

  it('covers 21 CFR 11 sections, ISO 9001 clauses 4–10, the 7 HACCP principles and 29 CFR 1910 subparts', () => {
    expect(['11.10', '11.50', '11.70', '11.100', '11.200', '11.300'].every((id) => findClause('21CFR11', id))).toBe(true);
    expect(['4', '5', '6', '7', '8', '9', '10'].every((id) => findClause('ISO9001', id))).toBe(true);
    expect([1, 2, 3, 4, 5, 6, 7].every((n) => findClause('HACCP', `HACCP-P${n}`))).toBe(true);
    expect(findClause('29CFR1910', 'Subpart I')?.title).toMatch(/protective equipment/i);
  });

  it('rejects citations that are not in the library', () => {
    expect(isKnownCitation({ framework: 'ISO9001', clause: '7.5.3' })).toBe(true);
    expect(isKnownCitation({ framework: 'ISO9001', clause: '11.4' })).toBe(false);
    expect(isKnownCitation({ framework: 'NOPE', clause: '1' })).toBe(false);
  });

  const haveReference = existsSync(REFERENCE);
  if (!haveReference) console.warn('\n!!! ../shared/reference not found: the library-vs-reference check is SKIPPED (maintainers run it) !!!\n');

  it.skipIf(!haveReference)('uses only clause ids that exist in the public reference data', () => {
    for (const f of FRAMEWORKS.filter((fw) => FILES[fw.code])) {
      const ids = new Set(
        FILES[f.code]!.flatMap((file) => (JSON.parse(readFileSync(path.join(REFERENCE, file), 'utf8')) as { items: { id: string; withdrawn?: boolean }[] }).items.filter((i) => !i.withdrawn).map((i) => i.id)),
      );
      const missing = f.clauses.filter((c) => !ids.has(c.id)).map((c) => c.id);
      expect(missing, f.code).toEqual([]);
    }
  });
});
