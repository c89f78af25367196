/**
 * Tables for the Word export: fixed layout at the page's content width (so Word and LibreOffice
 * agree on column widths), thin grey rules, a shaded header row that Word repeats at the top of
 * every page the table runs onto (tableHeader), and rows that do not split across pages.
 */
import { BorderStyle, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, VerticalAlignTable, WidthType } from 'docx';
import { direction, textRuns } from './format';
import { COLOR, STYLE } from './styles';

export type CellContent = string | Paragraph[];

export interface Column {
  title: string;
  /** Share of the content width; the shares of a table add up to 1. */
  share: number;
}

const RULE = { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule };
export const TABLE_BORDERS = { top: RULE, bottom: RULE, left: RULE, right: RULE, insideHorizontal: RULE, insideVertical: RULE };
const NO_RULE = { style: BorderStyle.NONE, size: 0, color: 'auto' };
export const NO_BORDERS = { top: NO_RULE, bottom: NO_RULE, left: NO_RULE, right: NO_RULE, insideHorizontal: NO_RULE, insideVertical: NO_RULE };
export const CELL_MARGINS = { top: 57, bottom: 57, left: 100, right: 100 };

export function cellParagraphs(content: CellContent, style: string = STYLE.tableText): Paragraph[] {
  if (typeof content !== 'string') return content;
  return [new Paragraph({ ...direction(content), style, children: textRuns(content) })];
}

export function widths(shares: number[], total: number): number[] {
  const w = shares.map((s) => Math.floor(s * total));
  w[w.length - 1]! += total - w.reduce((a, b) => a + b, 0);
  return w;
}

export function cell(content: CellContent, width: number, options: { header?: boolean; fill?: string; span?: number } = {}): TableCell {
  const fill = options.fill ?? (options.header ? COLOR.tableHeader : undefined);
  return new TableCell({
    children: cellParagraphs(content, options.header ? STYLE.tableHeading : STYLE.tableText),
    width: { size: width, type: WidthType.DXA },
    columnSpan: options.span,
    verticalAlign: VerticalAlignTable.TOP,
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill } : undefined,
  });
}

type TableFrame = Pick<ConstructorParameters<typeof Table>[0], 'borders' | 'margins'>;

/** A fixed-layout table across the content width (thin rules unless the frame says otherwise). */
export function fixedTable(columnWidths: number[], contentWidth: number, rows: TableRow[], frame: TableFrame = {}): Table {
  return new Table({
    width: { size: contentWidth, type: WidthType.DXA },
    columnWidths,
    layout: TableLayoutType.FIXED,
    borders: frame.borders ?? TABLE_BORDERS,
    margins: frame.margins ?? CELL_MARGINS,
    rows,
  });
}

/** A data table with a repeating header row. */
export function dataTable(columns: Column[], rows: CellContent[][], contentWidth: number): Table {
  const w = widths(
    columns.map((c) => c.share),
    contentWidth,
  );
  return fixedTable(w, contentWidth, [
    new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c, i) => cell(c.title, w[i]!, { header: true })) }),
    ...rows.map((r) => new TableRow({ cantSplit: true, children: r.map((content, i) => cell(content, w[i]!)) })),
  ]);
}
