import { ZAuditParam } from '@/lib/audit/api-schemas';
import { accessCsv } from '@/lib/audit/access-csv';
import { CSV_MIME } from '@/lib/audit/export';
import { auditDownloadName } from '@/lib/audit/filename';
import { accessReport, recordAuditExport } from '@/lib/audit/service';
import { orgRoute } from '@/lib/http/route';
import { EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZAuditParam,
    permission: 'audit.read',
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'The access report as CSV (RFC 4180, formula-safe). Audited.',
      responses: { '200': 'text/csv attachment.', '403': 'Your role cannot read the audit trail.', '404': 'Not a member, or no such organization.', '429': 'Rate limited.' },
    },
  },
  async ({ tx, org }) => {
    await recordAuditExport(tx, org.id, 'access_csv', {});
    const periods = await accessReport(tx, org.id);
    return new Response(accessCsv(periods), { headers: { 'Content-Type': CSV_MIME, 'Content-Disposition': auditDownloadName(org.slug, 'access-report', 'csv'), 'X-Content-Type-Options': 'nosniff' } });
  },
);
