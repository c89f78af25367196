/**
 * The training matrix files (lib/training/matrix-export.ts): the CSV is a clean RFC 4180 table
 * with a BOM and the formula guard; the workbook opens again (exceljs) and, unzipped (fflate),
 * its sheet XML holds the grid, the particulars and real dates.
 */
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseCsv, uncell } from '@/lib/audit/csv-format';
import type { TrainingMatrix } from '@/lib/training/matrix';
import { BOM, filterWords, matrixFileName, matrixRecords, RECORD_COLUMNS, renderMatrixCsv, renderMatrixXlsx } from '@/lib/training/matrix-export';

const U1 = '11111111-1111-4111-8111-111111111111';
const U2 = '22222222-2222-4222-8222-222222222222';
const S1 = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const S2 = 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb';

const m: TrainingMatrix = {
  asOf: '2026-12-01T10:15:30.123Z',
  filters: { department: 'Packaging' },
  people: [
    { userId: U1, name: '=HYPERLINK("http://evil.test","click")', email: 'eve@x.test', department: 'Packaging', role: 'viewer' },
    { userId: U2, name: 'Zoë "Z" Müller, QA', email: 'zoe@x.test', department: 'Packaging\nLine 2', role: 'approver' },
  ],
  sops: [
    { sopId: S1, docNumber: 'SOP-0001', title: 'Line clearance', label: '1.1', versionId: 'v1' },
    { sopId: S2, docNumber: 'SOP-0002', title: '+Allergen, changeover', label: '2.0', versionId: 'v2' },
  ],
  cells: [
    { userId: U1, sopId: S1, status: 'current', assignedAt: '2026-11-01T08:00:00Z', dueAt: '2026-11-15T08:00:00Z', acknowledgedAt: '2026-11-03T09:30:00.456Z', acknowledgedVersionId: 'v0', acknowledgedLabel: '1.0' },
    { userId: U1, sopId: S2, status: 'overdue', assignedAt: '2026-11-01T08:00:00Z', dueAt: '2026-11-15T08:00:00Z', acknowledgedAt: null, acknowledgedVersionId: null, acknowledgedLabel: null },
    { userId: U2, sopId: S1, status: 'pending', assignedAt: '2026-11-28T08:00:00Z', dueAt: '2026-12-12T08:00:00Z', acknowledgedAt: null, acknowledgedVersionId: null, acknowledgedLabel: null },
    { userId: U2, sopId: S2, status: 'not_assigned', assignedAt: null, dueAt: null, acknowledgedAt: null, acknowledgedVersionId: null, acknowledgedLabel: null },
  ],
  summary: { cells: 4, required: 3, current: 1, pending: 1, overdue: 1, notAssigned: 1 },
  paging: { people: { page: 1, perPage: 2, total: 2, from: 1, to: 2 }, sops: { page: 1, perPage: 2, total: 2, from: 1, to: 2 } },
};
const about = { orgName: 'Plant & Co <Nord>', exportedAt: m.asOf, exportedBy: { name: 'Ana Ruiz', email: 'ana@x.test' } };

