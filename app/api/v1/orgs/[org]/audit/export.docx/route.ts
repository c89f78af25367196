import { ZAuditFilterQuery, ZAuditParam } from '@/lib/audit/api-schemas';
import { renderAuditDocx } from '@/lib/audit/docx';
import { checkpointFor, prepareAuditExport } from '@/lib/audit/export';
import { auditDownloadName } from '@/lib/audit/filename';
import { DOCX_MIME } from '@/lib/export/docx';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = orgRoute(
  {
    params: ZAuditParam,
    query: ZAuditFilterQuery,
    permission: 'audit.read',
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'The audit trail as a readable Word document for an inspector (events in words, UTC times, hashes, the signed checkpoint). Audited.',
      description: 'Same filters as GET …/audit. For machine verification use export.csv.',
      responses: { '200': DOCX_MIME, '400': 'Invalid filter.', '403': 'Your role cannot read the audit trail.', '404': 'Not a member, or no such organization.', '429': 'Rate limited.' },
    },
  },
  async ({ tx, org, query, request }) => {
    const { head, events, filters, scope } = await prepareAuditExport(tx, org.id, 'docx', query, request.url);
    return afterCommit(async () => {
      const { checkpoint, jws } = await checkpointFor(head, events.length, scope);
      const bytes = await renderAuditDocx({ orgName: org.name, events, filters, checkpoint, jws });
      return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': DOCX_MIME, 'Content-Disposition': auditDownloadName(org.slug, 'audit-trail', 'docx'), 'Content-Length': String(bytes.byteLength), 'X-Content-Type-Options': 'nosniff' } });
    });
  },
);
