/**
 * The controlled-document frame of the export: the header and footer repeated on every page
 * (organization, document number, title, revision, the version's status — "Effective <date>",
 * "DRAFT — not approved", "SUPERSEDED — not for use" … — with a banner for superseded and
 * obsolete versions, "Page X of Y", the organization's footer line) and the title and approvals
 * block on the first page. The words come from ./control.
 */
import { AlignmentType, BorderStyle, Footer, Header, PageNumber, Paragraph, ShadingType, Table, TableRow, TextRun } from 'docx';
import { SIGNATURE_COLUMNS, effectiveDateText, headerStatus, nextReviewText, pageBanner, revisionText, revisionValue, signatureNote, signatureRows, statusText, unsignedNotice } from './control';
import { direction, formatDateTime, textRuns } from './format';
import { CELL_MARGINS, NO_BORDERS, cell, dataTable, fixedTable, widths, type CellContent } from './tables';
import { BOX_INDENT, CALLOUT, COLOR, SIZE, STYLE, type PageGeometry } from './styles';
import { DEFAULT_FOOTER_TEXT, type ExportDocument } from './types';

const line = (text: string, run: { bold?: boolean; color?: string; size?: number } = {}, alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Paragraph({ style: STYLE.headerText, alignment, children: textRuns(text, run) });

const STAMP_BORDER = { style: BorderStyle.SINGLE, size: 12, color: COLOR.draft, space: 2 };

/** A red boxed line under the header table, on every page: superseded, obsolete, invalid signatures. */
function banner(text: string): Paragraph {
  return new Paragraph({
    style: STYLE.headerText,
    alignment: AlignmentType.CENTER,
    spacing: { before: 60, after: 0 },
    indent: { left: 60, right: 60 },
    border: { top: STAMP_BORDER, bottom: STAMP_BORDER, left: STAMP_BORDER, right: STAMP_BORDER },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: CALLOUT.warning.fill },
    children: textRuns(text, { bold: true, color: COLOR.draft, size: SIZE.header + 3 }),
  });
}

export function buildHeader(doc: ExportDocument, page: PageGeometry): Header {
  const w = widths([0.27, 0.46, 0.27], page.contentWidth);
  const status = headerStatus(doc);
  const table = fixedTable(w, page.contentWidth, [
    new TableRow({
      cantSplit: true,
      children: [
        cell([line(doc.org.name, { bold: true }), line('Standard Operating Procedure', { color: COLOR.muted })], w[0]!),
        cell([line(doc.sop.title, { bold: true, size: SIZE.header + 2 }, AlignmentType.CENTER), ...(doc.sop.department ? [line(doc.sop.department, { color: COLOR.muted }, AlignmentType.CENTER)] : [])], w[1]!),
        cell([line(`Doc. no.: ${doc.sop.documentNumber}`, { bold: true }), line(revisionText(doc)), line(status.text, status.alert ? { bold: true, color: COLOR.draft } : { bold: true })], w[2]!),
      ],
    }),
  ]);
  return new Header({ children: [table, ...pageBanner(doc).map(banner), new Paragraph({ style: STYLE.headerText, spacing: { after: 0 }, children: [] })] });
}

export function buildFooter(doc: ExportDocument, page: PageGeometry): Footer {
  const w = widths([0.7, 0.3], page.contentWidth);
  const footerText = doc.org.footerText?.trim() || DEFAULT_FOOTER_TEXT;
  const rule = { style: BorderStyle.SINGLE, size: 4, color: COLOR.rule, space: 4 };
  const table = fixedTable(
    w,
    page.contentWidth,
    [
      new TableRow({
        children: [
          cell([new Paragraph({ style: STYLE.footerText, children: textRuns(footerText, { bold: true }) }), new Paragraph({ style: STYLE.footerText, children: textRuns(`${doc.sop.documentNumber} · ${revisionText(doc)}`) })], w[0]!),
          cell(
            [new Paragraph({ style: STYLE.footerText, alignment: AlignmentType.RIGHT, children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] })] })],
            w[1]!,
          ),
        ],
      }),
    ],
    { borders: { ...NO_BORDERS, top: rule }, margins: { ...CELL_MARGINS, left: 0, right: 0 } },
  );
  return new Footer({ children: [table, new Paragraph({ style: STYLE.footerText, children: [] })] });
}

