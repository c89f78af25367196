/**
 * The training matrix as files an auditor reads: CSV (one record per person × SOP) and an
 * Excel workbook (sheet "Training matrix": the grid of people × SOPs in status words, under
 * the export's particulars; sheet "Records": the same long records as the CSV, with real
 * dates). Pure: rendering only, no database (the route reads the matrix first, in its
 * transaction, and renders after the commit).
 *
 * CSV: RFC 4180 with the audit export's formula guard (lib/audit/csv-format.ts: a cell starting
 * with = + - @ TAB CR or ' gets a leading '), CRLF, UTF-8 with a byte-order mark so that Excel
 * reads names in any script. A clean table: no comment or metadata lines (the particulars are
 * in the workbook, the file name and the audit trail's training.matrix_exported event).
 * Times are UTC, ISO 8601 (2026-12-01T10:00:00Z).
 */
import ExcelJS from 'exceljs';
import { csvRecord } from '@/lib/audit/csv-format';
import { roleWords } from '@/lib/audit/describe';
import { cellIndex, STATUS_WORDS, type MatrixCell, type MatrixFilters, type MatrixStatus, type TrainingMatrix } from './matrix';

export const CSV_MIME = 'text/csv; charset=utf-8';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const BOM = '\ufeff';

export const RECORD_COLUMNS = [
  'Person', 'Email', 'Department', 'Role', 'SOP number', 'SOP title', 'Revision', 'Status', 'Due (UTC)', 'Acknowledged at (UTC)', 'Acknowledged revision',
] as const;

export interface ExportParticulars {
  orgName: string;
  /** The database clock at the export (the moment the statuses are as of), ISO. */
  exportedAt: string;
  exportedBy: { name: string; email: string };
}

export interface MatrixRecord {
  person: string;
  email: string;
  department: string;
  role: string;
  docNumber: string;
  title: string;
  revision: string;
  status: MatrixStatus;
  dueAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedRevision: string;
}

/** "2026-12-01T10:00:00Z" (seconds, UTC). */
export const isoSeconds = (iso: string) => `${new Date(iso).toISOString().slice(0, 19)}Z`;

/** One record per person × SOP, people in the matrix's order, then SOPs in theirs. */
export function matrixRecords(m: Pick<TrainingMatrix, 'people' | 'sops' | 'cells'>): MatrixRecord[] {
  const cell = cellIndex(m.cells);
  return m.people.flatMap((p) =>
    m.sops.map((s) => {
      const c: Partial<MatrixCell> = cell(p.userId, s.sopId) ?? {};
      const status = c.status ?? 'not_assigned';
      return {
        person: p.name,
        email: p.email,
        department: p.department,
        role: roleWords(p.role),
        docNumber: s.docNumber,
        title: s.title,
        revision: s.label,
        status,
        // The due date of an open task; an acknowledged one keeps it in the JSON, not here.
        dueAt: status === 'pending' || status === 'overdue' ? c.dueAt ?? null : null,
        acknowledgedAt: status === 'current' ? c.acknowledgedAt ?? null : null,
        acknowledgedRevision: status === 'current' ? c.acknowledgedLabel ?? '' : '',
      };
    }),
  );
}

function recordCells(r: MatrixRecord): string[] {
  return [r.person, r.email, r.department, r.role, r.docNumber, r.title, r.revision, STATUS_WORDS[r.status], r.dueAt ? isoSeconds(r.dueAt) : '', r.acknowledgedAt ? isoSeconds(r.acknowledgedAt) : '', r.acknowledgedRevision];
}

/** The CSV file's text, BOM first. */
export function renderMatrixCsv(m: Pick<TrainingMatrix, 'people' | 'sops' | 'cells'>): string {
  let out = BOM + csvRecord(RECORD_COLUMNS);
  for (const r of matrixRecords(m)) out += csvRecord(recordCells(r));
  return out;
}

