/**
 * GET   /api/v1/orgs/{org}/sops/{id} — the SOP with its working draft; ETag = draft revision.
 * PATCH /api/v1/orgs/{org}/sops/{id} — save the working draft (title, department, content).
 *       Requires If-Match with the ETag last seen; a stale one gets 409 with the current
 *       text (`current`), so the editor can show both and nothing is lost. A role that may
 *       not edit gets 403, whatever revision it names.
 */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { errorBody } from '@/lib/http/errors';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZPatchSopInput, ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { ConflictError, parseIfMatch, requireSop, saveDraft } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZSopParam }, async ({ user, params }) => {
  const sop = await withUser(user.claims, async (tx) => requireSop(tx, (await requireOrg(tx, user.id, params.org)).id, params.id));
  return NextResponse.json({ sop }, { headers: { ETag: etagOf(sop.draftRevision), 'Cache-Control': 'no-store' } });
});

export const PATCH = apiRoute({ params: ZSopParam, body: ZPatchSopInput, rateLimit: SOP_WRITE_PER_USER }, async ({ request, user, params, body }) => {
  const expectedRevision = parseIfMatch(request.headers.get('if-match'));
  try {
    const sop = await withUser(user.claims, async (tx) => {
      const org = await requireOrg(tx, user.id, params.org);
      return saveDraft(tx, { orgId: org.id, sopId: params.id, expectedRevision, title: body.title, department: body.department, content: body.content });
    });
    return NextResponse.json({ sop }, { headers: { ETag: etagOf(sop.draftRevision) } });
  } catch (err) {
    if (err instanceof ConflictError) {
      return NextResponse.json({ ...errorBody('conflict', err.message), current: err.current }, { status: 409, headers: { ETag: etagOf(err.current.draftRevision) } });
    }
    throw err;
  }
});
