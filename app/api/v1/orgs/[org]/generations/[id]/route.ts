/** GET /api/v1/orgs/{org}/generations/{id} — a drafting run's state (for polling clients). */
import { NextResponse } from 'next/server';
import { requireGeneration } from '@/lib/generation/store';
import { orgRoute } from '@/lib/http/route';
import { ZGenerationParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZGenerationParam, doc: { summary: 'A drafting run’s state.', responses: { '200': '`{ generation }`.' } } },
  async ({ tx, org, params }) => NextResponse.json({ generation: await requireGeneration(tx, org.id, params.id) }),
);
