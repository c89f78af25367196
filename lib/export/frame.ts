/**
 * The controlled-document frame of the export: the header and footer repeated on every page
 * (organization, document number, title, version, effective date or a DRAFT label, "Page X of Y",
 * the organization's footer line) and the title and approval block on the first page.
 */
import { AlignmentType, BorderStyle, Footer, Header, PageNumber, Paragraph, Table, TableRow, TextRun } from 'docx';
import { direction, formatDate, formatDateTime, textRuns, xmlSafe } from './format';
import { CELL_MARGINS, NO_BORDERS, cell, dataTable, fixedTable, widths } from './tables';
import { BOX_INDENT, CALLOUT, COLOR, SIZE, STYLE, type PageGeometry } from './styles';
import { DEFAULT_FOOTER_TEXT, type ExportDocument } from './types';

export const DRAFT_HEADER_LABEL = 'DRAFT — not approved';
export const DRAFT_TITLE_LABEL = 'Draft – not yet approved';

const line = (text: string, run: { bold?: boolean; color?: string; size?: number } = {}, alignment?: (typeof AlignmentType)[keyof typeof AlignmentType]) =>
  new Paragraph({ style: STYLE.headerText, alignment, children: textRuns(text, run) });

/** "Effective 2026-12-01" for an approved version; the DRAFT label otherwise. */
export function effectiveLine(doc: ExportDocument): string {
  if (!doc.version.approved) return DRAFT_HEADER_LABEL;
  return doc.version.effectiveDate ? `Effective: ${formatDate(doc.version.effectiveDate)}` : 'Effective: on release (date not set)';
}

export function buildHeader(doc: ExportDocument, page: PageGeometry): Header {
  const w = widths([0.27, 0.46, 0.27], page.contentWidth);
  const draft = !doc.version.approved;
  const table = fixedTable(w, page.contentWidth, [
    new TableRow({
      cantSplit: true,
      children: [
        cell([line(doc.org.name, { bold: true }), line('Standard Operating Procedure', { color: COLOR.muted })], w[0]!),
        cell([line(doc.sop.title, { bold: true, size: SIZE.header + 2 }, AlignmentType.CENTER), ...(doc.sop.department ? [line(doc.sop.department, { color: COLOR.muted }, AlignmentType.CENTER)] : [])], w[1]!),
        cell(
          [
            line(`Doc. no.: ${doc.sop.documentNumber}`, { bold: true }),
            line(`Version: ${doc.version.label}`),
            line(effectiveLine(doc), draft ? { bold: true, color: COLOR.draft } : {}),
          ],
          w[2]!,
        ),
      ],
    }),
  ]);
  return new Header({ children: [table, new Paragraph({ style: STYLE.headerText, spacing: { after: 0 }, children: [] })] });
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
          cell([new Paragraph({ style: STYLE.footerText, children: textRuns(footerText, { bold: true }) }), new Paragraph({ style: STYLE.footerText, children: textRuns(`${doc.sop.documentNumber} · Version ${doc.version.label}`) })], w[0]!),
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

const humanStatus = (s: string) => {
  const t = s.replace(/[_-]+/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1);
};

/** The first-page block: title, document control facts, approvals (or the draft notice), then nothing else. */
export function buildTitleBlock(doc: ExportDocument, page: PageGeometry): (Paragraph | Table)[] {
  const v = doc.version;
  const w = widths([0.2, 0.3, 0.2, 0.3], page.contentWidth);
  const label = (t: string) => cell(t, w[0]!, { header: true });
  const value = (t: string, i: number) => cell(t || '—', w[i]!);
  const pair = (a: string, av: string, b: string, bv: string) => new TableRow({ cantSplit: true, children: [label(a), value(av, 1), cell(b, w[2]!, { header: true }), value(bv, 3)] });
  const control = fixedTable(w, page.contentWidth, [
    pair('Document number', doc.sop.documentNumber, 'Version', v.label),
    pair('Status', v.approved ? humanStatus(doc.sop.status) : `${humanStatus(doc.sop.status)} (not approved)`, 'Effective date', v.approved ? formatDate(v.effectiveDate) || 'Not set' : 'Not effective'),
    pair('Owner', doc.sop.owner, 'Department', doc.sop.department),
    pair('Author', v.authorName, 'Version created', formatDateTime(v.createdAt)),
    new TableRow({ cantSplit: true, children: [label('Change summary'), cell(v.changeSummary || '—', w[1]! + w[2]! + w[3]!, { span: 3 })] }),
  ]);

  const blocks: (Paragraph | Table)[] = [
    new Paragraph({ style: STYLE.subtitle, spacing: { after: 120 }, children: textRuns(doc.org.name.toUpperCase(), { bold: true, size: 18 }) }),
    new Paragraph({ ...direction(doc.sop.title), style: 'Title', children: textRuns(doc.sop.title) }),
    new Paragraph({ style: STYLE.subtitle, children: textRuns(`Standard Operating Procedure ${doc.sop.documentNumber}`.trim()) }),
    control,
    new Paragraph({ style: STYLE.blockLabel, children: [new TextRun(v.approved ? 'Approvals' : 'Approval status')] }),
  ];

  if (v.approved) {
    const rows = doc.approvals.map((a) => [a.name, a.role, a.meaning, formatDateTime(a.signedAt)]);
    blocks.push(
      dataTable(
        [
          { title: 'Name', share: 0.25 },
          { title: 'Role', share: 0.23 },
          { title: 'Signature meaning', share: 0.29 },
          { title: 'Signed (UTC)', share: 0.23 },
        ],
        rows.length ? rows : [['No signatures recorded', '', '', '']],
        page.contentWidth,
      ),
      new Paragraph({
        style: STYLE.footerText,
        spacing: { before: 60 },
        children: [new TextRun('Electronic signatures as recorded in SOPwright; each signature is linked to this version of the document.')],
      }),
    );
  } else {
    blocks.push(
      new Paragraph({
        style: CALLOUT.caution.style,
        indent: { left: BOX_INDENT },
        children: [
          new TextRun({ text: `${DRAFT_TITLE_LABEL}. `, bold: true }),
          new TextRun(xmlSafe(`Prepared by ${v.authorName || 'unknown author'} on ${formatDateTime(v.createdAt) || 'an unknown date'}. This version has no approval signatures and must not be used to perform work.`)),
        ],
      }),
    );
  }
  return blocks;
}