/** A table cell's text, in red bold when it says a signature is invalid. */
function signatureCell(text: string, column: number): CellContent {
  if (column !== 3 || !text.startsWith('INVALID')) return text;
  return [new Paragraph({ style: STYLE.tableText, children: textRuns(text, { bold: true, color: COLOR.draft }) })];
}

/** The first-page block: title, document control facts, the approvals (or why there are none). */
export function buildTitleBlock(doc: ExportDocument, page: PageGeometry): (Paragraph | Table)[] {
  const v = doc.version;
  const w = widths([0.2, 0.3, 0.2, 0.3], page.contentWidth);
  const label = (t: string) => cell(t, w[0]!, { header: true });
  const value = (t: string, i: number) => cell(t || '—', w[i]!);
  const wide = (t: string) => cell(t || '—', w[1]! + w[2]! + w[3]!, { span: 3 });
  const pair = (a: string, av: string, b: string, bv: string) => new TableRow({ cantSplit: true, children: [label(a), value(av, 1), cell(b, w[2]!, { header: true }), value(bv, 3)] });
  const nextReview = nextReviewText(doc);
  const control = fixedTable(w, page.contentWidth, [
    pair('Document number', doc.sop.documentNumber, 'Revision', revisionValue(doc)),
    new TableRow({ cantSplit: true, children: [label('Status'), value(statusText(doc), 1), cell('Effective date', w[2]!, { header: true }), value(effectiveDateText(doc), 3)] }),
    ...(nextReview ? [new TableRow({ cantSplit: true, children: [label('Next periodic review'), wide(nextReview)] })] : []),
    pair('Owner', doc.sop.owner, 'Department', doc.sop.department),
    pair('Author', v.authorName, 'Version created', formatDateTime(v.createdAt)),
    ...(v.reasonForChange ? [new TableRow({ cantSplit: true, children: [label('Reason for change'), wide(v.reasonForChange)] })] : []),
    new TableRow({ cantSplit: true, children: [label('Change summary'), wide(v.changeSummary)] }),
  ]);

  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ style: STYLE.subtitle, spacing: { after: 120 }, children: textRuns(doc.org.name.toUpperCase(), { bold: true, size: 18 }) }),
    new Paragraph({ ...direction(doc.sop.title), style: 'Title', children: textRuns(doc.sop.title) }),
    new Paragraph({ style: STYLE.subtitle, children: textRuns(`Standard Operating Procedure ${doc.sop.documentNumber}`.trim()) }),
    control,
  ];

  if (doc.signatures.length) {
    const rows = signatureRows(doc).map((r) => r.map(signatureCell));
    blocks.push(
      new Paragraph({ style: STYLE.blockLabel, children: [new TextRun('Approvals')] }),
      dataTable(SIGNATURE_COLUMNS, rows, page.contentWidth),
      new Paragraph({ style: STYLE.footerText, spacing: { before: 60 }, children: textRuns(signatureNote(doc)) }),
    );
  } else {
    const notice = unsignedNotice(doc);
    blocks.push(
      new Paragraph({ style: STYLE.blockLabel, children: [new TextRun('Approval status')] }),
      new Paragraph({
        style: CALLOUT.caution.style,
        indent: { left: BOX_INDENT },
        children: [new TextRun({ text: `${notice.label}. `, bold: true }), ...textRuns(notice.text)],
      }),
      ...(doc.earlierRoundSignatures > 0 ? [new Paragraph({ style: STYLE.footerText, spacing: { before: 60 }, children: textRuns(signatureNote(doc)) })] : []),
    );
  }
  return blocks;
}
