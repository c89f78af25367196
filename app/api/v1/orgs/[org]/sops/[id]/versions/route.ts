import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZSaveVersionInput, ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { listVersions, parseIfMatch, requireSop, saveDraftAsVersion } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute({ params: ZSopParam, doc: { summary: 'Versions of an SOP, newest first.', responses: { '200': '`{ versions }`.' } } }, async ({ tx, org, params }) => {
  await requireSop(tx, org.id, params.id);
  return NextResponse.json({ versions: await listVersions(tx, org.id, params.id) });
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
