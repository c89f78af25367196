import { NextResponse } from 'next/server';
import { billingSummary } from '@/lib/billing/state';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';

export const dynamic = 'force-dynamic';

const USAGE = '`{ plan, status, currentPeriodEnd, cancelAtPeriodEnd, usage: { aiDraftsThisMonth, seats }, limits: { monthlyAiDrafts, seats }, billingConfigured }` (limits null = unlimited).';

export const GET = orgRoute({ params: ZOrgParam, doc: { summary: 'Plan, subscription status, renewal date, usage this period and limits (every member).', responses: { '200': USAGE } } }, async ({ tx, org }) => {
  const { configured, ...rest } = await billingSummary(tx, org.id);
  return NextResponse.json({ ...rest, billingConfigured: configured });
});
