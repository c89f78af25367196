/** GET /api/v1/orgs/{org}/members — members of an organization the caller belongs to. */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { listMembers, requireOrg } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZOrgParam }, async ({ user, params }) => {
  const result = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    return { organization: { id: org.id, slug: org.slug, name: org.name }, members: await listMembers(tx, org.id) };
  });
  return NextResponse.json(result);
});
