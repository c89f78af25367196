import { renderSopDocxCached } from '@/lib/export/cache';
import { contentDisposition, exportFilename } from '@/lib/export/filename';
import { loadCurrentExports, recordExport } from '@/lib/export/load';
import { zipStream } from '@/lib/export/zip';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { afterCommit } from '@/lib/orgs/scope';
import { BULK_EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

// Audited in the transaction; streamed after it, each document rendered when the client is ready for it.
export const GET = orgRoute(
  { params: ZOrgParam, rateLimit: BULK_EXPORT_PER_USER, doc: { summary: 'Every SOP as .docx files in one streamed .zip (X-Document-Count), each at its effective version, else the obsolete one, else the latest (as export.docx without version). Audited.', responses: { '200': 'application/zip', '429': 'Rate limited.' } } },
  async ({ tx, org }) => {
    const docs = await loadCurrentExports(tx, org);
    await recordExport(tx, org.id, 'sop.bulk_exported', org.id, { count: docs.length, format: 'zip' });
    return afterCommit(async () => {
      const sources = docs.map((d) => ({ name: exportFilename(d.sop.documentNumber, d.sop.title).utf8, data: () => renderSopDocxCached(d).then((b) => new Uint8Array(b)) }));
      const disposition = contentDisposition(`${org.slug} SOPs ${new Date().toISOString().slice(0, 10)}.zip`);
      return new Response(zipStream(sources), { headers: { 'Content-Type': 'application/zip', 'Content-Disposition': disposition, 'X-Document-Count': String(docs.length) } });
    });
  },
);
