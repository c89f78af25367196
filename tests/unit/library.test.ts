/**
 * The regulation library: well-formed as a whole (whatever the frameworks ship), the checker
 * of `npm run library:check` on made-up fixtures (tests/fixtures/library-reference), and —
 * where a reference data set is present (LIBRARY_REFERENCE=<folder>, or ../shared/reference
 * next to the project: a maintainers' checkout) — the library checked against it with no
 * failure. A user's clone has no such folder: that check is skipped with a loud message.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CURRENT_FRAMEWORK_CODES, FRAMEWORKS, findClause, getFramework, isKnownCitation, leafClauses } from '@/lib/library';
import { checkLibrary, fileVerdict, formatCheck, normalizeTitle, type ReferenceFile } from '@/lib/library/check';
import { parseReferenceFile, readReferenceFolder } from '@/lib/library/reference-files';
import { madeUpFramework } from '@/tests/helpers/library';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'tests/fixtures/library-reference');

describe('the regulation library is well-formed', () => {
  const withClauses = FRAMEWORKS.filter((f) => f.clauses.length > 0);

  it('has unique framework codes and unique clause ids within each framework', () => {
    expect(new Set(FRAMEWORKS.map((f) => f.code)).size).toBe(FRAMEWORKS.length);
    for (const f of FRAMEWORKS) {
      const seen = new Set<string>();
      const repeated = f.clauses.filter((c) => (seen.has(c.id) ? true : (seen.add(c.id), false))).map((c) => c.id);
      expect(repeated, f.code).toEqual([]);
    }
  });

  it('names a source with a web address for every framework that ships clauses', () => {
    for (const f of withClauses) {
      expect(f.source.name.trim(), f.code).not.toBe('');
      expect(() => new URL(f.source.url), `${f.code}: ${f.source.url}`).not.toThrow();
      expect(['https:', 'http:'], f.code).toContain(new URL(f.source.url).protocol); // some public copies are served over http only
    }
  });

  it("ships no clauses exactly when its coverage is 'unsourced'", () => {
    for (const f of FRAMEWORKS) expect(f.coverage === 'unsourced', `${f.code}: coverage ${f.coverage}, ${f.clauses.length} clauses`).toBe(f.clauses.length === 0);
  });

  it('has a code, name, short name and coverage note on every framework', () => {
    for (const f of FRAMEWORKS) {
      for (const [k, v] of Object.entries({ code: f.code, family: f.family, name: f.name, shortName: f.shortName, coverageNote: f.coverageNote, publisher: f.publisher })) expect(v.trim(), `${f.code}.${k}`).not.toBe('');
      expect(f.code, 'codes are upper-case letters, digits and dashes').toMatch(/^[A-Z0-9][A-Z0-9-]*$/);
    }
  });

  it('points supersededBy at a current edition of the same family; a current edition is superseded by nothing', () => {
    for (const f of FRAMEWORKS) {
      if (f.status === 'current') expect(f.supersededBy, f.code).toBeUndefined();
      if (!f.supersededBy) continue;
      const next = getFramework(f.supersededBy);
      expect(next, `${f.code} → ${f.supersededBy}`).toBeDefined();
      expect(next!.status, `${f.code} → ${f.supersededBy}`).toBe('current');
      expect(next!.family, `${f.code} → ${f.supersededBy}`).toBe(f.family);
    }
  });

  it('maps old ids to new ones only between ids that exist: keys in this edition, values in its successor', () => {
    for (const f of FRAMEWORKS.filter((fw) => fw.successorMap)) {
      expect(f.supersededBy, `${f.code} has a successorMap but no supersededBy`).toBeDefined();
      const next = getFramework(f.supersededBy!)!;
      for (const [old, ids] of Object.entries(f.successorMap!)) {
        expect(findClause(f.code, old), `${f.code}: ${old} is not in this edition`).toBeDefined();
        expect(ids.length, `${f.code}: ${old} maps to nothing`).toBeGreaterThan(0);
        for (const id of ids) expect(findClause(next.code, id), `${f.code}: ${old} → ${next.code} ${id}`).toBeDefined();
      }
    }
  });

  it('replaces withdrawn ids only with ids of the same framework', () => {
    for (const f of FRAMEWORKS) {
      for (const c of f.clauses.filter((x) => x.withdrawn)) {
        expect(c.withdrawn!.note.trim(), `${f.code} ${c.id}: withdrawn without a note`).not.toBe('');
        for (const id of c.withdrawn!.replacedBy ?? []) expect(findClause(f.code, id), `${f.code} ${c.id} → ${id}`).toBeDefined();
      }
    }
  });

  it('has trimmed ids and titles of at most 100 characters, and lower-case, non-empty keywords', () => {
    for (const f of FRAMEWORKS) {
      for (const c of f.clauses) {
        const where = `${f.code} ${c.id}`;
        expect(c.id, where).toBe(c.id.trim());
        expect(c.id, where).not.toBe('');
        expect(c.title, where).toBe(c.title.trim());
        expect(c.title, where).not.toBe('');
        expect(c.title.length, `${where}: "${c.title}"`).toBeLessThanOrEqual(100);
        for (const k of c.keywords ?? []) {
          expect(k.trim(), `${where} keyword "${k}"`).not.toBe('');
          expect(k, `${where} keyword "${k}"`).toBe(k.toLowerCase());
        }
      }
    }
  });

  it('declares ids beyond the reference only for clauses it has', () => {
    for (const f of FRAMEWORKS) for (const id of f.reference?.beyondReference ?? []) expect(findClause(f.code, id), `${f.code} beyondReference ${id}`).toBeDefined();
  });

  it('matches reference files with plain regexes (a /g or /y regex would remember where it stopped)', () => {
    for (const f of FRAMEWORKS.filter((fw) => fw.reference)) {
      for (const re of [f.reference!.framework, f.reference!.version].filter((r): r is RegExp => r !== undefined)) expect(re.flags, `${f.code} ${re}`).not.toMatch(/[gy]/);
    }
  });

  it('offers exactly the current editions for new work', () => {
    expect([...CURRENT_FRAMEWORK_CODES].sort()).toEqual(FRAMEWORKS.filter((f) => f.status === 'current').map((f) => f.code).sort());
    for (const f of FRAMEWORKS.filter((fw) => fw.status === 'superseded')) expect(CURRENT_FRAMEWORK_CODES, f.code).not.toContain(f.code);
  });

  it('counts neither group headings nor withdrawn ids as leaves', () => {
    for (const f of FRAMEWORKS) expect(leafClauses(f).every((c) => !c.group && !c.withdrawn), f.code).toBe(true);
  });
});

describe('citations', () => {
  it('accepts a clause of the library and rejects one that is not in it', () => {
    expect(isKnownCitation({ framework: 'ISO9001', clause: '7.5.3' })).toBe(true);
    expect(isKnownCitation({ framework: 'ISO9001', clause: ' 7.5.3 ' })).toBe(true);
    expect(isKnownCitation({ framework: 'ISO9001', clause: '11.4' })).toBe(false);
    expect(isKnownCitation({ framework: 'NOPE', clause: '1' })).toBe(false);
    expect(findClause('21CFR11', '11.10')?.title).toBeTruthy();
  });

  it('refuses a withdrawn id for new work but still finds it', () => {
    const withdrawn = FRAMEWORKS.flatMap((f) => f.clauses.filter((c) => c.withdrawn).map((c) => ({ framework: f.code, clause: c.id })));
    for (const c of withdrawn) {
      expect(findClause(c.framework, c.clause), `${c.framework} ${c.clause}`).toBeDefined();
      expect(isKnownCitation(c), `${c.framework} ${c.clause}`).toBe(false);
    }
  });
});

/* ------------------------------------------------------------------ the checker, on made-up data */

