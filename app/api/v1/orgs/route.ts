import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZCreateOrgInput } from '@/lib/orgs/api-schemas';
import { createOrganization, listMyOrgs } from '@/lib/orgs/service';
import { slugify } from '@/lib/orgs/slug';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ doc: { summary: 'Your organizations and your role in each.', responses: { '200': 'Organizations.' } } }, async ({ user }) =>
  NextResponse.json({ organizations: await withUser(user.claims, (tx) => listMyOrgs(tx, user.id)) }),
);

export const POST = apiRoute(
  { body: ZCreateOrgInput, rateLimit: { name: 'org-create', limit: 10, windowSeconds: 3600 }, doc: { summary: 'Create an organization (you become its owner).', responses: { '201': 'Created.', '409': 'Address taken.' } } },
  async ({ user, body }) => NextResponse.json(await withUser(user.claims, (tx) => createOrganization(tx, body.name, body.slug ?? slugify(body.name))), { status: 201 }),
);
