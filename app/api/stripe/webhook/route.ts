/**
 * POST /api/stripe/webhook — Stripe events. The raw body is verified with the endpoint secret
 * (stripe.webhooks.constructEvent, default 300 s tolerance): an invalid or stale signature is a
 * 400 and nothing is written. Handled events sync the organization from Stripe; others are
 * acknowledged (200). An unexpected failure is a 500 so that Stripe retries.
 */
import { NextResponse } from 'next/server';
import { handleStripeEvent } from '@/lib/billing/sync';
import { stripeClient } from '@/lib/billing/stripe-client';
import { env } from '@/lib/env';
import { errorBody } from '@/lib/http/errors';
import { logError } from '@/lib/log';

export const dynamic = 'force-dynamic';
export const runtime = 'nodejs';

const MAX_BODY = 512 * 1024;

export async function POST(request: Request): Promise<Response> {
  const cfg = env().billing;
  if (cfg.mode !== 'stripe') return NextResponse.json(errorBody('not_found', 'Billing is not configured on this server.'), { status: 404 });
  const signature = request.headers.get('stripe-signature');
  const payload = await request.text();
  if (!signature || payload.length > MAX_BODY) {
    return NextResponse.json(errorBody('bad_request', 'Missing Stripe-Signature header or body too large.'), { status: 400 });
  }
  let event;
  try {
    event = stripeClient(cfg).webhooks.constructEvent(payload, signature, cfg.webhookSecret);
  } catch {
    return NextResponse.json(errorBody('bad_request', 'The Stripe signature does not verify (wrong secret, altered body or stale timestamp).'), { status: 400 });
  }
  try {
    const outcome = await handleStripeEvent(event);
    return NextResponse.json({ received: true, outcome });
  } catch (err) {
    logError('stripe webhook failed; Stripe will retry', { event: event.id, type: event.type, err });
    return NextResponse.json(errorBody('internal_error', 'Processing failed; retry later.'), { status: 500 });
  }
}
