import { NextResponse } from 'next/server';
import { mapFromReferences } from '@/lib/compliance/mappings';
import { orgRoute } from '@/lib/http/route';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZSopParam,
    permission: 'sops.edit',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: "Map the clauses the SOP's current content cites in its References section that are clauses of the library (origin \"references\"); ones already mapped are skipped, others counted as unknown.",
      responses: { '200': '`{ added: [mapping], skipped, unknown }`.', '403': 'Your role cannot edit SOPs.', '404': 'No such SOP in this organization.', '422': 'The SOP has no content yet.' },
    },
  },
  async ({ tx, org, params }) => {
    const r = await mapFromReferences(tx, { orgId: org.id, sopId: params.id });
    return NextResponse.json({ added: r.added, skipped: r.skipped, unknown: r.unknown });
  },
);
