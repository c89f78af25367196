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

const DOCX = {
  '200': DOCX_MIME,
  '400': 'version is not a UUID.',
  '404': 'No such SOP in this organization, or the version is not one of this SOP’s versions.',
  '422': 'The version does not match the content schema.',
  '429': 'Rate limited.',
};

// Audited (who exported which version in which state, when) in the transaction that reads it; rendered after it.
export const GET = orgRoute(
  {
    params: ZSopParam,
    query: ZExportQuery,
    rateLimit: EXPORT_PER_USER,
    doc: {
      summary: 'A version of the SOP as a controlled-document Word file (attachment). Audited.',
      description:
        'Without `version`: the effective version (what is in use), else the version made obsolete, else the latest version. ' +
        '`version=<id>` exports that version of this SOP (404 for a version of another SOP or organization). ' +
        'Every page header shows document number, title, revision and the version’s status: "Effective <date>", "Approved, effective on <date>", ' +
        '"IN REVIEW — not approved", "DRAFT — not approved", "REJECTED — not approved", or "SUPERSEDED — not for use" / "OBSOLETE — not for use" with a banner. ' +
        'The approvals table lists the signatures of the current round (meaning, printed name as signed, UTC date and time, and whether the signature still matches the content); ' +
        'the revision history lists the revisions that became effective, with their reason for change. Each export writes a `sop.exported` audit event.',
      responses: DOCX,
    },
  },
  async ({ tx, org, params, query }) => {
    const doc = await loadExportDocument(tx, org, params.id, query.version);
    await recordExport(tx, org.id, 'sop.exported', doc.versionId, { sop_id: params.id, doc_number: doc.sop.documentNumber, version: doc.version.label, state: doc.version.state, format: 'docx' });
    return afterCommit(async () => {
      const bytes = await renderSopDocxCached(doc);
      const disposition = contentDisposition(exportFilename(doc.sop.documentNumber, doc.sop.title));
      return new Response(new Uint8Array(bytes), { headers: { 'Content-Type': DOCX_MIME, 'Content-Disposition': disposition, 'Content-Length': String(bytes.byteLength), 'X-Content-Type-Options': 'nosniff' } });
    });
  },
);