const fw = madeUpFramework;

const ALPHA = fw('ALPHA', {
  reference: { framework: /^Alpha Standard\b/ },
  clauses: [
    { id: 'A', title: 'Alpha group', group: true },
    { id: 'A.1', title: 'First thing' },
    { id: 'A.2', title: 'The second thing, in our words' },
    { id: 'A.3', title: 'Third thing', withdrawn: { note: 'Folded into A.2', replacedBy: ['A.2'] } },
  ],
});
const BETA = fw('BETA', { reference: { framework: /^Beta Rule\b/ }, clauses: [{ id: 'B.1', title: 'Beta one' }, { id: 'B.3', title: 'Beta three' }] });
const GAMMA = fw('GAMMA', { family: 'GAMMA', reference: { framework: /^Gamma Regulation$/ }, clauses: [{ id: 'G-1', title: 'Gamma one' }, { id: 'G-2', title: 'Gamma two' }] });
const GAMMA_OLD = fw('GAMMA-2019', {
  family: 'GAMMA',
  status: 'superseded',
  supersededBy: 'GAMMA',
  reference: { framework: /^Gamma Regulation$/, withdrawnOnly: true, stripPrefix: 'OLD ' },
  clauses: [{ id: 'G-8', title: 'Old eight' }, { id: 'G-9', title: 'Old nine' }],
});
const NO_REF = fw('NOREF', { coverage: 'unsourced' });

