/**
 * A local Stripe API for tests: the real `stripe` SDK is pointed at it through its host, port
 * and protocol options (stripeClient with apiBaseUrl = fake.url). It checks what Stripe checks
 * for our calls — the Bearer secret key, form-encoded bodies, the required params of Checkout
 * and billing-portal sessions, known customers (and prices, when given), an idempotency key
 * reused with other params — and answers with Stripe-shaped objects, lists and errors
 * (`{ error: { type, message, code?, param? } }`). It also serves the hosted pages a browser
 * visits: /checkout/:id, whose Pay button creates the subscription, completes the session,
 * delivers signed `customer.subscription.created` and `checkout.session.completed` webhooks and
 * then 303s to success_url; and /portal/:id (back link, and a button that cancels at period
 * end). Test controls create, change and cancel subscriptions, sign and deliver events, and
 * inject API failures. Every request is recorded.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import Stripe from 'stripe';

type Obj = Record<string, unknown>;
type Metadata = Record<string, string>;

export type SubscriptionStatus = 'active' | 'trialing' | 'past_due' | 'unpaid' | 'canceled' | 'incomplete' | 'incomplete_expired' | 'paused';

export interface FakePrice {
  id: string;
  object: 'price';
  active: true;
  currency: 'usd';
  type: 'recurring';
  recurring: { interval: 'month'; interval_count: 1 };
  product: string;
  metadata: Metadata;
}

export interface FakeSubscriptionItem {
  id: string;
  object: 'subscription_item';
  created: number;
  /** Where the period lives since API version 2025-03-31.basil (the SDK's types have it only here). */
  current_period_start: number;
  current_period_end: number;
  metadata: Metadata;
  price: FakePrice;
  quantity: number;
  subscription: string;
}

export interface FakeSubscription {
  id: string;
  object: 'subscription';
  customer: string;
  status: SubscriptionStatus;
  items: { object: 'list'; data: FakeSubscriptionItem[]; has_more: false; total_count: number; url: string };
  cancel_at_period_end: boolean;
  cancel_at: number | null;
  canceled_at: number | null;
  ended_at: number | null;
  created: number;
  start_date: number;
  billing_cycle_anchor: number;
  collection_method: 'charge_automatically';
  currency: 'usd';
  latest_invoice: null;
  livemode: false;
  metadata: Metadata;
  trial_start: number | null;
  trial_end: number | null;
  /** Top-level copies as API versions before 2025-03-31.basil sent them (option periodAtTopLevel). */
  current_period_start?: number;
  current_period_end?: number;
}

export interface FakeCustomer {
  id: string;
  object: 'customer';
  created: number;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Metadata;
  livemode: false;
}

export interface FakeCheckoutSession {
  id: string;
  object: 'checkout.session';
  mode: 'subscription';
  status: 'open' | 'complete' | 'expired';
  payment_status: 'unpaid' | 'paid';
  /** The hosted page (on the fake); null once the session is complete, as Stripe does. */
  url: string | null;
  success_url: string;
  cancel_url: string;
  customer: string | null;
  customer_email: string | null;
  customer_details: { email: string | null; name: string | null } | null;
  client_reference_id: string | null;
  metadata: Metadata;
  subscription: string | null;
  created: number;
  expires_at: number;
  currency: 'usd';
  livemode: false;
}

export interface FakePortalSession {
  id: string;
  object: 'billing_portal.session';
  configuration: string;
  created: number;
  customer: string;
  customer_account: null;
  flow: null;
  livemode: false;
  locale: null;
  on_behalf_of: null;
  return_url: string;
  url: string;
}

export interface FakeStripeRequest {
  method: string;
  /** Path with its query string, as received. */
  path: string;
  pathname: string;
  /** The parsed query string (GET params), nested like the body. */
  query: Obj;
  headers: IncomingHttpHeaders;
  raw: string;
  /** The parsed form body: `line_items[0][price]=p` → { line_items: [{ price: 'p' }] }. */
  body: Obj;
  /** HTTP status answered. */
  status: number;
}

