/**
 * POST /api/v1/orgs/{org}/generations/{id}/cancel — stop a drafting run. What it wrote so
 * far is kept as an incomplete draft version. Cancelling a finished run changes nothing.
 * Only a role that may edit SOPs may cancel (403 otherwise, and the run goes on). Cancel goes
 * through the database: the request is recorded, and its commit signals the worker running
 * the run, on whichever instance (lib/generation/worker.ts); a run still queued ends here.
 */
import { NextResponse } from 'next/server';
import { requestCancel } from '@/lib/generation/store';
import { orgRoute } from '@/lib/http/route';
import { ZGenerationParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZGenerationParam,
    doc: { summary: 'Cancel a drafting run; what it wrote is kept as an incomplete draft.', responses: { '202': 'Cancel requested.', '403': 'Your role cannot edit SOPs, so it cannot cancel; the run goes on.' } },
  },
  async ({ tx, org, params }) => {
    const { id, status, cancelRequested } = await requestCancel(tx, org.id, params.id);
    return NextResponse.json({ generation: { id, status, cancelRequested } }, { status: 202 });
  },
);