describe('training matrix CSV', () => {
  const csv = renderMatrixCsv(m);

  it('starts with a BOM and the header, one CRLF record per person × SOP, no metadata lines', () => {
    expect(csv.startsWith(BOM)).toBe(true);
    expect(csv.slice(1).split('\r\n')[0]).toBe(RECORD_COLUMNS.join(','));
    const rows = parseCsv(csv);
    expect(rows.length).toBe(1 + 4);
    expect(rows.every((r) => r.length === RECORD_COLUMNS.length)).toBe(true);
    expect(rows.some((r) => r[0]!.startsWith('#'))).toBe(false);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('guards formulas and quotes commas, quotes and line breaks (RFC 4180)', () => {
    const rows = parseCsv(csv);
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(uncell(rows[1]![0]!)).toBe(m.people[0]!.name);
    expect(rows[2]![5]).toBe("'+Allergen, changeover");
    expect(csv).toContain('"Zoë ""Z"" Müller, QA"');
    expect(rows[3]![2]).toBe('Packaging\nLine 2');
  });

  it('writes statuses in words, UTC times and the revisions', () => {
    const rows = parseCsv(csv).slice(1);
    expect(rows[0]).toEqual([`'=HYPERLINK("http://evil.test","click")`, 'eve@x.test', 'Packaging', 'Viewer', 'SOP-0001', 'Line clearance', '1.1', 'Current', '', '2026-11-03T09:30:00Z', '1.0']);
    expect(rows[1]!.slice(6)).toEqual(['2.0', 'Overdue', '2026-11-15T08:00:00Z', '', '']);
    expect(rows[2]!.slice(6)).toEqual(['1.1', 'Pending', '2026-12-12T08:00:00Z', '', '']);
    expect(rows[3]!.slice(6)).toEqual(['2.0', 'Not assigned', '', '', '']);
  });

  it('treats a missing cell as not assigned', () => {
    expect(matrixRecords({ ...m, cells: [] }).every((r) => r.status === 'not_assigned')).toBe(true);
  });
});

describe('training matrix workbook', () => {
  it('opens again: the grid under the particulars, and the records with real dates', async () => {
    const bytes = await renderMatrixXlsx(m, about);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as never);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Training matrix', 'Records']);

    const grid = wb.getWorksheet('Training matrix')!;
    const values = (ws: ExcelJS.Worksheet, row: number) => (ws.getRow(row).values as unknown[]).slice(1);
    expect(grid.getCell('A1').value).toBe('Training matrix');
    expect(values(grid, 2)).toEqual(['Organization', 'Plant & Co <Nord>']);
    expect(values(grid, 3)[1]).toEqual(new Date('2026-12-01T10:15:30.123Z'));
    expect(values(grid, 4)).toEqual(['Exported by', 'Ana Ruiz <ana@x.test>']);
    expect(values(grid, 5)).toEqual(['Filters', 'Department: Packaging']);
    expect(String(values(grid, 6)[1])).toContain('1 of 3 required acknowledgements current');
    const headerRow = grid.views[0]!.state === 'frozen' ? (grid.views[0] as { ySplit: number }).ySplit : 0;
    expect(values(grid, headerRow)).toEqual(['Person', 'Email', 'Department', 'Role', 'SOP-0001 Line clearance (rev 1.1)', 'SOP-0002 +Allergen, changeover (rev 2.0)']);
    expect(grid.getRow(headerRow).font?.bold).toBe(true);
    expect(values(grid, headerRow + 1)).toEqual([m.people[0]!.name, 'eve@x.test', 'Packaging', 'Viewer', 'Current', 'Overdue']);
    expect(values(grid, headerRow + 2).slice(4)).toEqual(['Pending', 'Not assigned']);
    // Text that looks like a formula stays text.
    expect(grid.getCell(headerRow + 1, 1).type).toBe(ExcelJS.ValueType.String);

    const records = wb.getWorksheet('Records')!;
    expect(values(records, 1)).toEqual([...RECORD_COLUMNS]);
    expect(records.getRow(1).font?.bold).toBe(true);
    expect(records.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(records.rowCount).toBe(5);
    expect(records.getCell(2, 10).value).toEqual(new Date('2026-11-03T09:30:00.456Z'));
    expect(records.getCell(2, 10).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(records.getCell(3, 9).value).toEqual(new Date('2026-11-15T08:00:00Z'));
    expect(records.getCell(3, 8).value).toBe('Overdue');
  });

  it('is a real OOXML package: the sheet XML holds the cells, frozen panes and date serials', async () => {
    const files = unzipSync(await renderMatrixXlsx(m, about));
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']));
    const workbook = strFromU8(files['xl/workbook.xml']!);
    expect(workbook).toContain('name="Training matrix"');
    expect(workbook).toContain('name="Records"');
    const strings = strFromU8(files['xl/sharedStrings.xml'] ?? new Uint8Array());
    const sheet1 = strFromU8(files['xl/worksheets/sheet1.xml']!);
    const sheet2 = strFromU8(files['xl/worksheets/sheet2.xml']!);
    const allText = strings + sheet1 + sheet2;
    for (const s of ['Plant &amp; Co &lt;Nord&gt;', 'Overdue', 'Not assigned', 'SOP-0001 Line clearance (rev 1.1)', 'Acknowledged at (UTC)']) expect(allText).toContain(s);
    expect(sheet1).toContain('state="frozen"');
    expect(sheet2).toContain('state="frozen"');
    expect(sheet1 + sheet2).not.toContain('<f>'); // no formulas anywhere
    // 2026-11-03 09:30 UTC as an Excel serial day number (46329.3958…), a number cell.
    expect(sheet2).toMatch(/<c r="J2"[^>]*><v>46329\.39\d*<\/v><\/c>/);
  });
});

describe('export names and particulars', () => {
  it('names the file after the org and the UTC moment', () => {
    expect(matrixFileName('plant-a', 'xlsx', '2026-12-01T10:15:30.123Z')).toBe('training-matrix-plant-a-20261201T101530Z.xlsx');
  });

  it('says which filters were applied', () => {
    expect(filterWords({})).toMatch(/^None/);
    expect(filterWords({ department: 'QA', status: 'overdue', q: 'ana', sop: S1 }, 'SOP-0001 Line clearance')).toBe('Department: QA; SOP: SOP-0001 Line clearance; Status: Overdue (people with at least one); Name or email contains: ana');
  });
});
