/**
 * Billing with Stripe configured: the real `stripe` SDK against the local Stripe fake, the
 * webhook route handler called in-process with signed events, and the database (PGlite or
 * Postgres). Proves that only Stripe's truth changes a plan, that replays and out-of-order
 * deliveries converge, that failures write nothing and retries succeed, and that quotas are
 * enforced before anything is generated or sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';
import { startFakeStripe, type FakeStripe } from '../fakes/stripe';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

const SECRET = 'sk_test_billing_0123456789';
const WHSEC = 'whsec_billing_test_secret_0123456789';
let t: TestDb;
let stripe: FakeStripe;
let anthropic: FakeAnthropic;
let owner: CurrentUser;
let author: CurrentUser;
let orgId: string;
let customer: string;
let webhook: typeof import('@/app/api/stripe/webhook/route');
let checkout: typeof import('@/lib/billing/checkout');
let state: typeof import('@/lib/billing/state');

const user = async (email: string): Promise<CurrentUser> => {
  const u = await createUser(t, email);
  return { id: u.id, email: u.email, claims: claimsFor(u.id, { email: u.email }), aal: 'aal1', hasMfa: false };
};

async function post(payload: string, header: string | null): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await webhook.POST(new Request('http://localhost/api/stripe/webhook', { method: 'POST', headers: header ? { 'stripe-signature': header } : {}, body: payload }));
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const send = (type: string, object: object, opts?: { timestamp?: number }) => {
  const e = stripe.signedEvent(type, object, opts);
  return post(e.payload, e.header).then((r) => ({ ...r, event: e }));
};

const org = () =>
  t.asService(async (tx) => (await tx.query<{ plan: string; billing_status: string; current_period_end: Date | null }>('select plan, billing_status, current_period_end from public.organizations where id = $1', [orgId]))[0]!);

beforeAll(async () => {
  t = await createTestDb();
  stripe = await startFakeStripe({ secretKey: SECRET, webhookSecret: WHSEC, prices: ['price_pro', 'price_team'] });
  anthropic = await startFakeAnthropic({ apiKey: 'sk-ant-billing-test' });
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: SECRET,
    STRIPE_WEBHOOK_SECRET: WHSEC,
    STRIPE_PRICE_PRO: 'price_pro',
    STRIPE_PRICE_TEAM: 'price_team',
    STRIPE_API_BASE_URL: stripe.url,
    ANTHROPIC_API_KEY: 'sk-ant-billing-test',
    ANTHROPIC_BASE_URL: anthropic.url,
  });
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(t.db);
  webhook = await import('@/app/api/stripe/webhook/route');
  checkout = await import('@/lib/billing/checkout');
  state = await import('@/lib/billing/state');
  owner = await user('owner@billing.test');
  author = await user('author@billing.test');
  orgId = (await t.withUser(owner.claims, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Billing Foods', 'billing-foods')")))[0]!.id;
  await t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'author')", [orgId, author.id]));
});
afterAll(async () => {
  await stripe?.close();
  await anthropic?.close();
  await t?.close();
});

describe('billing columns', () => {
  it('cannot be changed by any user, not even the owner, and the customer table is unreachable', async () => {
    for (const sql of ["update public.organizations set plan = 'team' where id = $1", "update public.organizations set billing_status = 'active' where id = $1", 'update public.organizations set current_period_end = now() where id = $1']) {
      await expect(t.withUser(owner.claims, (tx) => tx.query(sql, [orgId]))).rejects.toMatchObject({ code: '42501' });
    }
    await expect(t.withUser(owner.claims, (tx) => tx.query('select * from public.billing_customers'))).rejects.toMatchObject({ code: '42501' });
    await expect(t.withUser(author.claims, (tx) => tx.query('select private.billing_customer($1)', [orgId]))).rejects.toMatchObject({ code: '42501' });
  });
});

describe('Checkout and portal', () => {
  it('creates the customer once, and a subscription Checkout Session with the org as client_reference_id', async () => {
    const url = await checkout.startCheckout(owner, 'billing-foods', 'pro');
    expect(url).toMatch(new RegExp(`^${stripe.url}/checkout/cs_`));
    const again = await checkout.startCheckout(owner, 'billing-foods', 'team');
    expect(again).toMatch(/\/checkout\/cs_/);
    const customers = stripe.requests.filter((r) => r.method === 'POST' && r.pathname === '/v1/customers');
    expect(customers).toHaveLength(1);
    expect(customers[0]!.body).toMatchObject({ metadata: { org_id: orgId } });
    const sessions = stripe.requests.filter((r) => r.method === 'POST' && r.pathname === '/v1/checkout/sessions');
    expect(sessions[0]!.body).toMatchObject({ mode: 'subscription', client_reference_id: orgId, line_items: [{ price: 'price_pro', quantity: '1' }] });
    expect(String(sessions[0]!.body!.success_url)).toContain('/o/billing-foods/billing?checkout=success');
    expect(sessions[1]!.body).toMatchObject({ line_items: [{ price: 'price_team' }] });
    expect(sessions[0]!.headers.authorization).toBe(`Bearer ${SECRET}`);
    customer = String(sessions[0]!.body!.customer);
    expect(customer).toMatch(/^cus_/);
  });

  it('refuses members without billing rights, and opens the portal for the org’s customer', async () => {
    await expect(checkout.startCheckout(author, 'billing-foods', 'pro')).rejects.toMatchObject({ code: 'forbidden' });
    const url = await checkout.openPortal(owner, 'billing-foods');
    expect(url).toMatch(/\/portal\/bps_/);
    const portal = stripe.requests.find((r) => r.pathname === '/v1/billing_portal/sessions');
    expect(portal!.body).toMatchObject({ customer, return_url: expect.stringContaining('/o/billing-foods/billing') });
  });
});

describe('webhook', () => {
  let sub: { id: string };

  it('rejects a bad signature, a stale timestamp and a missing header with 400, writing nothing', async () => {
    sub = stripe.createSubscription({ customer, price: 'price_pro' });
    const good = stripe.signedEvent('customer.subscription.created', sub);
    expect((await post(good.payload.replace('price_pro', 'price_team'), good.header)).status).toBe(400);
    expect((await post(good.payload, good.header.replace(/v1=[0-9a-f]+/, `v1=${'0'.repeat(64)}`))).status).toBe(400);
    expect((await post(good.payload, null)).status).toBe(400);
    const stale = stripe.signedEvent('customer.subscription.created', sub, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await post(stale.payload, stale.header)).status).toBe(400);
    expect((await org()).plan).toBe('free');
    expect(await t.asService((tx) => tx.query('select 1 from public.stripe_events'))).toHaveLength(0);
  });

  it('a valid event moves the org to the plan Stripe says, once; a replay is a no-op', async () => {
    const first = await send('checkout.session.completed', { id: 'cs_test_x', object: 'checkout.session', customer, client_reference_id: orgId, subscription: sub.id });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ outcome: 'processed' });
    const o = await org();
    expect(o).toMatchObject({ plan: 'pro', billing_status: 'active' });
    expect(o.current_period_end).not.toBeNull();
    const replay = await post(first.event.payload, first.event.header);
    expect(replay.body).toMatchObject({ outcome: 'duplicate' });
    const planEvents = await t.asService((tx) => tx.query("select 1 from public.audit_events where org_id = $1 and action = 'org.updated' and data ? 'plan'", [orgId]));
    expect(planEvents).toHaveLength(1);
  });

  it('converges when "updated" arrives before "created": both re-read Stripe', async () => {
    stripe.updateSubscription(sub.id, { price: 'price_team' });
    const createdEarlier = stripe.signedEvent('customer.subscription.created', sub);
    expect((await send('customer.subscription.updated', stripe.subscriptions.get(sub.id)!)).status).toBe(200);
    expect((await post(createdEarlier.payload, createdEarlier.header)).status).toBe(200);
    expect(await org()).toMatchObject({ plan: 'team', billing_status: 'active' });
  });

  it('a failed payment shows past_due; a DB failure mid-sync answers 500 and the retry succeeds', async () => {
    stripe.updateSubscription(sub.id, { status: 'past_due' });
    await t.asService((tx) =>
      tx.execScript(`
        create function public.fail_billing_update() returns trigger language plpgsql as $$ begin raise exception 'simulated outage'; end $$;
        create trigger fail_billing_update before update of billing_status on public.organizations for each row execute function public.fail_billing_update();
      `),
    );
    const failed = await send('invoice.payment_failed', { id: 'in_test_1', object: 'invoice', customer, subscription: sub.id });
    expect(failed.status).toBe(500);
    expect((await org()).billing_status).toBe('active');
    await t.asService((tx) => tx.execScript('drop trigger fail_billing_update on public.organizations; drop function public.fail_billing_update();'));
    const retried = await post(failed.event.payload, failed.event.header);
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ outcome: 'processed' });
    expect(await org()).toMatchObject({ plan: 'team', billing_status: 'past_due' });
  });

  it('deleted → back to Free; ignored event types → 200', async () => {
    stripe.deleteSubscription(sub.id);
    expect((await send('customer.subscription.deleted', stripe.subscriptions.get(sub.id)!)).status).toBe(200);
    expect(await org()).toMatchObject({ plan: 'free', billing_status: 'canceled', current_period_end: null });
    const ignored = await send('customer.created', { id: customer, object: 'customer' });
    expect(ignored).toMatchObject({ status: 200, body: { outcome: 'ignored' } });
  });
});

describe('quotas (Free plan: 10 AI drafts a month, 3 seats)', () => {
  it('the 11th AI draft of the month is a 402: nothing generated, nothing sent to the model', async () => {
    const { startDraft } = await import('@/lib/generation/start');
    const { inOrg } = await import('@/lib/orgs/scope');
    await t.asService(async (tx) => {
      const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Quota filler', $2) returning id", [orgId, owner.id]);
      for (let i = 0; i < 10; i++) {
        await tx.query("insert into public.generations (org_id, sop_id, source, input, status, created_by) values ($1, $2, 'ai', '{}'::jsonb, 'succeeded', $3)", [orgId, sop!.id, owner.id]);
      }
    });
    const before = await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.sops where org_id = $1', [orgId]));
    const sent = anthropic.requests.length;
    const body = { title: 'Over quota', processDescription: '1. Step one of the process\n2. Step two of it', frameworks: [], detail: 'standard' as const };
    const err = await inOrg(owner, 'billing-foods', undefined, ({ tx, org }) => startDraft(tx, owner, org, body)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'payment_required', status: 402 });
    expect(String((err as Error).message)).toMatch(/all 10 AI drafts of the Free plan/);
    expect(anthropic.requests.length).toBe(sent);
    const after = await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.sops where org_id = $1', [orgId]));
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('an invite beyond the seat limit is refused with the reason', async () => {
    const { createInvite } = await import('@/lib/orgs/service');
    // owner + author = 2 seats; one pending invite makes 3.
    await t.withUser(owner.claims, (tx) => createInvite(tx, orgId, owner.id, 'third@billing.test', 'viewer'));
    await expect(t.withUser(owner.claims, (tx) => createInvite(tx, orgId, owner.id, 'fourth@billing.test', 'viewer'))).rejects.toMatchObject({
      code: 'payment_required',
      message: expect.stringContaining('3 seats'),
    });
  });

  it('reports plan, status, usage and limits to every member', async () => {
    const s = await t.withUser(author.claims, (tx) => state.billingSummary(tx, orgId));
    expect(s).toMatchObject({ plan: 'free', status: 'canceled', configured: true, usage: { aiDraftsThisMonth: 10, seats: 3 }, limits: { monthlyAiDrafts: 10, seats: 3 } });
  });
});
