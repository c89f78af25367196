import { NextResponse } from 'next/server';
import { errorBody } from '@/lib/http/errors';
import { orgRoute } from '@/lib/http/route';
import { ZPatchSopInput, ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { etagOf } from '@/lib/sops/etag';
import { ConflictError, parseIfMatch, requireSop, saveDraft } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute({ params: ZSopParam, doc: { summary: 'An SOP with its working draft. ETag = draft revision.', responses: { '200': '`{ sop }`.', '404': 'Not found.' } } }, async ({ tx, org, params }) => {
  const sop = await requireSop(tx, org.id, params.id);
  return NextResponse.json({ sop }, { headers: { ETag: etagOf(sop.draftRevision) } });
});

const PATCH_DOC = {
  summary: 'Save the working draft (title, department, content).',
  description: 'Send `If-Match` with the ETag you last received. If someone saved since, the answer is 409 with `current` (their text and revision) and nothing is overwritten.',
  ifMatch: true,
  responses: { '200': 'Saved; new ETag.', '400': 'Invalid input (the message names the field).', '403': 'Your role cannot edit SOPs.', '409': 'Conflict: `{ error, current }`.', '428': 'If-Match missing.' },
};

// A role that may not edit gets 403 whatever revision it names (never a 409 that shows it someone's text).
export const PATCH = orgRoute({ params: ZSopParam, body: ZPatchSopInput, permission: 'sops.edit', rateLimit: SOP_WRITE_PER_USER, doc: PATCH_DOC }, async ({ request, tx, org, params, body }) => {
  const expectedRevision = parseIfMatch(request.headers.get('if-match'));
  try {
    const sop = await saveDraft(tx, { orgId: org.id, sopId: params.id, expectedRevision, title: body.title, department: body.department, content: body.content });
    return NextResponse.json({ sop }, { headers: { ETag: etagOf(sop.draftRevision) } });
  } catch (err) {
    // saveDraft has written nothing when it refuses a stale revision: answering here commits nothing.
    if (!(err instanceof ConflictError)) throw err;
    return NextResponse.json({ ...errorBody('conflict', err.message), current: err.current }, { status: 409, headers: { ETag: etagOf(err.current.draftRevision) } });
  }
});
