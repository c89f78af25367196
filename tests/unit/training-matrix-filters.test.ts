/** The training matrix's filter schema and helpers (lib/training/matrix.ts): the names others link with, blanks as "any", literal search text. */
import { describe, expect, it } from 'vitest';
import { cellIndex, filterEntries, likePattern, ZMatrixFilters, ZMatrixQuery } from '@/lib/training/matrix';

describe('training matrix filters', () => {
  it('reads department, sop, status and q; blank fields mean any; pages default to 1', () => {
    const sop = '0b8f5a52-6a4a-4b39-9d7e-2f1f9c1c7a10';
    expect(ZMatrixQuery.parse({ department: ' Packaging ', sop, status: 'overdue', q: ' ana ', page: '2' })).toEqual({ department: 'Packaging', sop, status: 'overdue', q: 'ana', page: 2, sopPage: 1 });
    expect(ZMatrixQuery.parse({ department: '', sop: '', status: '', q: '   ' })).toEqual({ page: 1, sopPage: 1 });
    expect(ZMatrixFilters.parse({ other: 'ignored' })).toEqual({});
  });

  it('refuses what is not a filter value, with a message naming it', () => {
    const msg = (q: Record<string, string>) => ZMatrixQuery.safeParse(q).error?.issues[0]?.message;
    expect(msg({ sop: '1' })).toBe('sop must be a SOP id (UUID).');
    expect(msg({ status: 'done' })).toBe('status is one of current, pending, overdue, not_assigned.');
    expect(msg({ page: '-1' })).toBe('page starts at 1.');
    expect(msg({ sopPage: '1.5' })).toBe('sopPage must be a whole page number.');
    expect(msg({ q: 'x'.repeat(201) })).toBe('Search with at most 200 characters.');
    expect(ZMatrixQuery.safeParse({ department: 'a\ud800b' }).success).toBe(false); // a lone surrogate
  });

  it('keeps the filters in the order links use, without empty ones', () => {
    expect(filterEntries({ q: 'ana', department: 'QA' })).toEqual([['department', 'QA'], ['q', 'ana']]);
    expect(new URLSearchParams(filterEntries({ status: 'pending' })).toString()).toBe('status=pending');
  });

  it('searches the text literally (LIKE wildcards escaped)', () => {
    expect(likePattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('finds a cell by person and SOP', () => {
    const at = cellIndex([{ userId: 'u', sopId: 's', status: 'pending', assignedAt: null, dueAt: null, acknowledgedAt: null, acknowledgedVersionId: null, acknowledgedLabel: null }]);
    expect(at('u', 's')?.status).toBe('pending');
    expect(at('u', 'x')).toBeUndefined();
  });
});