export interface FakeStripeDelivery {
  type: string;
  eventId: string;
  /** The webhook endpoint's HTTP status; 0 when it could not be reached. */
  status: number;
  payload: string;
  header: string;
}

export interface SubscriptionInit {
  customer: string;
  price: string;
  status?: SubscriptionStatus;
  metadata?: Metadata;
  quantity?: number;
  current_period_end?: number;
  cancel_at_period_end?: boolean;
}

export interface SubscriptionPatch {
  status?: SubscriptionStatus;
  /** Replaces the first item's price. */
  price?: string;
  /** Merged into the metadata, as Stripe does ('' removes a key). */
  metadata?: Metadata;
  cancel_at_period_end?: boolean;
  current_period_start?: number;
  current_period_end?: number;
}

export interface FailureOptions {
  type?: string;
  message?: string;
  code?: string;
  /** How many matching requests fail (default 1; the SDK retries 5xx and 409 up to maxNetworkRetries times). */
  times?: number;
  /** Sends `Stripe-Should-Retry: true|false`, which the SDK obeys over the status. */
  shouldRetry?: boolean;
}

export interface FakeStripeOptions {
  secretKey: string;
  webhookSecret: string;
  /** Where events are delivered (also settable later with setWebhookUrl). */
  webhookUrl?: string;
  /** The price ids the account has; any other is a 400 resource_missing (default: any id). */
  prices?: string[];
  /** Also put current_period_start/end at the subscription's top level, as pre-2025-03-31 API versions did (default true). */
  periodAtTopLevel?: boolean;
  /** Listen on this port (default: any free port). */
  port?: number;
}

export interface FakeStripe {
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  requests: FakeStripeRequest[];
  customers: Map<string, FakeCustomer>;
  subscriptions: Map<string, FakeSubscription>;
  checkoutSessions: Map<string, FakeCheckoutSession>;
  portalSessions: Map<string, FakePortalSession>;
  deliveries: FakeStripeDelivery[];
  setWebhookUrl(url: string | undefined): void;
  createSubscription(init: SubscriptionInit): FakeSubscription;
  updateSubscription(id: string, patch: SubscriptionPatch): FakeSubscription;
  /** Cancels now (status canceled, ended_at set), like DELETE /v1/subscriptions/:id. */
  deleteSubscription(id: string): FakeSubscription;
  /** What the Pay button does, without a browser: returns the session, the subscription and the webhook statuses. */
  completeCheckout(sessionId: string): Promise<{ session: FakeCheckoutSession; subscription: FakeSubscription; statuses: number[] }>;
  /** A Stripe event for `object` and its Stripe-Signature header (`timestamp` in Unix seconds, e.g. a stale one). */
  signedEvent(type: string, object: object, opts?: { timestamp?: number; previousAttributes?: Obj }): { event: Obj; payload: string; header: string };
  /** POSTs a signed event to the webhook URL; resolves to the HTTP status (0 when unreachable). */
  deliver(type: string, object: object, opts?: { timestamp?: number; previousAttributes?: Obj }): Promise<number>;
  /** Fail the next request to `path` ('/v1/checkout/sessions', or 'POST /v1/checkout/sessions') with a Stripe-shaped error. */
  failNext(path: string, status: number, opts?: FailureOptions): void;
  close(): Promise<void>;
}

/** A Stripe API error answer. */
class Fail extends Error {
  constructor(
    readonly status: number,
    readonly error: { type: string; message: string; code?: string; param?: string },
  ) {
    super(error.message);
  }
}

const missing = (param: string) => new Fail(400, { type: 'invalid_request_error', code: 'parameter_missing', param, message: `Missing required param: ${param}.` });
const invalid = (param: string, message: string) => new Fail(400, { type: 'invalid_request_error', code: 'parameter_invalid', param, message });
const noSuch = (kind: string, id: string, param: string, status = 400) =>
  new Fail(status, { type: 'invalid_request_error', code: 'resource_missing', param, message: `No such ${kind}: '${id}'` });

