import { ZAuditFilterQuery, ZAuditParam, filterParams } from '@/lib/audit/api-schemas';
import { renderAuditDocx } from '@/lib/audit/docx';
import { checkpointFor } from '@/lib/audit/export';
import { auditDownloadName } from '@/lib/audit/filename';
import { allAuditEvents, recordAuditExport } from '@/lib/audit/service';
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
    const filters = filterParams(query, new URL(request.url).searchParams);
    const head = await recordAuditExport(tx, org.id, 'docx', filters);
    const events = await allAuditEvents(tx, org.id, query);
    const scope = Object.keys(filters).length ? 'filtered' : 'complete';
    return afterCommit(async () => {
      const { checkpoint, jws } = await checkpointFor({ orgId: org.id, ...head }, events.length, scope);
      const bytes = await renderAuditDocx({ orgName: org.name, events, filters, checkpoint, jws });
      return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': DOCX_MIME, 'Content-Disposition': auditDownloadName(org.slug, 'audit-trail', 'docx'), 'Content-Length': String(bytes.byteLength), 'X-Content-Type-Options': 'nosniff' } });
    });
  },
);
