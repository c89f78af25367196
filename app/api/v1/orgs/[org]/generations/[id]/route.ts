/** GET /api/v1/orgs/{org}/generations/{id} — a drafting run's state (for polling clients). */
import { NextResponse } from 'next/server';
import { requireGeneration } from '@/lib/generation/store';
import { apiRoute } from '@/lib/http/route';
import { inOrg } from '@/lib/orgs/scope';
import { ZGenerationParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZGenerationParam }, async ({ user, params }) =>
  inOrg(user, params.org, undefined, async ({ tx, org }) => NextResponse.json({ generation: await requireGeneration(tx, org.id, params.id) })),
);
