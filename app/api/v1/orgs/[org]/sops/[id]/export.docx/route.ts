import { renderSopDocxCached } from '@/lib/export/cache';
import { DOCX_MIME } from '@/lib/export/docx';
import { contentDisposition, exportFilename } from '@/lib/export/filename';
import { loadExportDocument, recordExport } from '@/lib/export/load';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { ZExportQuery, ZSopParam } from '@/lib/sops/api-schemas';
import { EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const DOCX = { '200': DOCX_MIME, '404': 'No such SOP or version in this organization.', '422': 'The version does not match the content schema.', '429': 'Rate limited.' };

// Audited (who exported which version, when) in the transaction; rendered after it.
export const GET = orgRoute(
  { params: ZSopParam, query: ZExportQuery, rateLimit: EXPORT_PER_USER, doc: { summary: 'The version (default: current) as a controlled-document Word file (attachment). Audited.', responses: DOCX } },
  async ({ tx, org, params, query }) => {
    const doc = await loadExportDocument(tx, org, params.id, query.version);
    await recordExport(tx, org.id, 'sop.exported', doc.versionId, { sop_id: params.id, doc_number: doc.sop.documentNumber, version: doc.version.label, format: 'docx' });
    return afterCommit(async () => {
      const bytes = await renderSopDocxCached(doc);
      const disposition = contentDisposition(exportFilename(doc.sop.documentNumber, doc.sop.title));
      return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': DOCX_MIME, 'Content-Disposition': disposition, 'Content-Length': String(bytes.byteLength), 'X-Content-Type-Options': 'nosniff' } });
    });
  },
);
