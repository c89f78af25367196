/**
 * GET /api/v1/orgs/{org}/sops/{id}/export.docx?version=… — the version (default: current) as a
 * controlled-document .docx download. Authorized through withUser, rate limited, audited
 * (who exported which version, when), never cached.
 */
import { withUser } from '@/lib/db';
import { renderSopDocxCached } from '@/lib/export/cache';
import { DOCX_MIME } from '@/lib/export/docx';
import { contentDisposition, exportFilename } from '@/lib/export/filename';
import { loadExportDocument, recordExport } from '@/lib/export/load';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZExportQuery, ZSopParam } from '@/lib/sops/api-schemas';
import { EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = apiRoute({ params: ZSopParam, query: ZExportQuery, rateLimit: EXPORT_PER_USER }, async ({ user, params, query }) => {
  const doc = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    const d = await loadExportDocument(tx, org, params.id, query.version);
    await recordExport(tx, org.id, 'sop.exported', d.versionId, { sop_id: params.id, doc_number: d.sop.documentNumber, version: d.version.label, format: 'docx' });
    return d;
  });
  const bytes = await renderSopDocxCached(doc);
  return new Response(new Uint8Array(bytes), {
    headers: {
      'Content-Type': DOCX_MIME,
      'Content-Disposition': contentDisposition(exportFilename(doc.sop.documentNumber, doc.sop.title)),
      'Content-Length': String(bytes.byteLength),
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
