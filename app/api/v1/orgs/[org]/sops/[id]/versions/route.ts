import { NextResponse } from 'next/server';
import { versionStates } from '@/lib/document-control/revision-history';
import { orgRoute } from '@/lib/http/route';
import { ZSaveVersionInput, ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { listVersions, parseIfMatch, requireSop, saveDraftAsVersion } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

const LIST_DOC = {
  summary: 'Versions of an SOP, newest first.',
  description:
    'Each version as saved (`label` 0.1, 0.2 …, author, source, change summary) with its document-control `state` (draft, in_review, in_approval, approved, effective, superseded, rejected, withdrawn, obsolete) and `revisionLabel` (1.0, 1.1, 2.0 … once approved, else null). Signatures and the steps of each version: `GET …/versions/{versionId}/lifecycle`.',
  responses: { '200': '`{ versions }`.' },
};

export const GET = orgRoute({ params: ZSopParam, doc: LIST_DOC }, async ({ tx, org, params }) => {
  await requireSop(tx, org.id, params.id);
  const states = await versionStates(tx, org.id, params.id);
  const versions = (await listVersions(tx, org.id, params.id)).map((v) => ({ ...v, state: states.get(v.id)?.state ?? 'draft', revisionLabel: states.get(v.id)?.revisionLabel ?? null }));
  return NextResponse.json({ versions });
});

const SAVED = { '201': '`{ version }`.', '403': 'Your role cannot edit SOPs.', '409': 'The draft changed since your ETag.' };

// If-Match: the draft's ETag, so that the version is exactly what the author saw.
export const POST = orgRoute(
  { params: ZSopParam, body: ZSaveVersionInput, permission: 'sops.edit', rateLimit: SOP_WRITE_PER_USER, doc: { summary: 'Save the working draft as a new immutable version.', ifMatch: true, responses: SAVED } },
  async ({ request, tx, org, user, params, body }) => {
    const expectedRevision = parseIfMatch(request.headers.get('if-match'));
    const { version, sop } = await saveDraftAsVersion(tx, { orgId: org.id, sopId: params.id, authorId: user.id, expectedRevision, changeSummary: body.changeSummary });
    return NextResponse.json({ version }, { status: 201, headers: { ETag: etagOf(sop.draftRevision) } });
  },
);
