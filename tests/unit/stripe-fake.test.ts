import { createServer, type Server } from 'node:http';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { endpointOf, stripeClient, STRIPE_API_VERSION, type StripeBillingConfig } from '@/lib/billing/stripe-client';
import { parseStripeForm, signPayload, startFakeStripe, type FakeStripe } from '../fakes/stripe';

const KEY = 'sk_test_fake_51Abc0000000000000000';
const WHSEC = 'whsec_fake_0123456789abcdef';

let fake: FakeStripe;
let stripe: Stripe;
let hook: Server;
let hookUrl: string;
/** What the webhook endpoint received, and whether the SDK verified it. */
const received: { type: string; verified: boolean; object: Record<string, unknown> }[] = [];

beforeAll(async () => {
  fake = await startFakeStripe({ secretKey: KEY, webhookSecret: WHSEC, prices: ['price_pro', 'price_team'] });
  stripe = stripeClient(config());
  // A webhook endpoint like the app's: verifies the raw body with the SDK.
  hook = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      try {
        const event = stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] ?? '', WHSEC);
        received.push({ type: event.type, verified: true, object: event.data.object as unknown as Record<string, unknown> });
        res.writeHead(200).end('{"received":true}');
      } catch {
        received.push({ type: 'invalid', verified: false, object: {} });
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  const addr = hook.address();
  hookUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/billing/webhook`;
  fake.setWebhookUrl(hookUrl);
});
afterAll(async () => {
  await fake.close();
  await new Promise((r) => hook.close(r));
});
beforeEach(() => {
  fake.requests.length = 0;
  received.length = 0;
});

function config(over: Partial<StripeBillingConfig> = {}): StripeBillingConfig {
  return { mode: 'stripe', secretKey: KEY, webhookSecret: WHSEC, apiBaseUrl: fake.url, ...over };
}

async function rejection(p: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await p;
  } catch (e) {
    return e as Stripe.errors.StripeError;
  }
  throw new Error('expected a rejection');
}

const checkoutParams = (customer: string): Stripe.Checkout.SessionCreateParams => ({
  mode: 'subscription',
  customer,
  line_items: [{ price: 'price_pro', quantity: 1 }],
  success_url: 'http://localhost:3000/settings/billing?session_id={CHECKOUT_SESSION_ID}',
  cancel_url: 'http://localhost:3000/settings/billing?canceled=1',
  client_reference_id: 'org_123',
  subscription_data: { metadata: { org_id: 'org_123' } },
});

describe('stripeClient', () => {
  it('caches one client per configuration and refuses billing off', () => {
    expect(stripeClient(config())).toBe(stripe);
    expect(stripeClient(config({ secretKey: 'sk_test_other' }))).not.toBe(stripe);
    expect(() => stripeClient({ mode: 'off' })).toThrow(/Billing is off/);
  });

  it('turns the base URL into the SDK host, port and protocol', () => {
    expect(endpointOf('http://localhost:12111')).toEqual({ host: 'localhost', port: 12111, protocol: 'http' });
    expect(endpointOf('https://stripe.example.test/')).toEqual({ host: 'stripe.example.test', port: 443, protocol: 'https' });
    expect(endpointOf('http://[::1]:8080')).toEqual({ host: '::1', port: 8080, protocol: 'http' });
    expect(() => endpointOf('http://localhost:12111/v1')).toThrow(/without a path/);
    expect(() => endpointOf('ftp://x')).toThrow(/http/);
  });

  it('pins the SDK API version, sends it, and sends no telemetry', async () => {
    expect(STRIPE_API_VERSION).toBe(Stripe.API_VERSION);
    await stripe.customers.create({});
    await stripe.customers.create({});
    for (const r of fake.requests) {
      expect(r.headers['stripe-version']).toBe(STRIPE_API_VERSION);
      expect(r.headers['x-stripe-client-telemetry']).toBeUndefined();
      expect(r.headers.authorization).toBe(`Bearer ${KEY}`);
      expect(r.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    }
  });

  it('is refused with a StripeAuthenticationError for a wrong key', async () => {
    const e = await rejection(stripeClient(config({ secretKey: 'sk_test_wrong_key_9999' })).customers.create({}));
    expect(e).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(e.statusCode).toBe(401);
    expect(e.message).toContain('****9999');
  });
});

describe('fake Stripe API (real SDK)', () => {
  it('parses bracket form encoding into nested objects and arrays', () => {
    expect(parseStripeForm('mode=subscription&line_items[0][price]=price_pro&line_items[0][quantity]=1&metadata[org_id]=o%201&expand[]=a&expand[]=b&__proto__[x]=1')).toEqual({
      mode: 'subscription',
      line_items: [{ price: 'price_pro', quantity: '1' }],
      metadata: { org_id: 'o 1' },
      expand: ['a', 'b'],
    });
  });

  it('answers a missing key like Stripe', async () => {
    const res = await fetch(`${fake.url}/v1/customers`, { method: 'POST' });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.stringContaining('did not provide an API key') } });
  });

  it('creates and retrieves a customer with its metadata', async () => {
    const created = await stripe.customers.create({ email: 'owner@acme.example', name: 'Acme', metadata: { org_id: 'org_123' } });
    expect(created).toMatchObject({ object: 'customer', email: 'owner@acme.example', name: 'Acme', metadata: { org_id: 'org_123' } });
    expect(created.id).toMatch(/^cus_/);
    expect(fake.requests[0]?.body).toEqual({ email: 'owner@acme.example', name: 'Acme', metadata: { org_id: 'org_123' } });
    const got = await stripe.customers.retrieve(created.id);
    expect(got).toMatchObject({ id: created.id, email: 'owner@acme.example' });
    const e = await rejection(stripe.customers.retrieve('cus_nope'));
    expect(e).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(e).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
  });

  it('creates a Checkout Session and records the parameters sent', async () => {
    const customer = await stripe.customers.create({});
    const session = await stripe.checkout.sessions.create(checkoutParams(customer.id));
    expect(session).toMatchObject({ object: 'checkout.session', mode: 'subscription', status: 'open', customer: customer.id, client_reference_id: 'org_123', subscription: null });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session.url).toBe(`${fake.url}/checkout/${session.id}`);
    const sent = fake.requests.at(-1);
    expect(sent).toMatchObject({ method: 'POST', pathname: '/v1/checkout/sessions' });
    expect(sent?.raw).toContain('line_items[0][price]=price_pro');
    expect(sent?.body).toMatchObject({ mode: 'subscription', line_items: [{ price: 'price_pro', quantity: '1' }], subscription_data: { metadata: { org_id: 'org_123' } } });
  });

  it('refuses a Checkout Session without its required parameters (StripeInvalidRequestError)', async () => {
    const customer = await stripe.customers.create({});
    const full = checkoutParams(customer.id);
    const cases: [Stripe.Checkout.SessionCreateParams, string][] = [
      [{ ...full, mode: undefined }, 'mode'],
      [{ ...full, line_items: undefined }, 'line_items'],
      [{ ...full, line_items: [{ quantity: 1 }] }, 'line_items[0][price]'],
      [{ ...full, line_items: [{ price: 'price_pro' }] }, 'line_items[0][quantity]'],
      [{ ...full, line_items: [{ price: 'price_unknown', quantity: 1 }] }, 'line_items[0][price]'],
      [{ ...full, success_url: undefined }, 'success_url'],
      [{ ...full, success_url: '/settings/billing' }, 'success_url'],
      [{ ...full, cancel_url: undefined }, 'cancel_url'],
      [{ ...full, customer: undefined }, 'customer'],
      [{ ...full, customer: 'cus_nope' }, 'customer'],
      [{ ...full, customer_email: 'a@b.example' }, 'customer_email'],
    ];
    for (const [params, param] of cases) {
      const e = await rejection(stripe.checkout.sessions.create(params));
      expect(e, param).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(e, param).toMatchObject({ statusCode: 400, param });
    }
    expect(fake.checkoutSessions.size).toBe(1); // only the one from the previous test
  });

  it('completes checkout from the hosted page: subscription, signed webhooks, redirect', async () => {
    const customer = await stripe.customers.create({ email: 'buyer@acme.example' });
    const session = await stripe.checkout.sessions.create(checkoutParams(customer.id));
    const pageRes = await fetch(session.url ?? '');
    const html = await pageRes.text();
    expect(html).toContain('<button type="submit">Pay</button>');
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
    const pay = await fetch(new URL(action, fake.url), { method: 'POST', redirect: 'manual' });
    expect(pay.status).toBe(303);
    expect(pay.headers.get('location')).toBe(`http://localhost:3000/settings/billing?session_id=${session.id}`);

    expect(received.map((r) => [r.type, r.verified])).toEqual([
      ['customer.subscription.created', true],
      ['checkout.session.completed', true],
    ]);
    const done = await stripe.checkout.sessions.retrieve(session.id, { expand: ['subscription'] });
    expect(done).toMatchObject({ status: 'complete', payment_status: 'paid', customer: customer.id, client_reference_id: 'org_123' });
    const sub = done.subscription as Stripe.Subscription;
    expect(sub).toMatchObject({ object: 'subscription', status: 'active', customer: customer.id, metadata: { org_id: 'org_123' } });
    expect(received[1]?.object).toMatchObject({ id: session.id, subscription: sub.id, client_reference_id: 'org_123' });
    const item = sub.items.data[0];
    expect(item?.price.id).toBe('price_pro');
    expect(item?.current_period_end).toBeGreaterThan(Date.now() / 1000 + 29 * 86400);
    expect((await fetch(`${fake.url}/checkout/${session.id}`).then((r) => r.text()))).toContain('no longer active');
  });

  it('creates a billing portal session whose page links back and can cancel at period end', async () => {
    const customer = await stripe.customers.create({});
    const sub = fake.createSubscription({ customer: customer.id, price: 'price_team' });
    const portal = await stripe.billingPortal.sessions.create({ customer: customer.id, return_url: 'http://localhost:3000/settings/billing' });
    expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id, return_url: 'http://localhost:3000/settings/billing', url: `${fake.url}/portal/${portal.id}` });
    expect(portal.id).toMatch(/^bps_/);
    const html = await fetch(portal.url).then((r) => r.text());
    expect(html).toContain('href="http://localhost:3000/settings/billing"');
    const cancel = await fetch(`${fake.url}/portal/${portal.id}/cancel`, { method: 'POST', redirect: 'manual' });
    expect(cancel.status).toBe(303);
    expect(cancel.headers.get('location')).toBe('http://localhost:3000/settings/billing');
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ status: 'active', cancel_at_period_end: true });
    expect(received.map((r) => r.type)).toEqual(['customer.subscription.updated']);

    for (const [params, param] of [
      [{ return_url: 'http://localhost:3000/x' }, 'customer'],
      [{ customer: customer.id }, 'return_url'],
      [{ customer: 'cus_nope', return_url: 'http://localhost:3000/x' }, 'customer'],
    ] as const) {
      const e = await rejection(stripe.billingPortal.sessions.create(params as Stripe.BillingPortal.SessionCreateParams));
      expect(e, param).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
      expect(e, param).toMatchObject({ param });
    }
  });

  it('retrieves and lists subscriptions in the shape Stripe gives', async () => {
    const customer = await stripe.customers.create({});
    const old = fake.createSubscription({ customer: customer.id, price: 'price_pro', metadata: { org_id: 'org_9' } });
    fake.deleteSubscription(old.id);
    const current = fake.createSubscription({ customer: customer.id, price: 'price_team', status: 'past_due' });
    fake.updateSubscription(current.id, { status: 'active', metadata: { plan: 'team' } });

    const got = await stripe.subscriptions.retrieve(current.id);
    expect(got).toMatchObject({ id: current.id, object: 'subscription', status: 'active', customer: customer.id, cancel_at_period_end: false, metadata: { plan: 'team' } });
    expect(got.items).toMatchObject({ object: 'list', data: [{ object: 'subscription_item', price: { id: 'price_team', object: 'price' } }] });
    expect(got.items.data[0]?.current_period_end).toBe(current.items.data[0]?.current_period_end);

    const all = await stripe.subscriptions.list({ customer: customer.id, status: 'all' });
    expect(all).toMatchObject({ object: 'list', has_more: false, url: '/v1/subscriptions' });
    expect(all.data.map((s) => [s.id, s.status])).toEqual([
      [current.id, 'active'],
      [old.id, 'canceled'],
    ]);
    expect(fake.requests.at(-1)?.query).toEqual({ customer: customer.id, status: 'all' });
    const live = await stripe.subscriptions.list({ customer: customer.id });
    expect(live.data.map((s) => s.id)).toEqual([current.id]);

    const e = await rejection(stripe.subscriptions.retrieve('sub_nope'));
    expect(e).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(e.statusCode).toBe(404);
  });

  it('injects failures: a declined card, a 500 the SDK retries, a 500 it must not retry', async () => {
    fake.failNext('/v1/customers', 402);
    expect(await rejection(stripe.customers.create({}))).toBeInstanceOf(Stripe.errors.StripeCardError);

    fake.requests.length = 0;
    fake.failNext('POST /v1/customers', 500);
    await expect(stripe.customers.create({})).resolves.toMatchObject({ object: 'customer' });
    expect(fake.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(fake.requests[0]?.headers['idempotency-key']).toBe(fake.requests[1]?.headers['idempotency-key']);

    fake.requests.length = 0;
    fake.failNext('/v1/customers', 500, { shouldRetry: false, message: 'boom' });
    const e = await rejection(stripe.customers.create({}));
    expect(e).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(e.message).toBe('boom');
    expect(fake.requests).toHaveLength(1);
  });

  it('replays an idempotent request and refuses a key reused with other parameters', async () => {
    const a = await stripe.customers.create({ email: 'x@acme.example' }, { idempotencyKey: 'customer-org-1' });
    const b = await stripe.customers.create({ email: 'x@acme.example' }, { idempotencyKey: 'customer-org-1' });
    expect(b.id).toBe(a.id);
    const e = await rejection(stripe.customers.create({ email: 'y@acme.example' }, { idempotencyKey: 'customer-org-1' }));
    expect(e).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
  });
});

