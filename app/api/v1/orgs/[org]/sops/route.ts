/**
 * GET  /api/v1/orgs/{org}/sops — search and filter the organization's SOPs (keyset pages).
 * POST /api/v1/orgs/{org}/sops — create an SOP by hand, optionally with its first content.
 */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { requireOrg } from '@/lib/orgs/service';
import { ZCreateSopInput, ZListSopsQuery } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { createSop, createVersion, listSops, requireSop } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZOrgParam, query: ZListSopsQuery }, async ({ user, params, query }) => {
  const result = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    return listSops(tx, org.id, { q: query.q, status: query.status, ownerId: query.owner, department: query.department, cursor: query.cursor, limit: query.limit });
  });
  return NextResponse.json(result);
});

export const POST = apiRoute({ params: ZOrgParam, body: ZCreateSopInput, rateLimit: SOP_WRITE_PER_USER }, async ({ user, params, body }) => {
  const sop = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    const created = await createSop(tx, { orgId: org.id, userId: user.id, title: body.title, department: body.department ?? '' });
    if (body.content) {
      const content = { ...body.content, titleBlock: { ...body.content.titleBlock, documentNumber: created.docNumber } };
      await createVersion(tx, { orgId: org.id, sopId: created.id, authorId: user.id, content, source: 'manual', changeSummary: 'Created by hand.' });
    }
    return requireSop(tx, org.id, created.id);
  });
  return NextResponse.json({ sop }, { status: 201, headers: { ETag: etagOf(sop.draftRevision), Location: `/api/v1/orgs/${params.org}/sops/${sop.id}` } });
});
