/** GET /api/v1/orgs — the caller's organizations. POST — create one (the caller becomes owner). */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZCreateOrgInput } from '@/lib/orgs/api-schemas';
import { createOrganization, listMyOrgs } from '@/lib/orgs/service';
import { slugify } from '@/lib/orgs/slug';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({}, async ({ user }) => {
  const organizations = await withUser(user.claims, (tx) => listMyOrgs(tx, user.id));
  return NextResponse.json({ organizations });
});

export const POST = apiRoute(
  { body: ZCreateOrgInput, rateLimit: { name: 'org-create', limit: 10, windowSeconds: 3600 } },
  async ({ user, body }) => {
    const org = await withUser(user.claims, (tx) => createOrganization(tx, body.name, body.slug ?? slugify(body.name)));
    return NextResponse.json(org, { status: 201 });
  },
);
