import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { listMembers } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZOrgParam, doc: { summary: 'Members of an organization you belong to.', responses: { '200': 'Members.', '404': 'Not a member, or no such organization.' } } },
  async ({ tx, org }) => NextResponse.json({ organization: { id: org.id, slug: org.slug, name: org.name }, members: await listMembers(tx, org.id) }),
);
