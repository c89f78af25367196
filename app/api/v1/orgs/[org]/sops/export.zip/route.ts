/**
 * GET /api/v1/orgs/{org}/sops/export.zip — every SOP's current version as .docx files in one
 * .zip, streamed: each document is rendered when the client is ready for it. Audited.
 * `X-Document-Count` tells the page how many documents to expect.
 */
import { withUser } from '@/lib/db';
import { renderSopDocxCached } from '@/lib/export/cache';
import { contentDisposition, exportFilename } from '@/lib/export/filename';
import { loadCurrentExports, recordExport } from '@/lib/export/load';
import { zipStream } from '@/lib/export/zip';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { BULK_EXPORT_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

export const GET = apiRoute({ params: ZOrgParam, rateLimit: BULK_EXPORT_PER_USER }, async ({ user, params }) => {
  const { org, docs } = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    const docs = await loadCurrentExports(tx, org);
    await recordExport(tx, org.id, 'sop.bulk_exported', org.id, { count: docs.length, format: 'zip' });
    return { org, docs };
  });
  const sources = docs.map((d) => ({ name: exportFilename(d.sop.documentNumber, d.sop.title).utf8, data: () => renderSopDocxCached(d).then((b) => new Uint8Array(b)) }));
  const date = new Date().toISOString().slice(0, 10);
  return new Response(zipStream(sources), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': contentDisposition(`${org.slug} SOPs ${date}.zip`),
      'Cache-Control': 'no-store',
      'X-Document-Count': String(docs.length),
    },
  });
});
