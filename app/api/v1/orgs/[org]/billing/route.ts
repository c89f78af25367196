/** GET /api/v1/orgs/{org}/billing — plan, status, renewal, usage this period and limits (members). */
import { NextResponse } from 'next/server';
import { billingSummary } from '@/lib/billing/state';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { requireOrg } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZOrgParam }, async ({ user, params }) => {
  const summary = await withUser(user.claims, async (tx) => billingSummary(tx, (await requireOrg(tx, user.id, params.org)).id));
  const { configured, ...rest } = summary;
  return NextResponse.json({ ...rest, billingConfigured: configured });
});