/** The filters in words, for the export's particulars ("Department: Packaging; Status: Overdue"), or "None". */
export function filterWords(f: MatrixFilters, sopName?: string): string {
  const parts = [
    f.department ? `Department: ${f.department}` : '',
    f.sop ? `SOP: ${sopName ?? f.sop}` : '',
    f.status ? `Status: ${STATUS_WORDS[f.status]} (people with at least one)` : '',
    f.q ? `Name or email contains: ${f.q}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'None (every current member and every SOP with an effective version)';
}

const FILL: Record<MatrixStatus, string> = { current: 'FFDCFCE7', pending: 'FFFEF3C7', overdue: 'FFFEE2E2', not_assigned: 'FFF1F5F9' };
const FONT: Record<MatrixStatus, string> = { current: 'FF166534', pending: 'FF92400E', overdue: 'FFB91C1C', not_assigned: 'FF64748B' };
const DATE_FORMAT = 'yyyy-mm-dd hh:mm';

/** The workbook's bytes. */
export async function renderMatrixXlsx(m: Pick<TrainingMatrix, 'people' | 'sops' | 'cells' | 'filters' | 'summary'>, about: ExportParticulars): Promise<Uint8Array<ArrayBuffer>> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'SOPwright';
  wb.created = new Date(about.exportedAt);
  wb.title = `Training matrix — ${about.orgName}`;
  const records = matrixRecords(m);
  const sopName = m.filters.sop ? m.sops.find((s) => s.sopId === m.filters.sop) : undefined;
  const s = m.summary;

  // Sheet 1: particulars, then the grid. Strings are written as text cells, never formulas.
  const grid = wb.addWorksheet('Training matrix');
  const particulars: [string, string | Date][] = [
    ['Organization', about.orgName],
    ['Exported at (UTC)', new Date(about.exportedAt)],
    ['Exported by', about.exportedBy.name ? `${about.exportedBy.name} <${about.exportedBy.email}>` : about.exportedBy.email],
    ['Filters', filterWords(m.filters, sopName ? `${sopName.docNumber} ${sopName.title}` : undefined)],
    ['Summary', `${s.current} of ${s.required} required acknowledgements current, ${s.pending} pending, ${s.overdue} overdue (${m.people.length} people × ${m.sops.length} SOPs)`],
    ['Statuses', 'Current: the person acknowledged (read and understood) the current major revision. Pending: an open task, not yet due. Overdue: an open task past its due date. Not assigned: no task for the current major revision.'],
  ];
  const title = grid.addRow(['Training matrix']);
  title.font = { bold: true, size: 14 };
  for (const [k, v] of particulars) {
    const row = grid.addRow([k, v]);
    row.getCell(1).font = { bold: true };
    if (v instanceof Date) row.getCell(2).numFmt = DATE_FORMAT;
  }
  grid.addRow([]);
  const headerRowNumber = grid.rowCount + 1;
  const header = grid.addRow(['Person', 'Email', 'Department', 'Role', ...m.sops.map((x) => `${x.docNumber} ${x.title} (rev ${x.label})`)]);
  header.font = { bold: true };
  header.alignment = { vertical: 'top', wrapText: true };
  const cell = cellIndex(m.cells);
  for (const p of m.people) {
    const row = grid.addRow([p.name, p.email, p.department, roleWords(p.role), ...m.sops.map((x) => STATUS_WORDS[cell(p.userId, x.sopId)?.status ?? 'not_assigned'])]);
    m.sops.forEach((x, i) => {
      const status = cell(p.userId, x.sopId)?.status ?? 'not_assigned';
      const c = row.getCell(5 + i);
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: FILL[status] } };
      c.font = { color: { argb: FONT[status] }, bold: status === 'overdue' };
    });
  }
  grid.views = [{ state: 'frozen', xSplit: 1, ySplit: headerRowNumber }];
  grid.getColumn(1).width = 28;
  grid.getColumn(2).width = 30;
  grid.getColumn(3).width = 18;
  grid.getColumn(4).width = 12;
  m.sops.forEach((_, i) => (grid.getColumn(5 + i).width = 22));

  // Sheet 2: one record per person × SOP.
  const long = wb.addWorksheet('Records');
  const head = long.addRow([...RECORD_COLUMNS]);
  head.font = { bold: true };
  for (const r of records) {
    const row = long.addRow([
      r.person, r.email, r.department, r.role, r.docNumber, r.title, r.revision, STATUS_WORDS[r.status],
      r.dueAt ? new Date(r.dueAt) : null, r.acknowledgedAt ? new Date(r.acknowledgedAt) : null, r.acknowledgedRevision,
    ]);
    row.getCell(9).numFmt = DATE_FORMAT;
    row.getCell(10).numFmt = DATE_FORMAT;
  }
  long.views = [{ state: 'frozen', xSplit: 0, ySplit: 1 }];
  long.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: RECORD_COLUMNS.length } };
  [28, 30, 18, 12, 12, 36, 10, 14, 18, 20, 12].forEach((w, i) => (long.getColumn(i + 1).width = w));

  const bytes = await wb.xlsx.writeBuffer();
  return new Uint8Array(bytes as ArrayBuffer);
}

/** "training-matrix-<org slug>-<UTC time>.<ext>", the name of an export file. */
export function matrixFileName(slug: string, ext: 'csv' | 'xlsx', exportedAt: string): string {
  const stamp = new Date(exportedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `training-matrix-${slug}-${stamp}.${ext}`;
}
