/** GET /api/v1/orgs/{org}/generations/{id} — a drafting run's state (for polling clients). */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZGenerationParam } from '@/lib/sops/api-schemas';
import { requireGeneration } from '@/lib/sops/generations';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZGenerationParam }, async ({ user, params }) => {
  const generation = await withUser(user.claims, async (tx) => requireGeneration(tx, (await requireOrg(tx, user.id, params.org)).id, params.id));
  return NextResponse.json({ generation });
});