const DEFAULT_FAILURE: Record<number, { type: string; code?: string; message: string }> = {
  400: { type: 'invalid_request_error', message: 'Invalid request (injected by the fake).' },
  401: { type: 'invalid_request_error', message: 'Invalid API Key provided.' },
  402: { type: 'card_error', code: 'card_declined', message: 'Your card was declined.' },
  403: { type: 'invalid_request_error', message: 'The provided key does not have the required permissions for this endpoint.' },
  404: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such resource.' },
  409: { type: 'invalid_request_error', code: 'lock_timeout', message: 'This object cannot be accessed right now because another API request or Stripe process is currently accessing it.' },
  429: { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded.' },
};

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

/** Parses Stripe's form encoding (`a[b][0][c]=v`, `expand[]=x`) into nested objects and arrays. */
export function parseStripeForm(raw: string): Obj {
  const out: Obj = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const head = /^[^[\]]+/.exec(key)?.[0];
    if (!head) continue;
    const path = [head, ...Array.from(key.slice(head.length).matchAll(/\[([^\]]*)\]/g), (m) => m[1] ?? '')];
    if (path.some((p) => UNSAFE_KEYS.has(p))) continue;
    let node: Obj | unknown[] = out;
    for (const [i, part] of path.entries()) {
      const seg: string = part === '' && Array.isArray(node) ? String(node.length) : part;
      const slot = node as Obj;
      const next = path[i + 1];
      if (next === undefined) {
        slot[seg] = value;
        continue;
      }
      const existing: unknown = slot[seg];
      if (typeof existing === 'object' && existing !== null) {
        node = existing as Obj | unknown[];
      } else {
        const child: Obj | unknown[] = /^\d*$/.test(next) ? [] : {};
        slot[seg] = child;
        node = child;
      }
    }
  }
  return out;
}

/** The string at a path of a parsed body (undefined when absent or not a string). */
function at(o: unknown, ...path: (string | number)[]): string | undefined {
  let v = o;
  for (const p of path) v = typeof v === 'object' && v !== null ? (v as Obj)[p] : undefined;
  return typeof v === 'string' ? v : undefined;
}

function metadataOf(v: unknown): Metadata {
  const out: Metadata = {};
  if (typeof v === 'object' && v !== null) for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

const id = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);
const DAY = 24 * 60 * 60;
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const isUrl = (s: string) => URL.canParse(s) && /^https?:$/.test(new URL(s).protocol);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1>${body}</main></body></html>`;

/** The `Stripe-Signature` header Stripe sends: `t=<ts>,v1=<hex HMAC-SHA256 of "<ts>.<payload>" keyed with the webhook secret>`. */
export function signPayload(payload: string, secret: string, timestamp: number = now()): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex')}`;
}

