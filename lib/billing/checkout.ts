/**
 * Upgrade and "Manage billing": a Stripe Checkout Session (subscription mode) or a billing
 * portal session for the organization, started by an owner or admin. The Stripe customer is
 * created lazily on the first Checkout and remembered server-side (billing_customers, through
 * a definer function that checks billing.manage). Stripe calls never run inside a database
 * transaction.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { afterCommit, inOrg } from '@/lib/orgs/scope';
import type { OrgSummary } from '@/lib/orgs/service';
import { priceForPlan, type PaidPlan } from './plans';
import { stripeClient } from './stripe-client';

function stripeConfig() {
  const cfg = env().billing;
  if (cfg.mode !== 'stripe') throw new AppError('unprocessable', 'Billing is not configured on this server.');
  return cfg;
}

/** The org and its Stripe customer, read by an owner or admin; `work` calls Stripe once that transaction has committed. */
function withBillingOrg<T>(user: CurrentUser, slug: string, work: (org: OrgSummary, customer: string | null) => Promise<T>): Promise<T> {
  return inOrg(user, slug, 'billing.manage', async ({ tx, org }) => {
    const [row] = await tx.query<{ customer: string | null }>('select private.billing_customer($1) as customer', [org.id]);
    return afterCommit(() => work(org, row?.customer ?? null));
  });
}

export async function startCheckout(user: CurrentUser, slug: string, plan: PaidPlan): Promise<string> {
  const cfg = stripeConfig();
  const price = priceForPlan(plan, cfg);
  if (!price) throw new AppError('unprocessable', `The ${plan} plan has no Stripe price configured on this server (STRIPE_PRICE_${plan.toUpperCase()}).`);
  const stripe = stripeClient(cfg);
  return withBillingOrg(user, slug, async (org, known) => {
    let customer = known;
    if (!customer) {
      const created = await stripe.customers.create({ name: org.name, email: user.email, metadata: { org_id: org.id } });
      customer = await withUser(user.claims, async (tx) => {
        const [row] = await tx.query<{ id: string }>('select private.set_billing_customer($1, $2) as id', [org.id, created.id]);
        return row!.id;
      });
    }
    const base = `${env().appUrl}/o/${org.slug}/billing`;
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer,
      client_reference_id: org.id,
      line_items: [{ price, quantity: 1 }],
      subscription_data: { metadata: { org_id: org.id } },
      success_url: `${base}?checkout=success&session_id={CHECKOUT_SESSION_ID}`,
      cancel_url: `${base}?checkout=cancelled`,
    });
    if (!session.url) throw new AppError('unavailable', 'Stripe did not return a checkout page. Try again.');
    return session.url;
  });
}

export async function openPortal(user: CurrentUser, slug: string): Promise<string> {
  const cfg = stripeConfig();
  return withBillingOrg(user, slug, async (org, customer) => {
    if (!customer) throw new AppError('unprocessable', 'This organization has no billing account yet: upgrade first.');
    const session = await stripeClient(cfg).billingPortal.sessions.create({ customer, return_url: `${env().appUrl}/o/${org.slug}/billing` });
    return session.url;
  });
}
