import { ZAuditFilterQuery, ZAuditParam } from '@/lib/audit/api-schemas';
import { CSV_MIME, prepareAuditExport, renderAuditCsv } from '@/lib/audit/export';
import { auditDownloadName } from '@/lib/audit/filename';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// The export is itself audited, in the transaction that reads the rows; signed and written after it.
export const GET = orgRoute(
  {
    params: ZAuditParam,
    query: ZAuditFilterQuery,
    permission: 'audit.read',
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'The audit trail as CSV (RFC 4180, formula-safe), ending with a signed checkpoint of the chain head. Audited.',
      description: 'Without filters: the complete trail, oldest first, including this export\'s own `audit.exported` event; `npm run audit:verify -- file.csv` proves it intact offline. With the same filters as GET …/audit: only matching rows (for reading; not a verifiable chain).',
      responses: { '200': 'text/csv attachment.', '400': 'Invalid filter.', '403': 'Your role cannot read the audit trail.', '404': 'Not a member, or no such organization.', '429': 'Rate limited.' },
    },
  },
  async ({ tx, org, query, request }) => {
    const { head, events, scope } = await prepareAuditExport(tx, org.id, 'csv', query, request.url);
    return afterCommit(async () => {
      const csv = await renderAuditCsv(events, head, scope);
      return new Response(csv, { headers: { 'Content-Type': CSV_MIME, 'Content-Disposition': auditDownloadName(org.slug, scope === 'complete' ? 'audit-trail' : 'audit-trail-filtered', 'csv'), 'X-Content-Type-Options': 'nosniff' } });
    });
  },
);
