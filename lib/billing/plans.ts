/**
 * Plans and their limits — the one table. Compliance features are never limited: plans cap AI
 * drafting volume (per calendar month, UTC) and seats (members plus pending invites) only.
 * Paid plans map to Stripe prices through STRIPE_PRICE_PRO / STRIPE_PRICE_TEAM.
 */
export const PLANS = {
  free: { label: 'Free', monthlyAiDrafts: 10, seats: 3 },
  pro: { label: 'Pro', monthlyAiDrafts: 200, seats: 15 },
  team: { label: 'Team', monthlyAiDrafts: 1000, seats: 50 },
} as const;

export type PlanId = keyof typeof PLANS;
export type PaidPlan = Exclude<PlanId, 'free'>;
export const PAID_PLANS: PaidPlan[] = ['pro', 'team'];

export interface Limits {
  monthlyAiDrafts: number | null;
  seats: number | null;
}

export const UNLIMITED: Limits = { monthlyAiDrafts: null, seats: null };

/** Statuses in which a paid plan's limits apply; anything else falls back to Free's. */
const PAYING = new Set(['active', 'trialing', 'past_due']);

export function limitsFor(plan: PlanId, status: string): Limits {
  const effective = plan !== 'free' && PAYING.has(status) ? plan : 'free';
  const p = PLANS[effective];
  return { monthlyAiDrafts: p.monthlyAiDrafts, seats: p.seats };
}

export function planForPrice(priceId: string | undefined, prices: { pricePro?: string; priceTeam?: string }): PlanId | null {
  if (!priceId) return null;
  if (priceId === prices.pricePro) return 'pro';
  if (priceId === prices.priceTeam) return 'team';
  return null;
}

export function priceForPlan(plan: PaidPlan, prices: { pricePro?: string; priceTeam?: string }): string | undefined {
  return plan === 'pro' ? prices.pricePro : prices.priceTeam;
}
