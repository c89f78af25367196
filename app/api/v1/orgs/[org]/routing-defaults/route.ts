import { NextResponse } from 'next/server';
import { ZRoutingDefaultInput } from '@/lib/document-control/api-schemas';
import { listRoutingDefaults, setRoutingDefault } from '@/lib/document-control/routing-defaults';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZOrgParam,
    permission: 'sops.read',
    doc: { summary: 'Review and approval defaults per department ("" is any department): suggestions the submit form pre-selects.', responses: { '200': '`{ defaults }`.', '404': 'Not a member, or no such organization.' } },
  },
  async ({ tx, org }) => NextResponse.json({ defaults: await listRoutingDefaults(tx, org.id) }),
);

export const PUT = orgRoute(
  {
    params: ZOrgParam,
    body: ZRoutingDefaultInput,
    permission: 'sops.control',
    doc: {
      summary: 'Set the review and approval defaults of one department (owners and admins); with no reviewers and no approvers the entry is removed.',
      responses: { '200': '`{ result: "saved" | "removed", defaults }`.', '400': 'Someone named is not a member whose role may approve.', '403': 'Your role cannot.' },
    },
  },
  async ({ tx, org, body }) => {
    const result = await setRoutingDefault(tx, org.id, body);
    return NextResponse.json({ result, defaults: await listRoutingDefaults(tx, org.id) });
  },
);
