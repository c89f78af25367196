import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { ZCreateSopInput, ZListSopsQuery } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { createSop, createVersion, listSops, requireSop } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZOrgParam, query: ZListSopsQuery, doc: { summary: 'Search and filter SOPs, newest first, in keyset pages (pass `nextCursor` as `cursor`).', responses: { '200': '`{ items, nextCursor }`.' } } },
  async ({ tx, org, query: { owner, ...filter } }) => NextResponse.json(await listSops(tx, org.id, { ...filter, ownerId: owner })),
);

const CREATED = { '201': 'Created; ETag is the draft revision.', '400': 'Invalid input (the message names the field), e.g. steps nested deeper than 5 levels.', '403': 'Your role cannot create SOPs.' };

export const POST = orgRoute(
  { params: ZOrgParam, body: ZCreateSopInput, permission: 'sops.edit', rateLimit: SOP_WRITE_PER_USER, doc: { summary: 'Create an SOP by hand, optionally with its first content (saved as version 0.1).', responses: CREATED } },
  async ({ tx, org, user, params, body }) => {
    const created = await createSop(tx, { orgId: org.id, userId: user.id, title: body.title, department: body.department ?? '' });
    if (body.content) {
      const content = { ...body.content, titleBlock: { ...body.content.titleBlock, documentNumber: created.docNumber } };
      await createVersion(tx, { orgId: org.id, sopId: created.id, authorId: user.id, content, source: 'manual', changeSummary: 'Created by hand.' });
    }
    const sop = await requireSop(tx, org.id, created.id);
    return NextResponse.json({ sop }, { status: 201, headers: { ETag: etagOf(sop.draftRevision), Location: `/api/v1/orgs/${params.org}/sops/${sop.id}` } });
  },
);