export async function startFakeStripe(opts: FakeStripeOptions): Promise<FakeStripe> {
  const requests: FakeStripeRequest[] = [];
  const customers = new Map<string, FakeCustomer>();
  const subscriptions = new Map<string, FakeSubscription>();
  const checkoutSessions = new Map<string, FakeCheckoutSession>();
  const portalSessions = new Map<string, FakePortalSession>();
  const lineItems = new Map<string, { items: { price: string; quantity: number }[]; subscriptionMetadata: Metadata }>();
  const deliveries: FakeStripeDelivery[] = [];
  const idempotent = new Map<string, { request: string; status: number; body: unknown }>();
  const failures: { method?: string; path: string; status: number; error: Fail['error']; shouldRetry?: boolean; remaining: number }[] = [];
  const prices = opts.prices ? new Set(opts.prices) : undefined;
  let webhookUrl = opts.webhookUrl;
  let baseUrl = '';

  const priceOf = (priceId: string): FakePrice => ({
    id: priceId,
    object: 'price',
    active: true,
    currency: 'usd',
    type: 'recurring',
    recurring: { interval: 'month', interval_count: 1 },
    product: `prod_${priceId.replace(/^price_/, '')}`,
    metadata: {},
  });

  function setPeriod(sub: FakeSubscription, start: number, end: number) {
    for (const item of sub.items.data) Object.assign(item, { current_period_start: start, current_period_end: end });
    if (opts.periodAtTopLevel !== false) Object.assign(sub, { current_period_start: start, current_period_end: end });
    if (sub.cancel_at_period_end) sub.cancel_at = end;
  }

  function makeSubscription(init: { customer: string; items: { price: string; quantity: number }[]; status: SubscriptionStatus; metadata: Metadata }): FakeSubscription {
    const t = now();
    const subId = id('sub');
    const sub: FakeSubscription = {
      id: subId,
      object: 'subscription',
      customer: init.customer,
      status: init.status,
      items: {
        object: 'list',
        data: init.items.map((i) => ({ id: id('si'), object: 'subscription_item', created: t, current_period_start: t, current_period_end: t + 30 * DAY, metadata: {}, price: priceOf(i.price), quantity: i.quantity, subscription: subId })),
        has_more: false,
        total_count: init.items.length,
        url: `/v1/subscription_items?subscription=${subId}`,
      },
      cancel_at_period_end: false,
      cancel_at: null,
      canceled_at: null,
      ended_at: null,
      created: t,
      start_date: t,
      billing_cycle_anchor: t,
      collection_method: 'charge_automatically',
      currency: 'usd',
      latest_invoice: null,
      livemode: false,
      metadata: init.metadata,
      trial_start: null,
      trial_end: null,
    };
    setPeriod(sub, t, t + 30 * DAY);
    if (init.status === 'canceled') Object.assign(sub, { canceled_at: t, ended_at: t });
    subscriptions.set(sub.id, sub);
    return sub;
  }

  function subscriptionOrThrow(subId: string): FakeSubscription {
    const sub = subscriptions.get(subId);
    if (!sub) throw new Error(`fake Stripe: no subscription ${subId}`);
    return sub;
  }

  function updateSubscription(subId: string, patch: SubscriptionPatch): FakeSubscription {
    const sub = subscriptionOrThrow(subId);
    const first = sub.items.data[0];
    if (patch.price !== undefined && first) first.price = priceOf(patch.price);
    if (patch.metadata) {
      for (const [k, v] of Object.entries(patch.metadata)) {
        if (v === '') delete sub.metadata[k];
        else sub.metadata[k] = v;
      }
    }
    if (patch.cancel_at_period_end !== undefined) {
      sub.cancel_at_period_end = patch.cancel_at_period_end;
      sub.cancel_at = patch.cancel_at_period_end ? (first?.current_period_end ?? null) : null;
      sub.canceled_at = patch.cancel_at_period_end ? now() : null;
    }
    if (patch.current_period_start !== undefined || patch.current_period_end !== undefined) {
      setPeriod(sub, patch.current_period_start ?? first?.current_period_start ?? now(), patch.current_period_end ?? first?.current_period_end ?? now() + 30 * DAY);
    }
    if (patch.status !== undefined && patch.status !== sub.status) {
      sub.status = patch.status;
      if (patch.status === 'canceled') Object.assign(sub, { canceled_at: sub.canceled_at ?? now(), ended_at: now(), cancel_at_period_end: false });
    }
    return sub;
  }

  function createCustomer(body: Obj): FakeCustomer {
    const email = at(body, 'email') || null;
    if (email !== null && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw invalid('email', `Invalid email address: ${email}`);
    const customer: FakeCustomer = { id: id('cus'), object: 'customer', created: now(), email, name: at(body, 'name') || null, description: at(body, 'description') || null, metadata: metadataOf(body.metadata), livemode: false };
    customers.set(customer.id, customer);
    return customer;
  }

  function createCheckoutSession(body: Obj): FakeCheckoutSession {
    const mode = at(body, 'mode');
    if (!mode) throw missing('mode');
    if (mode !== 'subscription') throw invalid('mode', `The fake Stripe only implements mode=subscription (got '${mode}').`);
    if (!Array.isArray(body.line_items) || body.line_items.length === 0) throw missing('line_items');
    const items = body.line_items.map((_, i) => {
      const price = at(body, 'line_items', i, 'price');
      if (!price) throw missing(`line_items[${i}][price]`);
      if (prices && !prices.has(price)) throw noSuch('price', price, `line_items[${i}][price]`);
      const quantity = at(body, 'line_items', i, 'quantity');
      if (quantity === undefined) throw missing(`line_items[${i}][quantity]`);
      if (!/^[1-9]\d*$/.test(quantity)) throw invalid(`line_items[${i}][quantity]`, 'Invalid integer: quantity must be a positive integer.');
      return { price, quantity: Number(quantity) };
    });
    for (const param of ['success_url', 'cancel_url']) {
      const url = at(body, param);
      if (!url) throw missing(param);
      if (!isUrl(url)) throw invalid(param, 'Not a valid URL');
    }
    const customer = at(body, 'customer');
    const customerEmail = at(body, 'customer_email');
    if (customer && customerEmail) throw invalid('customer_email', 'You may only specify one of these parameters: customer, customer_email.');
    if (!customer && !customerEmail) throw missing('customer');
    if (customer && !customers.has(customer)) throw noSuch('customer', customer, 'customer');
    const sessionId = id('cs_test');
    const session: FakeCheckoutSession = {
      id: sessionId,
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      payment_status: 'unpaid',
      url: `${baseUrl}/checkout/${sessionId}`,
      success_url: at(body, 'success_url') ?? '',
      cancel_url: at(body, 'cancel_url') ?? '',
      customer: customer ?? null,
      customer_email: customerEmail ?? null,
      customer_details: null,
      client_reference_id: at(body, 'client_reference_id') ?? null,
      metadata: metadataOf(body.metadata),
      subscription: null,
      created: now(),
      expires_at: now() + DAY,
      currency: 'usd',
      livemode: false,
    };
    checkoutSessions.set(sessionId, session);
    lineItems.set(sessionId, { items, subscriptionMetadata: metadataOf((body.subscription_data as Obj | undefined)?.metadata) });
    return session;
  }

  function createPortalSession(body: Obj): FakePortalSession {
    const customer = at(body, 'customer');
    if (!customer) throw missing('customer');
    if (!customers.has(customer)) throw noSuch('customer', customer, 'customer');
    const returnUrl = at(body, 'return_url');
    if (!returnUrl) throw missing('return_url');
    if (!isUrl(returnUrl)) throw invalid('return_url', 'Not a valid URL');
    const portalId = id('bps');
    const session: FakePortalSession = {
      id: portalId,
      object: 'billing_portal.session',
      configuration: 'bpc_fake_default',
      created: now(),
      customer,
      customer_account: null,
      flow: null,
      livemode: false,
      locale: null,
      on_behalf_of: null,
      return_url: returnUrl,
      url: `${baseUrl}/portal/${portalId}`,
    };
    portalSessions.set(portalId, session);
    return session;
  }

  function listSubscriptions(query: Obj) {
    const status = at(query, 'status');
    const limit = Math.min(Math.max(Number(at(query, 'limit') ?? 10) || 10, 1), 100);
    const matches = [...subscriptions.values()].reverse().filter((s) => {
      if (at(query, 'customer') && s.customer !== at(query, 'customer')) return false;
      if (at(query, 'price') && !s.items.data.some((i) => i.price.id === at(query, 'price'))) return false;
      if (status === 'all') return true;
      if (status === 'ended') return s.status === 'canceled' || s.status === 'incomplete_expired';
      return status ? s.status === status : s.status !== 'canceled'; // Stripe's default leaves canceled out
    });
    return { object: 'list', data: matches.slice(0, limit), has_more: matches.length > limit, url: '/v1/subscriptions' };
  }

  function retrieveCheckoutSession(sessionId: string, query: Obj) {
    const session = checkoutSessions.get(sessionId);
    if (!session) throw noSuch('checkout.session', sessionId, 'session', 404);
    const expand = Array.isArray(query.expand) ? query.expand : [];
    return {
      ...session,
      ...(expand.includes('subscription') && session.subscription && { subscription: subscriptions.get(session.subscription) ?? session.subscription }),
      ...(expand.includes('customer') && session.customer && { customer: customers.get(session.customer) ?? session.customer }),
    };
  }

  /** The /v1 API: an answer, or a thrown Fail. */
  function api(method: string, pathname: string, body: Obj, query: Obj): unknown {
    let m: RegExpExecArray | null;
    if (method === 'POST' && pathname === '/v1/customers') return createCustomer(body);
    if (method === 'GET' && (m = /^\/v1\/customers\/([^/]+)$/.exec(pathname))) return customers.get(m[1]!) ?? fail(noSuch('customer', m[1]!, 'id', 404));
    if (method === 'POST' && pathname === '/v1/checkout/sessions') return createCheckoutSession(body);
    if (method === 'GET' && (m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(pathname))) return retrieveCheckoutSession(m[1]!, query);
    if (method === 'POST' && pathname === '/v1/billing_portal/sessions') return createPortalSession(body);
    if (method === 'GET' && pathname === '/v1/subscriptions') return listSubscriptions(query);
    if (method === 'GET' && (m = /^\/v1\/subscriptions\/([^/]+)$/.exec(pathname))) return subscriptions.get(m[1]!) ?? fail(noSuch('subscription', m[1]!, 'id', 404));
    throw new Fail(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.` });
  }

  function fail(f: Fail): never {
    throw f;
  }

  function signedEvent(type: string, object: object, o: { timestamp?: number; previousAttributes?: Obj } = {}) {
    const created = o.timestamp ?? now();
    const event: Obj = {
      id: id('evt'),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created,
      data: { object, ...(o.previousAttributes && { previous_attributes: o.previousAttributes }) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    // Pretty-printed, like Stripe's: a handler must verify the raw body, not a re-serialization.
    const payload = JSON.stringify(event, null, 2);
    return { event, payload, header: signPayload(payload, opts.webhookSecret, created) };
  }

  async function deliver(type: string, object: object, o: { timestamp?: number; previousAttributes?: Obj } = {}): Promise<number> {
    if (!webhookUrl) throw new Error('fake Stripe: no webhook URL (pass webhookUrl or call setWebhookUrl)');
    const { event, payload, header } = signedEvent(type, object, o);
    let status = 0;
    try {
      const res = await fetch(webhookUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Stripe-Signature': header, 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(30_000),
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 0;
    }
    deliveries.push({ type, eventId: String(event.id), status, payload, header });
    return status;
  }

  async function completeCheckout(sessionId: string) {
    const session = checkoutSessions.get(sessionId);
    const details = lineItems.get(sessionId);
    if (!session || !details) throw new Error(`fake Stripe: no checkout session ${sessionId}`);
    if (session.status !== 'open') throw new Error(`fake Stripe: checkout session ${sessionId} is ${session.status}`);
    // In subscription mode Stripe always ends up with a customer: the given one, or a new one for the email.
    const customer = (session.customer && customers.get(session.customer)) || createCustomer({ email: session.customer_email ?? undefined });
    const subscription = makeSubscription({ customer: customer.id, items: details.items, status: 'active', metadata: { ...details.subscriptionMetadata } });
    Object.assign(session, {
      status: 'complete',
      payment_status: 'paid',
      url: null,
      customer: subscription.customer,
      subscription: subscription.id,
      customer_details: { email: customer.email ?? session.customer_email, name: customer.name },
    });
    const statuses: number[] = [];
    if (webhookUrl) {
      statuses.push(await deliver('customer.subscription.created', subscription));
      statuses.push(await deliver('checkout.session.completed', session));
    }
    return { session, subscription, statuses };
  }

  /** The hosted pages a browser visits (no API key, as on checkout.stripe.com). */
  async function hosted(method: string, pathname: string): Promise<{ status: number; html?: string; location?: string } | null> {
    let m: RegExpExecArray | null;
    if ((m = /^\/checkout\/([^/]+)(\/pay)?$/.exec(pathname))) {
      const session = checkoutSessions.get(m[1]!);
      if (!session) return { status: 404, html: page('Not found', '<p>No such Checkout Session.</p>') };
      if (session.status !== 'open') return { status: method === 'GET' ? 200 : 400, html: page('Checkout', '<p>This Checkout Session is no longer active.</p>') };
      if (method === 'POST' && m[2]) {
        await completeCheckout(session.id);
        return { status: 303, location: session.success_url.replaceAll('{CHECKOUT_SESSION_ID}', session.id) };
      }
      if (method !== 'GET' || m[2]) return null;
      const items = (lineItems.get(session.id)?.items ?? []).map((i) => `<li>${esc(i.price)} × ${i.quantity}</li>`).join('');
      return {
        status: 200,
        html: page('Checkout', `<p>Subscribe (test mode)${session.customer_email ? ` as ${esc(session.customer_email)}` : ''}</p><ul>${items}</ul>
<form method="post" action="/checkout/${esc(session.id)}/pay"><button type="submit">Pay</button></form>
<p><a href="${esc(session.cancel_url)}">Cancel</a></p>`),
      };
    }
    if ((m = /^\/portal\/([^/]+)(\/cancel)?$/.exec(pathname))) {
      const session = portalSessions.get(m[1]!);
      if (!session) return { status: 404, html: page('Not found', '<p>No such billing portal session.</p>') };
      if (method === 'POST' && m[2]) {
        for (const sub of subscriptions.values()) {
          if (sub.customer !== session.customer || sub.status === 'canceled' || sub.cancel_at_period_end) continue;
          updateSubscription(sub.id, { cancel_at_period_end: true });
          if (webhookUrl) await deliver('customer.subscription.updated', sub, { previousAttributes: { cancel_at_period_end: false, cancel_at: null, canceled_at: null } });
        }
        return { status: 303, location: session.return_url };
      }
      if (method !== 'GET' || m[2]) return null;
      const subs = [...subscriptions.values()].filter((s) => s.customer === session.customer && s.status !== 'canceled');
      const list = subs.map((s) => `<li>${esc(s.items.data[0]?.price.id ?? '')}: ${esc(s.status)}${s.cancel_at_period_end ? ' (cancels at period end)' : ''}</li>`).join('');
      return {
        status: 200,
        html: page('Billing portal', `<ul>${list}</ul>
<form method="post" action="/portal/${esc(session.id)}/cancel"><button type="submit">Cancel subscription</button></form>
<p><a href="${esc(session.return_url)}">Return to the app</a></p>`),
      };
    }
    return null;
  }

  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const path = req.url ?? '/';
      const [pathname = '/', search = ''] = path.split('?', 2);
      const method = req.method ?? 'GET';
      const rec: FakeStripeRequest = { method, path, pathname, query: parseStripeForm(search), headers: req.headers, raw, body: parseStripeForm(raw), status: 0 };
      requests.push(rec);
      const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
        rec.status = status;
        const version = req.headers['stripe-version'];
        res.writeHead(status, { 'Content-Type': 'application/json', 'Request-Id': id('req'), 'Stripe-Version': typeof version === 'string' ? version : Stripe.API_VERSION, ...headers });
        res.end(JSON.stringify(body, null, 2));
      };
      const error = (f: Fail, headers: Record<string, string> = {}) => json(f.status, { error: { ...f.error, request_log_url: `${baseUrl}/logs` } }, headers);

      void (async () => {
        if (!pathname.startsWith('/v1/')) {
          const answer = await hosted(method, pathname);
          if (!answer) return error(new Fail(404, { type: 'invalid_request_error', message: `Unrecognized request URL (${method}: ${pathname}).` }));
          rec.status = answer.status;
          if (answer.location) res.writeHead(answer.status, { Location: answer.location }).end();
          else res.writeHead(answer.status, { 'Content-Type': 'text/html; charset=utf-8' }).end(answer.html);
          return;
        }
        const auth = req.headers.authorization ?? '';
        const key = /^Bearer (.+)$/.exec(auth)?.[1];
        if (!key) {
          return error(new Fail(401, { type: 'invalid_request_error', message: "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY')." }));
        }
        if (key !== opts.secretKey) return error(new Fail(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${key.slice(0, 8)}****${key.slice(-4)}` }));
        if (method === 'POST' && raw && !/^application\/x-www-form-urlencoded\b/.test(req.headers['content-type'] ?? '')) {
          return error(new Fail(400, { type: 'invalid_request_error', message: 'Invalid request: the body must be application/x-www-form-urlencoded.' }));
        }
        const injected = failures.find((f) => f.path === pathname && (!f.method || f.method === method));
        if (injected) {
          if (--injected.remaining <= 0) failures.splice(failures.indexOf(injected), 1);
          return error(new Fail(injected.status, injected.error), injected.shouldRetry === undefined ? {} : { 'Stripe-Should-Retry': String(injected.shouldRetry) });
        }
        const idemKey = method === 'POST' ? req.headers['idempotency-key'] : undefined;
        const request = `${method} ${pathname}\n${raw}`;
        if (typeof idemKey === 'string') {
          const seen = idempotent.get(idemKey);
          if (seen && seen.request !== request) {
            return error(new Fail(400, { type: 'idempotency_error', message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idemKey}' if you meant to execute a different request.` }));
          }
          if (seen) return json(seen.status, seen.body, { 'Idempotent-Replayed': 'true' });
        }
        let status = 200;
        let body: unknown;
        try {
          body = api(method, pathname, rec.body, rec.query);
        } catch (e) {
          if (!(e instanceof Fail)) throw e;
          status = e.status;
          body = { error: { ...e.error, request_log_url: `${baseUrl}/logs` } };
        }
        // Stripe saves the result once the endpoint ran; a request that failed validation can be retried with the key.
        if (typeof idemKey === 'string' && status < 400) idempotent.set(idemKey, { request, status, body: JSON.parse(JSON.stringify(body)) });
        json(status, body);
      })().catch((e: unknown) => {
        if (res.headersSent) return res.destroy();
        error(new Fail(500, { type: 'api_error', message: `fake Stripe error: ${e instanceof Error ? e.message : String(e)}` }));
      });
    });
  });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    requests,
    customers,
    subscriptions,
    checkoutSessions,
    portalSessions,
    deliveries,
    setWebhookUrl: (url) => void (webhookUrl = url),
    createSubscription: (init) => {
      if (prices && !prices.has(init.price)) throw new Error(`fake Stripe: unknown price ${init.price}`);
      const sub = makeSubscription({ customer: init.customer, items: [{ price: init.price, quantity: init.quantity ?? 1 }], status: init.status ?? 'active', metadata: { ...init.metadata } });
      if (init.current_period_end !== undefined) setPeriod(sub, sub.created, init.current_period_end);
      return init.cancel_at_period_end ? updateSubscription(sub.id, { cancel_at_period_end: true }) : sub;
    },
    updateSubscription,
    deleteSubscription: (subId) => updateSubscription(subId, { status: 'canceled' }),
    completeCheckout,
    signedEvent,
    deliver,
    failNext: (path, status, o = {}) => {
      const [method, p] = path.includes(' ') ? path.split(' ', 2) : [undefined, path];
      const d = DEFAULT_FAILURE[status] ?? { type: 'api_error', message: 'An unknown error occurred (injected by the fake).' };
      failures.push({
        method,
        path: p ?? path,
        status,
        error: { type: o.type ?? d.type, message: o.message ?? d.message, ...((o.code ?? d.code) && { code: o.code ?? d.code }) },
        shouldRetry: o.shouldRetry,
        remaining: o.times ?? 1,
      });
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
