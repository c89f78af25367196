/**
 * The process-wide emulator behind app/auth/v1: built from lib/env, storing in the configured
 * database as the service, mailing to the local outbox, and rate limiting every endpoint
 * that takes credentials or sends email, per client IP and per email address (fail-closed).
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { env } from '@/lib/env';
import { asService } from '@/lib/db/service';
import { writeToOutbox } from '@/lib/email/outbox';
import { getRateLimiter } from '@/lib/ratelimit';
import type { RateLimitRule } from '@/lib/ratelimit/types';
import { EMBEDDED_PUBLISHABLE_KEY } from '@/lib/supabase/config';
import { createAuthEmulator, defaultConfig } from './index';
import { AuthError, clientIp, errorResponse } from './http';

const KEY = Symbol.for('sopwright.auth-emulator');
type Holder = { [KEY]?: ReturnType<typeof createAuthEmulator> };

function emulator() {
  const holder = globalThis as Holder;
  holder[KEY] ??= createAuthEmulator({
    asService,
    config: defaultConfig(env().appUrl, EMBEDDED_PUBLISHABLE_KEY),
    mailer: { send: (msg) => writeToOutbox(asService, msg) },
  });
  return holder[KEY];
}

const PER_IP: RateLimitRule = { name: 'gotrue-ip', limit: 60, windowSeconds: 60 };
const PER_EMAIL: RateLimitRule = { name: 'gotrue-email', limit: 10, windowSeconds: 300 };
const LIMITED = /^\/(signup|token|verify|resend|recover|otp|reauthenticate|factors\/[^/]+\/verify)$/;

async function limited(request: Request, path: string): Promise<Response | null> {
  if (request.method !== 'POST' || !LIMITED.test(path)) return null;
  // Refreshing a session is not a credential guess; it has its own reuse detection.
  if (path === '/token' && new URL(request.url).searchParams.get('grant_type') === 'refresh_token') return null;
  let email = '';
  try {
    const body = (await request.clone().json()) as { email?: unknown };
    if (typeof body.email === 'string') email = body.email.trim().toLowerCase();
  } catch {
    // bad JSON is the handler's to report
  }
  const hash = (v: string) => createHash('sha256').update(v).digest('hex').slice(0, 32);
  const checks: [RateLimitRule, string][] = [[PER_IP, hash(clientIp(request))]];
  if (email) checks.push([PER_EMAIL, hash(email)]);
  for (const [rule, key] of checks) {
    const r = await getRateLimiter().check(rule, key);
    if (!r.allowed) {
      const message = r.reason === 'unavailable' ? 'Request rate limit reached' : 'Request rate limit reached';
      return errorResponse(new AuthError(429, 'over_request_rate_limit', message, {}, { 'Retry-After': String(r.retryAfterSeconds) }), request);
    }
  }
  return null;
}

export async function handleAuthRequest(request: Request): Promise<Response> {
  if (env().auth.mode !== 'emulator') {
    return new Response(JSON.stringify({ code: 'not_found', message: 'Not found' }), { status: 404, headers: { 'Content-Type': 'application/json' } });
  }
  const path = new URL(request.url).pathname.replace(/^.*?\/auth\/v1/, '');
  const refused = await limited(request, path);
  const response = refused ?? (await emulator().handle(request));
  response.headers.set('Cache-Control', response.headers.get('Cache-Control') ?? 'no-store');
  return response;
}
