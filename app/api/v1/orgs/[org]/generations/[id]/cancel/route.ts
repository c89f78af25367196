/**
 * POST /api/v1/orgs/{org}/generations/{id}/cancel — stop a drafting run. What it wrote so
 * far is kept as an incomplete draft version. Cancelling a finished run changes nothing.
 * Only a role that may edit SOPs may cancel (403 otherwise, and the run goes on): the run is
 * stopped here only once the database has recorded the request.
 */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { abortLocalRun } from '@/lib/ai/generation-runner';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZGenerationParam } from '@/lib/sops/api-schemas';
import { requestCancel } from '@/lib/sops/generations';

export const dynamic = 'force-dynamic';

export const POST = apiRoute({ params: ZGenerationParam }, async ({ user, params }) => {
  const generation = await withUser(user.claims, async (tx) => requestCancel(tx, (await requireOrg(tx, user.id, params.org)).id, params.id));
  if (generation.cancelRequested) abortLocalRun(generation.id);
  return NextResponse.json({ generation: { id: generation.id, status: generation.status, cancelRequested: generation.cancelRequested } }, { status: 202 });
});
