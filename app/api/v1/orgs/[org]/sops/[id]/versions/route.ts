/**
 * GET  /api/v1/orgs/{org}/sops/{id}/versions — the SOP's versions, newest first.
 * POST /api/v1/orgs/{org}/sops/{id}/versions — save the working draft as a new version
 *      (If-Match: the draft's ETag, so the version is exactly what the author saw; a role
 *      that may not edit gets 403 whatever the revision).
 */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZSaveVersionInput, ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { listVersions, parseIfMatch, requireSop, saveDraftAsVersion } from '@/lib/sops/service';

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
  const { version, sop } = await withUser(user.claims, async (tx) =>
    saveDraftAsVersion(tx, { orgId: (await requireOrg(tx, user.id, params.org)).id, sopId: params.id, authorId: user.id, expectedRevision, changeSummary: body.changeSummary }),
  );
  return NextResponse.json({ version }, { status: 201, headers: { ETag: etagOf(sop.draftRevision) } });
});
