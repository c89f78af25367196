import { contentDisposition } from '@/lib/export/filename';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { EXPORT_PER_USER } from '@/lib/sops/limits';
import { EXPORT_MAX_RECORDS, fullTrainingMatrix, recordMatrixExport, ZMatrixFilters, ZMatrixParam } from '@/lib/training/matrix';
import { CSV_MIME, matrixFileName, renderMatrixCsv } from '@/lib/training/matrix-export';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Read and audited in the route's transaction; rendered after the commit.
export const GET = orgRoute(
  {
    params: ZMatrixParam,
    query: ZMatrixFilters,
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'The training matrix as CSV: one record per person × SOP (person, email, department, role, SOP number, title, revision, status, due, acknowledged at, acknowledged revision). Audited.',
      description: `Same filters as GET …/training/matrix (department, sop, status, q), without paging: every matching person and SOP, at most ${EXPORT_MAX_RECORDS} records. UTF-8 with a byte-order mark, RFC 4180, formula-safe cells (a leading ' before = + - @), times ISO 8601 UTC. Recorded in the audit trail as training.matrix_exported.`,
      responses: { '200': 'text/csv attachment.', '400': 'Invalid filter.', '404': 'Not a member, or no such organization.', '422': 'Too many records for one export: filter it.', '429': 'Rate limited.' },
    },
  },
  async ({ tx, org, query }) => {
    const matrix = await fullTrainingMatrix(tx, org.id, query);
    await recordMatrixExport(tx, org.id, 'csv', matrix);
    return afterCommit(async () =>
      new Response(renderMatrixCsv(matrix), {
        headers: { 'Content-Type': CSV_MIME, 'Content-Disposition': contentDisposition(matrixFileName(org.slug, 'csv', matrix.asOf)), 'X-Content-Type-Options': 'nosniff' },
      }),
    );
  },
);
