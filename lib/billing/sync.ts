/**
 * Stripe webhook processing (app/api/stripe/webhook only: it runs as the service). One
 * idempotent syncCustomer re-reads the customer's subscriptions from Stripe and writes the
 * organization's plan, status and period end — so duplicates, replays and out-of-order
 * deliveries all converge on Stripe's truth. Each event id is stored once, in the same
 * transaction as the write it caused: a failure writes nothing and Stripe's retry redoes it.
 */
import 'server-only';
import type Stripe from 'stripe';
import { z } from 'zod';
import { asService } from '@/lib/db/service';
import type { Tx } from '@/lib/db/types';
import { env } from '@/lib/env';
import { planForPrice, type PlanId } from './plans';
import { stripeClient } from './stripe-client';

export const HANDLED_EVENTS = new Set([
  'checkout.session.completed',
  'customer.subscription.created',
  'customer.subscription.updated',
  'customer.subscription.deleted',
  'customer.subscription.paused',
  'customer.subscription.resumed',
  'invoice.payment_failed',
  'invoice.paid',
]);

export type WebhookOutcome = 'processed' | 'duplicate' | 'ignored';

const ZOrgId = z.uuid();
/** Subscriptions that still say something about the plan, most relevant first. */
const LIVE = ['active', 'trialing', 'past_due', 'unpaid', 'paused', 'incomplete'];

function idOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string') return (v as { id: string }).id;
  return undefined;
}

interface Target {
  plan: PlanId;
  status: string;
  periodEnd: Date | null;
  cancelAtPeriodEnd: boolean;
  subscriptionId: string | null;
}

/** What the organization's billing columns should say, from the customer's subscriptions. */
export function targetFrom(subs: Stripe.Subscription[], prices: { pricePro?: string; priceTeam?: string }): Target {
  const sorted = [...subs].sort((a, b) => {
    const la = LIVE.indexOf(a.status);
    const lb = LIVE.indexOf(b.status);
    if ((la >= 0) !== (lb >= 0)) return la >= 0 ? -1 : 1;
    return b.created - a.created;
  });
  const sub = sorted[0];
  if (!sub) return { plan: 'free', status: 'none', periodEnd: null, cancelAtPeriodEnd: false, subscriptionId: null };
  const item = sub.items.data[0];
  const end = item?.current_period_end ?? (sub as unknown as { current_period_end?: number }).current_period_end;
  const live = LIVE.includes(sub.status);
  return {
    plan: live ? (planForPrice(item?.price.id, prices) ?? 'free') : 'free',
    status: sub.status,
    periodEnd: live && end ? new Date(end * 1000) : null,
    cancelAtPeriodEnd: live && sub.cancel_at_period_end,
    subscriptionId: sub.id,
  };
}

async function alreadySeen(eventId: string): Promise<boolean> {
  const rows = await asService((tx) => tx.query('select 1 from public.stripe_events where id = $1', [eventId]));
  return rows.length > 0;
}

/** Store the event id; false when another delivery stored it first (then do nothing). */
async function claim(tx: Tx, event: Stripe.Event, orgId: string | null): Promise<boolean> {
  const rows = await tx.query('insert into public.stripe_events (id, type, org_id) values ($1, $2, $3) on conflict (id) do nothing returning id', [event.id, event.type, orgId]);
  return rows.length > 0;
}

export async function handleStripeEvent(event: Stripe.Event): Promise<WebhookOutcome> {
  const cfg = env().billing;
  if (cfg.mode !== 'stripe') throw new Error('billing is not configured');
  if (await alreadySeen(event.id)) return 'duplicate';
  if (!HANDLED_EVENTS.has(event.type)) {
    return (await asService((tx) => claim(tx, event, null))) ? 'ignored' : 'duplicate';
  }
  const object = event.data.object as unknown as Record<string, unknown>;
  const customer = idOf(object.customer);
  const orgHint = event.type === 'checkout.session.completed' && ZOrgId.safeParse(object.client_reference_id).success ? (object.client_reference_id as string) : null;
  if (!customer) return (await asService((tx) => claim(tx, event, null))) ? 'ignored' : 'duplicate';

  // Stripe's truth, read outside any transaction.
  const subs = await stripeClient(cfg).subscriptions.list({ customer, status: 'all', limit: 20 });
  const target = targetFrom(subs.data, cfg);

  return asService(async (tx) => {
    let [link] = await tx.query<{ org_id: string }>('select org_id from public.billing_customers where stripe_customer_id = $1', [customer]);
    if (!link && orgHint) {
      const org = await tx.query('select 1 from public.organizations where id = $1', [orgHint]);
      if (org.length) {
        await tx.query('insert into public.billing_customers (org_id, stripe_customer_id) values ($1, $2) on conflict (org_id) do nothing', [orgHint, customer]);
        [link] = await tx.query<{ org_id: string }>('select org_id from public.billing_customers where stripe_customer_id = $1', [customer]);
      }
    }
    if (!(await claim(tx, event, link?.org_id ?? null))) return 'duplicate';
    if (!link) return 'ignored';
    await tx.query(
      `update public.organizations set plan = $2, billing_status = $3, current_period_end = $4, cancel_at_period_end = $5
        where id = $1 and (plan, billing_status, current_period_end, cancel_at_period_end) is distinct from ($2, $3, $4::timestamptz, $5)`,
      [link.org_id, target.plan, target.status, target.periodEnd, target.cancelAtPeriodEnd],
    );
    await tx.query('update public.billing_customers set stripe_subscription_id = $2, updated_at = now() where org_id = $1', [link.org_id, target.subscriptionId]);
    return 'processed';
  });
}
