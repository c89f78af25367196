/**
 * A landscape A4 Word report (the audit trail, compliance evidence): the SOP export's styles,
 * the table gets the long side of the page, and a footer line ending "page N of M".
 */
import { Document, Footer, PageNumber, PageOrientation, Paragraph, TextRun, type FileChild } from 'docx';
import { xmlSafe } from './format';
import { NUMBERING_CONFIG, STYLE, STYLES, pageGeometry, type PageGeometry } from './styles';

/** A4 landscape: docx takes the portrait size and swaps it, so the content width is the long side less the margins. */
export function landscapeA4(): PageGeometry {
  const a4 = pageGeometry('A4');
  return { ...a4, contentWidth: a4.height - a4.margin.left - a4.margin.right };
}

/** The document: `footer` is followed by "page N of M". */
export function landscapeReport(opts: { title: string; subject: string; footer: string; children: FileChild[] }): Document {
  const page = landscapeA4();
  return new Document({
    title: xmlSafe(opts.title),
    subject: xmlSafe(opts.subject),
    creator: 'SOPwright',
    styles: STYLES,
    numbering: NUMBERING_CONFIG,
    sections: [
      {
        properties: { page: { size: { width: page.width, height: page.height, orientation: PageOrientation.LANDSCAPE }, margin: page.margin } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                style: STYLE.footerText,
                children: [new TextRun(xmlSafe(`${opts.footer} — page `)), new TextRun({ children: [PageNumber.CURRENT] }), new TextRun(' of '), new TextRun({ children: [PageNumber.TOTAL_PAGES] })],
              }),
            ],
          }),
        },
        children: opts.children,
      },
    ],
  });
}
