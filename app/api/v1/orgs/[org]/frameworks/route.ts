import { NextResponse } from 'next/server';
import { listOrgFrameworks, setOrgFrameworks, ZOrgFrameworksInput } from '@/lib/compliance/org-frameworks';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZOrgParam,
    permission: 'sops.read',
    doc: { summary: 'The frameworks the organization follows: codes of the regulation library (GET /api/v1/frameworks), in library order.', responses: { '200': '`{ frameworks: [code] }`.', '404': 'Not a member, or no such organization.' } },
  },
  async ({ tx, org }) => NextResponse.json({ frameworks: await listOrgFrameworks(tx, org.id) }),
);

export const PUT = orgRoute(
  {
    params: ZOrgParam,
    body: ZOrgFrameworksInput,
    permission: 'org.update',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Set the frameworks the organization follows (owners and admins): the whole set, as codes of current editions. Added and removed frameworks are audited.',
      responses: { '200': '`{ frameworks: [code], added: [code], removed: [code] }`.', '400': 'A code that is not a current edition of the library.', '403': 'Only owners and admins.', '404': 'Not a member, or no such organization.' },
    },
  },
  async ({ tx, org, body }) => NextResponse.json(await setOrgFrameworks(tx, org.id, body.frameworks)),
);
