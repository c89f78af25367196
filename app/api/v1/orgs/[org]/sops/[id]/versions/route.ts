/**
 * GET  /api/v1/orgs/{org}/sops/{id}/versions — the SOP's versions, newest first.
 * POST /api/v1/orgs/{org}/sops/{id}/versions — save the working draft as a new version
 *      (If-Match: the draft's ETag, so the version is exactly what the author saw).
 */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { sanitizePlainText } from '@/lib/security/sanitize';
import { ZSaveVersionInput, ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { prepareContent } from '@/lib/sops/prepare';
import { etagOf } from '@/lib/sops/etag';
import { ConflictError, createVersion, listVersions, parseIfMatch, requireSop } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZSopParam }, async ({ user, params }) => {
  const versions = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    await requireSop(tx, org.id, params.id);
    return listVersions(tx, org.id, params.id);
  });
  return NextResponse.json({ versions });
});

export const POST = apiRoute({ params: ZSopParam, body: ZSaveVersionInput, rateLimit: SOP_WRITE_PER_USER }, async ({ request, user, params, body }) => {
  const expectedRevision = parseIfMatch(request.headers.get('if-match'));
  const { version, sop } = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    const sop = await requireSop(tx, org.id, params.id);
    if (sop.draftRevision !== expectedRevision) throw new ConflictError(sop);
    if (!sop.draftContent) throw new AppError('unprocessable', 'This SOP has no content to save as a version yet.');
    const version = await createVersion(tx, {
      orgId: org.id,
      sopId: sop.id,
      authorId: user.id,
      content: prepareContent(sop.draftContent),
      source: 'manual',
      changeSummary: sanitizePlainText(body.changeSummary),
    });
    return { version, sop: await requireSop(tx, org.id, sop.id) };
  });
  return NextResponse.json({ version }, { status: 201, headers: { ETag: etagOf(sop.draftRevision) } });
});
