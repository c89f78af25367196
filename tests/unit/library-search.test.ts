/** Searching the library (the /library pages, GET /api/v1/frameworks/{code}?q=) and the outline its pages show. */
import { describe, expect, it } from 'vitest';
import { FRAMEWORKS, frameworkDetail, getFramework, type Clause, type Framework } from '@/lib/library';
import { clauseAnchor, MAX_HITS, outline, searchFramework, searchLibrary } from '@/lib/library/search';
import { madeUpFramework } from '@/tests/helpers/library';

const fw = (code: string, clauses: Clause[]): Framework => madeUpFramework(code, { clauses });
const g = (id: string, title = id): Clause => ({ id, title, group: true });
const c = (id: string, title = id): Clause => ({ id, title });

describe('searching', () => {
  const f = fw('T', [g('7', 'Support'), c('7.5', 'Documented information'), c('7.5.3', 'Control of documented information'), c('17.5', 'Seventeen'), c('8.1', 'Operational planning and control')]);

  it('finds clauses whose id or title holds every word, the id itself first', () => {
    expect(searchFramework(f, '7.5').map((x) => x.id)).toEqual(['7.5', '7.5.3', '17.5']);
    expect(searchFramework(f, 'CONTROL documented').map((x) => x.id)).toEqual(['7.5.3']);
    expect(searchFramework(f, 'control').map((x) => x.id)).toEqual(['7.5.3', '8.1']);
    expect(searchFramework(f, '   ')).toEqual([]);
  });

  it('lists at most the limit across the library and counts the rest', () => {
    const big = fw('BIG', Array.from({ length: 150 }, (_, i) => c(`X.${i}`, 'same words')));
    const r = searchLibrary([big, { ...big, code: 'BIG2' }], 'same', MAX_HITS);
    expect(r.total).toBe(300);
    expect(r.groups.map((x) => [x.framework.code, x.clauses.length])).toEqual([
      ['BIG', 150],
      ['BIG2', 50],
    ]);
    expect(r.omitted).toBe(100);
  });

  it('searches the real library without throwing, and the API detail carries what a clause has', () => {
    expect(searchLibrary(FRAMEWORKS, 'a').total).toBeGreaterThan(0);
    const f11 = getFramework('21CFR11')!;
    const d = frameworkDetail(f11);
    expect(d).toMatchObject({ code: '21CFR11', coverageNote: f11.coverageNote, text: f11.text, clauseCount: f11.clauses.length });
    expect(d.clauses.length).toBe(f11.clauses.length);
    expect(Object.keys(d.clauses[0]!).every((k) => ['id', 'title', 'group', 'withdrawn', 'keywords'].includes(k))).toBe(true);
  });
});

describe('outline', () => {
  const depths = (f: Framework) => outline(f).filter((e) => e.clause.group).map((e) => [e.clause.id, e.depth]);

  it('nests headings whose id extends an open one (1 › 1.1), and closes them at the next', () => {
    const f = fw('P', [g('1'), g('1.1'), c('1.1.1'), g('1.2'), c('1.2.1'), g('2'), g('2.1'), c('2.1.1')]);
    expect(depths(f)).toEqual([['1', 0], ['1.1', 1], ['1.2', 1], ['2', 0], ['2.1', 1]]);
    expect(outline(f).find((e) => e.clause.id === '1.2.1')!.parents.map((p) => p.id)).toEqual(['1', '1.2']);
  });

  it('nests a heading of a later kind in one of an earlier kind (Section in Chapter), and keeps siblings of one kind level', () => {
    const f = fw('E', [g('Chapter I'), c('Art. 1'), g('Chapter II'), g('Section 1'), c('Art. 5'), g('Section 2'), c('Art. 6'), g('Chapter III'), c('Art. 9')]);
    expect(depths(f)).toEqual([['Chapter I', 0], ['Chapter II', 0], ['Section 1', 1], ['Section 2', 1], ['Chapter III', 0]]);
    expect(outline(f).find((e) => e.clause.id === 'Art. 9')!.parents.map((p) => p.id)).toEqual(['Chapter III']);
  });

  it('puts NIST-style categories inside their function (GV › GV.OC)', () => {
    expect(depths(fw('N', [g('GV'), g('GV.OC'), c('GV.OC-01'), g('ID'), g('ID.AM'), c('ID.AM-01')]))).toEqual([['GV', 0], ['GV.OC', 1], ['ID', 0], ['ID.AM', 1]]);
  });

  it('gives every clause of the real library a place, and a distinct anchor within its framework', () => {
    for (const f of FRAMEWORKS) {
      expect(outline(f).length, f.code).toBe(f.clauses.length);
      const anchors = f.clauses.map((x) => clauseAnchor(x.id));
      expect(new Set(anchors).size, f.code).toBe(anchors.length);
    }
    expect(clauseAnchor('164.308(a)(1)')).toBe('c-164.308_28_a_29__28_1_29_');
    expect(clauseAnchor('Subpart A')).not.toBe(clauseAnchor('Subpart_A'));
  });
});
