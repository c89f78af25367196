import { contentDisposition } from '@/lib/export/filename';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { EXPORT_PER_USER } from '@/lib/sops/limits';
import { EXPORT_MAX_RECORDS, exportingPerson, fullTrainingMatrix, recordMatrixExport, ZMatrixFilters, ZMatrixParam } from '@/lib/training/matrix';
import { matrixFileName, renderMatrixXlsx, XLSX_MIME } from '@/lib/training/matrix-export';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Read and audited in the route's transaction; the workbook is rendered after the commit.
export const GET = orgRoute(
  {
    params: ZMatrixParam,
    query: ZMatrixFilters,
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'The training matrix as an Excel workbook: sheet "Training matrix" (organization, exported at and by, filters, summary, then the grid of people × SOPs in status words) and sheet "Records" (one row per person × SOP with real dates). Audited.',
      description: `Same filters as GET …/training/matrix (department, sop, status, q), without paging: every matching person and SOP, at most ${EXPORT_MAX_RECORDS} records. Dates are UTC. Recorded in the audit trail as training.matrix_exported.`,
      responses: { '200': `${XLSX_MIME} attachment.`, '400': 'Invalid filter.', '404': 'Not a member, or no such organization.', '422': 'Too many records for one export: filter it.', '429': 'Rate limited.' },
    },
  },
  async ({ tx, org, query }) => {
    const matrix = await fullTrainingMatrix(tx, org.id, query);
    const exportedBy = await exportingPerson(tx);
    await recordMatrixExport(tx, org.id, 'xlsx', matrix);
    return afterCommit(async () => {
      const bytes = await renderMatrixXlsx(matrix, { orgName: org.name, exportedAt: matrix.asOf, exportedBy });
      return new Response(bytes, {
        headers: {
          'Content-Type': XLSX_MIME,
          'Content-Disposition': contentDisposition(matrixFileName(org.slug, 'xlsx', matrix.asOf)),
          'Content-Length': String(bytes.byteLength),
          'X-Content-Type-Options': 'nosniff',
        },
      });
    });
  },
);
