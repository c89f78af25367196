import { z } from 'zod';
import { ZFrameworkParam } from '@/lib/compliance/coverage';
import { EVIDENCE_FORMATS, readEvidence, recordEvidenceExport } from '@/lib/compliance/evidence';
import { CSV_MIME, DOCX_MIME, XLSX_MIME, evidenceFileName, renderEvidenceCsv, renderEvidenceDocx, renderEvidenceXlsx } from '@/lib/compliance/evidence-export';
import { contentDisposition } from '@/lib/export/filename';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const ZEvidenceQuery = z.object({ format: z.enum(EVIDENCE_FORMATS, { message: `format is one of ${EVIDENCE_FORMATS.join(', ')}.` }).default('xlsx') });
const MIME = { xlsx: XLSX_MIME, docx: DOCX_MIME, csv: CSV_MIME } as const;

// Read and audited in the route's transaction; the file is rendered after the commit.
export const GET = orgRoute(
  {
    params: ZFrameworkParam,
    query: ZEvidenceQuery,
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'The evidence of a framework\'s coverage as a file: one row per clause × mapped SOP with its effective revision, effective date, approvals (printed names, UTC times, meaning), training on that revision and next periodic review; uncovered clauses as "Not covered" rows. Every member may export it. Audited.',
      description:
        '`format`: xlsx (default; sheets "Evidence" with the particulars and a frozen header, and "Coverage"), docx (landscape Word, page numbers) or csv (UTF-8 with a byte-order mark, RFC 4180, formula-safe cells). File name evidence-<code>-<org slug>-<yyyy-mm-dd>.<ext>. Recorded in the audit trail as compliance.evidence_exported with the framework and format.',
      responses: {
        '200': `${XLSX_MIME}, ${DOCX_MIME} or text/csv attachment.`,
        '400': 'Invalid format or code.',
        '404': 'Not a member, no such organization, or no such framework in the library.',
        '429': 'Rate limited.',
      },
    },
  },
  async ({ tx, org, params, query }) => {
    const evidence = await readEvidence(tx, org, params.code);
    await recordEvidenceExport(tx, org.id, query.format, evidence);
    return afterCommit(async () => {
      const body = query.format === 'csv' ? new TextEncoder().encode(renderEvidenceCsv(evidence)) : query.format === 'docx' ? new Uint8Array(await renderEvidenceDocx(evidence)) : await renderEvidenceXlsx(evidence);
      return new Response(body, {
        headers: {
          'Content-Type': MIME[query.format],
          'Content-Disposition': contentDisposition(evidenceFileName(evidence.coverage.framework.code, org.slug, query.format, evidence.generatedAt)),
          'Content-Length': String(body.byteLength),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    });
  },
);
