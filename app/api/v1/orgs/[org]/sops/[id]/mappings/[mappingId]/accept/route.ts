import { NextResponse } from 'next/server';
import { acceptMapping, ZMappingParam } from '@/lib/compliance/mappings';
import { orgRoute } from '@/lib/http/route';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZMappingParam,
    permission: 'sops.edit',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Accept a suggestion: the SOP is then mapped to that clause, accepted by you.',
      responses: { '200': '`{ mapping }`.', '403': 'Your role cannot edit SOPs.', '404': 'No such SOP or mapping in this organization.', '409': 'It is already accepted.' },
    },
  },
  async ({ tx, org, params }) => NextResponse.json({ mapping: await acceptMapping(tx, { orgId: org.id, sopId: params.id, mappingId: params.mappingId }) }),
);