describe('fake Stripe webhooks', () => {
  const sub = { id: 'sub_1', object: 'subscription', status: 'active' };

  it('signs events the SDK verifies, the same way the SDK signs', () => {
    const { payload, header, event } = fake.signedEvent('customer.subscription.updated', sub);
    const verified = stripe.webhooks.constructEvent(payload, header, WHSEC);
    expect(verified).toMatchObject({ id: event.id, object: 'event', type: 'customer.subscription.updated', api_version: Stripe.API_VERSION, livemode: false, data: { object: sub } });
    const t = Number(/t=(\d+)/.exec(header)?.[1]);
    expect(header).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret: WHSEC, timestamp: t }));
  });

  it('fails verification for a tampered payload, a stale timestamp or another secret', () => {
    const { payload, header } = fake.signedEvent('customer.subscription.deleted', sub);
    const verify = (p: string, h: string, secret = WHSEC) => () => stripe.webhooks.constructEvent(p, h, secret);
    expect(verify(payload.replace('"active"', '"canceled"'), header)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    expect(verify(payload, header, 'whsec_other')).toThrow(Stripe.errors.StripeSignatureVerificationError);
    // Re-serializing the parsed body is not the raw body: the payload is pretty-printed like Stripe's.
    expect(verify(JSON.stringify(JSON.parse(payload)), header)).toThrow(Stripe.errors.StripeSignatureVerificationError);

    const stale = fake.signedEvent('customer.subscription.deleted', sub, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(verify(stale.payload, stale.header)).toThrow(/tolerance/);
    const recent = fake.signedEvent('customer.subscription.deleted', sub, { timestamp: Math.floor(Date.now() / 1000) - 240 });
    expect(verify(recent.payload, recent.header)).not.toThrow();
    expect(signPayload('{}', WHSEC, 1)).toBe(stripe.webhooks.generateTestHeaderString({ payload: '{}', secret: WHSEC, timestamp: 1 }));
  });

  it('delivers events to the webhook URL and reports the status', async () => {
    expect(await fake.deliver('customer.subscription.deleted', sub)).toBe(200);
    expect(received).toEqual([{ type: 'customer.subscription.deleted', verified: true, object: sub }]);
    const stale = await fake.deliver('customer.subscription.deleted', sub, { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale).toBe(400);
    expect(fake.deliveries.slice(-2).map((d) => d.status)).toEqual([200, 400]);
    fake.setWebhookUrl('http://127.0.0.1:9/unreachable');
    expect(await fake.deliver('customer.subscription.deleted', sub)).toBe(0);
    fake.setWebhookUrl(hookUrl);
  });
});
