import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { ZCreateSopInput, ZListSopsQuery } from '@/lib/sops/api-schemas';
import { ZEffectiveAtQuery } from '@/lib/point-in-time/api-schemas';
import { sopsInEffectAt } from '@/lib/point-in-time/service';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { createSop, createVersion, listSops, requireSop } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

/** With `effectiveAt` (lib/point-in-time), the point-in-time list instead of the search. */
const AS_OF_DOC =
  ' With `effectiveAt` (ISO 8601 with offset, not in the future), the other parameters are ignored and the answer is what was in effect then, from the recorded history: `{ at, items: [{ sopId, docNumber, title, department, versionId, revisionLabel, effectiveFrom, approvers: [{ meaning, signerId, name, email, signedAt }], acknowledged: [{ userId, name, email, acknowledgedAt, versionId, revisionLabel }], notAcknowledged: [{ userId, name, email, formerMember, assignedAt, dueAt, overdue }] }], notInEffect: [{ sopId, docNumber, title, department, status: not_yet_effective | obsolete, obsoleteAt, effectiveLater }] }`.';

export const GET = orgRoute(
  {
    params: ZOrgParam,
    query: ZListSopsQuery.extend(ZEffectiveAtQuery.shape),
    doc: {
      summary: 'Search and filter SOPs in keyset pages (pass `nextCursor` as `cursor`): newest first, or with `q` most relevant first; or, with `effectiveAt`, the SOPs in effect at that moment.',
      description: AS_OF_DOC.trim(),
      responses: { '200': '`{ items, nextCursor }`; with `effectiveAt`, `{ at, items, notInEffect }`.', '400': 'Invalid parameter (e.g. `effectiveAt` without an offset).', '422': '`effectiveAt` is in the future.' },
    },
  },
  async ({ tx, org, query: { effectiveAt, owner, ...filter } }) =>
    NextResponse.json(effectiveAt ? await sopsInEffectAt(tx, org.id, effectiveAt) : await listSops(tx, org.id, { ...filter, ownerId: owner })),
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
