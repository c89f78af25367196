import { NextResponse } from 'next/server';
import { removeMapping, ZMappingParam } from '@/lib/compliance/mappings';
import { orgRoute } from '@/lib/http/route';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const DELETE = orgRoute(
  {
    params: ZMappingParam,
    permission: 'sops.edit',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Remove a mapping, or reject a suggestion (the audit trail records which).',
      responses: { '204': 'Removed.', '403': 'Your role cannot edit SOPs.', '404': 'No such SOP or mapping in this organization.' },
    },
  },
  async ({ tx, org, params }) => {
    await removeMapping(tx, { orgId: org.id, sopId: params.id, mappingId: params.mappingId });
    return new NextResponse(null, { status: 204 });
  },
);
