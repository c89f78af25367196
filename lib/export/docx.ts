/**
 * The Word export of an SOP version, built with `docx` from the structured content (never from
 * HTML): controlled-document header and footer on every page, the title and approval block, a
 * table of contents, then the numbered sections. renderSopDocx gives the .docx bytes (docx
 * zips the package in memory, so there is nothing to gain from streaming one file).
 */
import { Document, PageBreak, Packer, Paragraph, TableOfContents, type PageNumberEstimator } from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { keptPageNumberEstimator, type KeptPageNumbers } from './page-numbers';
import { headerStatus, revisionText } from './control';
import { buildFooter, buildHeader, buildTitleBlock } from './frame';
import { xmlSafe } from './format';
import { buildBody } from './sections';
import { NUMBERING_CONFIG, STYLE, STYLES, pageGeometry } from './styles';
import type { ExportDocument } from './types';

export type { ExportDocument } from './types';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export interface RenderOptions {
  /**
   * Lay the pages out (docx/layout) to write the table of contents' page numbers into the file,
   * so they show in print, PDF and LibreOffice without a field update and Word opens the file
   * without asking to update fields. It is most of the render time (about 0.5 s for a 5-page
   * SOP, a few seconds for 50 pages, synchronous). Off: the entries are there, the page numbers
   * are blank until Word updates the table (F9). Default on.
   */
  estimatePageNumbers?: boolean;
}

function buildSopDocument(doc: ExportDocument, options: RenderOptions = {}, estimator: PageNumberEstimator = estimatePageNumbers): Document {
  const page = pageGeometry(doc.org.pageSize);
  return new Document({
    title: xmlSafe(`${doc.sop.documentNumber} ${doc.sop.title}`.trim()),
    subject: 'Standard Operating Procedure',
    creator: xmlSafe(doc.org.name),
    lastModifiedBy: xmlSafe(doc.version.authorName),
    description: xmlSafe(`${revisionText(doc)}: ${headerStatus(doc).text}`),
    styles: STYLES,
    numbering: NUMBERING_CONFIG,
    pageNumbers: options.estimatePageNumbers === false ? undefined : estimator,
    sections: [
      {
        properties: {
          page: {
            size: { width: page.width, height: page.height },
            margin: page.margin,
          },
        },
        headers: { default: buildHeader(doc, page) },
        footers: { default: buildFooter(doc, page) },
        children: [
          ...buildTitleBlock(doc, page),
          new Paragraph({ style: STYLE.blockLabel, text: 'Contents' }),
          new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-2' }),
          new Paragraph({ children: [new PageBreak()] }),
          ...buildBody(doc, page.contentWidth),
        ],
      },
    ],
  });
}

export function renderSopDocx(doc: ExportDocument, options?: RenderOptions): Promise<Buffer> {
  return Packer.toBuffer(buildSopDocument(doc, options));
}

/**
 * The default render, with the page numbers laid out before for the same document (`kept`, from
 * lib/export/page-numbers) written in instead of laying the pages out again where they fit its
 * body. Gives the bytes, and the page numbers to keep when it had to lay them out.
 */
export async function renderSopDocxKeeping(doc: ExportDocument, kept?: KeptPageNumbers): Promise<{ bytes: Buffer; pageNumbers?: KeptPageNumbers }> {
  const { estimator, computed } = keptPageNumberEstimator(kept);
  const bytes = await Packer.toBuffer(buildSopDocument(doc, {}, estimator));
  return { bytes, pageNumbers: computed() };
}