const file = (over: Partial<ReferenceFile> & { items: ReferenceFile['items'] }): ReferenceFile => ({ file: 'f.json', framework: 'Alpha Standard', version: '1', ...over });

describe('checkLibrary', () => {
  const refs = readReferenceFolder(FIXTURES);

  it('reads every *.json of a folder, by name', () => {
    expect(refs.map((r) => r.file)).toEqual(['alpha.json', 'beta-part-3-supplement.json', 'beta.json', 'gamma.json', 'stray.json']);
  });

  it('passes a library that agrees with its references, and says which files and frameworks went unmatched', () => {
    const r = checkLibrary([ALPHA, BETA, GAMMA, GAMMA_OLD, NO_REF], refs);
    expect(r.failed).toBe(false);
    expect(r.checked.map((c) => [c.code, c.files.map((f) => f.file), c.complete])).toEqual([
      ['ALPHA', ['alpha.json'], true],
      ['BETA', ['beta-part-3-supplement.json', 'beta.json'], false],
      ['GAMMA', ['gamma.json'], true],
      ['GAMMA-2019', ['gamma.json'], true],
    ]);
    expect(r.noReference).toEqual([{ code: 'NOREF', shortName: 'NOREF', clauses: 0, why: 'no reference declared' }]);
    expect(r.unmatchedFiles).toEqual(['stray.json']);
    const alpha = r.checked[0]!;
    expect(alpha.unknownIds).toEqual([]);
    expect(alpha.missingIds).toEqual([]);
    expect(alpha.withdrawnMismatch).toEqual([]);
    // Our own words differ from the reference's: reported, never a failure. Case and punctuation do not count.
    expect(alpha.titleMismatches).toEqual([{ id: 'A.2', ours: 'The second thing, in our words', theirs: 'Second thing' }]);
    expect(checkLibrary([fw('X', { reference: { framework: /^Alpha/ }, clauses: [{ id: 'A.1', title: 'FIRST  thing.' }] })], refs).checked[0]!.titleMismatches).toEqual([]);
  });

  it('fails for an id that a complete reference does not have', () => {
    const invented = { ...ALPHA, clauses: [...ALPHA.clauses, { id: 'A.99', title: 'Invented' }] };
    const r = checkLibrary([invented], refs);
    expect(r.failed).toBe(true);
    expect(r.checked[0]).toMatchObject({ code: 'ALPHA', complete: true, failed: true, unknownIds: ['A.99'] });
    expect(formatCheck(r)).toMatch(/FAIL +ALPHA/);
    expect(formatCheck(r)).toMatch(/FAILED: ALPHA \(1 unknown ids in a complete reference\)/);
  });

  it('only warns for an id that a partial reference does not have', () => {
    const more = { ...BETA, clauses: [...BETA.clauses, { id: 'B.7', title: 'Not reached by the partial file' }] };
    const r = checkLibrary([more], refs);
    expect(r.failed).toBe(false);
    expect(r.checked[0]).toMatchObject({ complete: false, failed: false, unknownIds: ['B.7'] });
    expect(formatCheck(r)).toMatch(/^warn BETA/m);
    expect(formatCheck(r)).toMatch(/no failures/);
  });

  it('merges a supplement into its main file (B.3 is known), and a supplement alone is never complete', () => {
    const r = checkLibrary([BETA], refs).checked[0]!;
    expect(r.unknownIds).toEqual([]);
    expect(r.missingIds).toEqual(['B.2']);
    expect(r.files).toEqual([
      { file: 'beta-part-3-supplement.json', complete: false, supplement: true, reason: 'supplement' },
      { file: 'beta.json', complete: false, supplement: false, reason: 'version mentions PARTIAL' },
    ]);
    const onlySupplement = refs.filter((f) => f.file === 'beta-part-3-supplement.json');
    expect(checkLibrary([BETA], onlySupplement).checked[0]).toMatchObject({ complete: false, unknownIds: ['B.1'], failed: false });
  });

  it('calls several files complete when every one that is not a supplement is complete', () => {
    const complete = file({ file: 'main.json', items: [{ id: 'A.1' }, { id: 'A.2' }] });
    const annex = file({ file: 'annex.json', items: [{ id: 'A.A.1' }] });
    const partial = file({ file: 'partial.json', version: 'PARTIAL', items: [{ id: 'A.1' }] });
    const supplement = file({ file: 'supp.json', framework: 'Alpha Standard supplement', items: [{ id: 'A.2' }] });
    const lib = [fw('A', { reference: { framework: /^Alpha/ }, clauses: [{ id: 'A.1', title: 'x' }, { id: 'A.9', title: 'x' }] })];
    // A complete file with a supplement: complete (the supplement only adds ids).
    expect(checkLibrary(lib, [complete, supplement]).checked[0]).toMatchObject({ complete: true, failed: true, unknownIds: ['A.9'] });
    // Two complete main files (two parts of one framework): complete.
    expect(checkLibrary(lib, [complete, annex]).checked[0]).toMatchObject({ complete: true, failed: true });
    // One part partial: the whole is partial, even beside a complete part (21 CFR 210 is complete, 211 is not).
    expect(checkLibrary(lib, [partial, complete]).checked[0]).toMatchObject({ complete: false, failed: false, unknownIds: ['A.9'] });
    expect(checkLibrary(lib, [partial, supplement]).checked[0]).toMatchObject({ complete: false, failed: false });
    // Supplements alone: partial.
    expect(checkLibrary(lib, [supplement]).checked[0]).toMatchObject({ complete: false, failed: false });
  });

  it('compares a superseded edition with the withdrawn items of its successor’s file, without their prefix (withdrawnOnly, stripPrefix)', () => {
    const r = checkLibrary([GAMMA, GAMMA_OLD], refs);
    const [now, old] = r.checked;
    // The successor sees only its live ids as missing, and the old ids as known (withdrawn) ids.
    expect(now).toMatchObject({ code: 'GAMMA', unknownIds: [], missingIds: [], referenceIds: 4 });
    expect(old).toMatchObject({ code: 'GAMMA-2019', unknownIds: [], missingIds: [], withdrawnMismatch: [], referenceIds: 2 });
    // The live ids are not the old edition's, and without stripPrefix nothing matches.
    const withLive = { ...GAMMA_OLD, clauses: [...GAMMA_OLD.clauses, { id: 'G-1', title: 'Gamma one' }] };
    expect(checkLibrary([withLive], refs).checked[0]).toMatchObject({ unknownIds: ['G-1'], failed: true });
    const noStrip = { ...GAMMA_OLD, reference: { framework: /^Gamma Regulation$/, withdrawnOnly: true as const } };
    expect(checkLibrary([noStrip], refs).checked[0]).toMatchObject({ unknownIds: ['G-8', 'G-9'], missingIds: ['OLD G-8', 'OLD G-9'] });
  });

  it('tells withdrawn-here-but-live-there apart from unknown ids, and a withdrawn library id may be one the reference withdrew', () => {
    const ref = [file({ items: [{ id: 'A.1' }, { id: 'A.2', withdrawn: true }, { id: 'A.3', withdrawn: true }] })];
    const lib = fw('A', {
      reference: { framework: /^Alpha/ },
      clauses: [
        { id: 'A.1', title: 'x', withdrawn: { note: 'gone' } },
        { id: 'A.2', title: 'x' },
        { id: 'A.3', title: 'x', withdrawn: { note: 'gone' } },
      ],
    });
    expect(checkLibrary([lib], ref).checked[0]).toMatchObject({
      unknownIds: [],
      missingIds: [],
      withdrawnMismatch: [
        { id: 'A.1', withdrawnIn: 'library' },
        { id: 'A.2', withdrawnIn: 'reference' },
      ],
      failed: false,
    });
  });

  it('does not count ids the framework declares sourced beyond the reference, and warns when that list goes stale', () => {
    const more = { ...ALPHA, reference: { ...ALPHA.reference!, beyondReference: ['A.50'] }, clauses: [...ALPHA.clauses, { id: 'A.50', title: 'Read in another public source' }] };
    expect(checkLibrary([more], refs).checked[0]).toMatchObject({ failed: false, unknownIds: [], beyondReference: ['A.50'], staleBeyondReference: [] });
    expect(formatCheck(checkLibrary([more], refs))).toMatch(/^ok +ALPHA[\s\S]*sourced beyond the reference \(declared in the framework\): A\.50/m);
    const stale = { ...ALPHA, reference: { ...ALPHA.reference!, beyondReference: ['A.1', 'A.77'] } };
    expect(checkLibrary([stale], refs).checked[0]).toMatchObject({ failed: false, staleBeyondReference: ['A.1', 'A.77'] });
    expect(formatCheck(checkLibrary([stale], refs))).toMatch(/^warn ALPHA/m);
  });

  it('uses the version regex to tell editions that share a framework name apart', () => {
    const r2 = file({ file: 'r2.json', framework: 'Alpha Standard', version: 'Revision 2', items: [{ id: '3.1.1' }] });
    const r3 = file({ file: 'r3.json', framework: 'Alpha Standard', version: 'Revision 3', items: [{ id: '03.01.01' }] });
    const lib = [fw('R2', { reference: { framework: /^Alpha/, version: /Revision 2/ }, clauses: [{ id: '3.1.1', title: 'x' }] }), fw('R3', { reference: { framework: /^Alpha/, version: /Revision 3/ }, clauses: [{ id: '03.01.01', title: 'x' }] })];
    expect(checkLibrary(lib, [r2, r3]).checked.map((c) => [c.code, c.files.map((f) => f.file), c.unknownIds])).toEqual([
      ['R2', ['r2.json'], []],
      ['R3', ['r3.json'], []],
    ]);
  });

  it('reads completeness from what a file says: complete, PARTIAL or STALE in version, coverage_note or notes, a supplement', () => {
    const v = (over: Partial<ReferenceFile>) => fileVerdict(file({ items: [], ...over }));
    expect(v({})).toMatchObject({ complete: true });
    expect(v({ complete: false })).toMatchObject({ complete: false, reason: 'says complete: false' });
    expect(v({ version: 'PARTIAL: subparts A-C', complete: true })).toMatchObject({ complete: true });
    expect(v({ version: 'STALE / PARTIAL' })).toMatchObject({ complete: false, reason: 'version mentions STALE' });
    expect(v({ coverage_note: 'Partial: chapter 1 only' })).toMatchObject({ complete: false, reason: 'coverage_note mentions PARTIAL' });
    expect(v({ notes: ['fine', 'the list is stale'] })).toMatchObject({ complete: false, reason: 'notes mentions STALE' });
    expect(v({ notes: 'partially corroborated by a second list' })).toMatchObject({ complete: true });
    expect(v({ supplement: true })).toMatchObject({ complete: false, supplement: true });
    expect(v({ framework: 'Alpha Standard - supplement to alpha.json', complete: true })).toMatchObject({ complete: false, supplement: true });
  });

  it('cuts long lists short unless verbose', () => {
    const ids = Array.from({ length: 30 }, (_, i) => `A.${i + 10}`);
    const r = checkLibrary([fw('A', { reference: { framework: /^Alpha/ }, clauses: ids.map((id) => ({ id, title: id })) })], [file({ items: [{ id: 'A.1' }] })]);
    expect(formatCheck(r)).toContain('… and 20 more');
    expect(formatCheck(r, { verbose: true })).not.toContain('… and');
    expect(formatCheck(r, { verbose: true })).toContain('A.39');
  });

  it('normalizes titles for comparison only by case, punctuation and spacing', () => {
    expect(normalizeTitle('  Controls for closed systems. ')).toBe('controls for closed systems');
    expect(normalizeTitle('Signature/record linking')).toBe('signature record linking');
    expect(normalizeTitle('Organisation’s context')).toBe(normalizeTitle("organisation's CONTEXT"));
  });
});

describe('reference files and npm run library:check', () => {
  const run = (...args: string[]) => spawnSync(path.join(ROOT, 'node_modules/.bin/tsx'), [path.join(ROOT, 'scripts/library-check.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });

  it('refuses a file that is not a reference file, naming it', () => {
    expect(() => parseReferenceFile('x.json', '{')).toThrow(/^x\.json: not valid JSON/);
    expect(() => parseReferenceFile('x.json', '{"framework":"A","items":[{"title":"no id"}]}')).toThrow(/^x\.json: not a reference file: items\.0\.id/);
    expect(() => parseReferenceFile('x.json', '[]')).toThrow(/not a reference file/);
    expect(parseReferenceFile('x.json', '{"framework":"A","items":[{"id":"1","title":7}],"extra":1}')).toEqual({ file: 'x.json', framework: 'A', items: [{ id: '1', title: undefined }] });
  });

  it('exits 2 with a clear message on wrong usage (no folder, not a folder, bad JSON), and 0 over a folder with no failure', () => {
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/give the folder/);
    expect(() => readReferenceFolder(path.join(FIXTURES, 'alpha.json'))).toThrow(/alpha\.json: not a folder$/);
    expect(() => readReferenceFolder('/no/such/folder')).toThrow(/no such folder$/);
    const bad = mkdtempSync(path.join(tmpdir(), 'library-ref-'));
    writeFileSync(path.join(bad, 'broken.json'), '{"framework": ');
    expect(run(bad)).toMatchObject({ status: 2, stderr: expect.stringMatching(/broken\.json: not valid JSON/) });
    const ok = run(FIXTURES);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/^library:check: 0 frameworks checked; no failures;/m);
    expect(ok.stdout).toContain('Reference files no framework matched (informational): alpha.json');
  }, 60_000);
});

/* ------------------------------------------------------------------ against the maintainers' reference */

const REFERENCE = process.env.LIBRARY_REFERENCE ? path.resolve(process.env.LIBRARY_REFERENCE) : path.resolve(ROOT, '../shared/reference');
// Asked for by name, it must be there (the check then fails, not skips); the default folder is optional.
const haveReference = Boolean(process.env.LIBRARY_REFERENCE) || existsSync(REFERENCE);
if (!haveReference) {
  console.warn(`\n!!! No reference data set at ${REFERENCE} (set LIBRARY_REFERENCE=<folder>): the library-vs-reference check is SKIPPED. Maintainers run it. !!!\n`);
}

describe.skipIf(!haveReference)(`the library against the reference data set (${REFERENCE})`, () => {
  it('has no id that a complete reference lacks', () => {
    const result = checkLibrary(FRAMEWORKS, readReferenceFolder(REFERENCE));
    const failures = result.checked.filter((c) => c.failed).map((c) => `${c.code}: ${c.unknownIds.join(', ')} (files: ${c.files.map((f) => f.file).join(', ')})`);
    expect(failures, formatCheck(result)).toEqual([]);
  });
});
