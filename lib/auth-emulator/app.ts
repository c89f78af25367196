/**
 * The process-wide emulator behind app/auth/v1: built from lib/env, storing in the configured
 * database as the service, mailing through lib/email (Resend when configured, else the local
 * outbox), rate limiting every endpoint that takes credentials or sends email, per client IP
 * and per email address (fail-closed), and answering with the security headers (on
 * /auth/v1 the proxy only checks the path's encoding).
 */
import 'server-only';
import { createHash, createHmac } from 'node:crypto';
import { env } from '@/lib/env';
import { asService } from '@/lib/db/service';
import { sendEmail } from '@/lib/email';
import { clientIpFrom, signedAddressHeaders, verifiedForwardedAddress } from '@/lib/security/client-ip';
import { getRateLimiter } from '@/lib/ratelimit';
import type { RateLimitRule } from '@/lib/ratelimit/types';
import { securityHeaders } from '@/lib/security/csp';
import { EMBEDDED_PUBLISHABLE_KEY } from '@/lib/supabase/config';
import { createAuthEmulator, defaultConfig, signingKey } from './index';
import { AuthError, clientIp, errorResponse, rememberClientIp } from './http';

const KEY = Symbol.for('sopwright.auth-emulator');
type Holder = { [KEY]?: ReturnType<typeof createAuthEmulator> };

function emulator() {
  const holder = globalThis as Holder;
  holder[KEY] ??= createAuthEmulator({
    asService,
    config: defaultConfig(env().appUrl, EMBEDDED_PUBLISHABLE_KEY),
    mailer: {
      send: async (msg) => {
        // GoTrue answers 500 when its mailer fails; the user must not wait for a link that never comes.
        if (!(await sendEmail(msg))) throw new Error(`the ${msg.kind} email could not be sent`);
      },
    },
  });
  return holder[KEY];
}

/**
 * The key of signed address forwarding (lib/security/client-ip.ts), derived from the emulator's
 * secret key in embedded.auth_keys. Not a per-process random: several instances can serve
 * one database behind a load balancer, and the app server's call to its own origin may land
 * on another instance. Every instance of one database holds the same row; no API role can
 * read schema `embedded`, and the secret never leaves the server.
 */
async function forwardingKey(): Promise<Buffer> {
  const { secretKey } = await signingKey(asService);
  return createHmac('sha256', secretKey).update('sopwright client-address forwarding v1').digest();
}

/** Headers for the app server's own calls to the embedded auth: whose request this is, signed. */
export async function clientAddressHeaders(address: string): Promise<Record<string, string>> {
  return signedAddressHeaders(await forwardingKey(), address);
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

async function answer(request: Request): Promise<Response> {
  if (env().auth.mode !== 'emulator') {
    return new Response(JSON.stringify({ code: 'not_found', message: 'Not found' }), { status: 404, headers: { 'Content-Type': 'application/json' } });
  }
  const path = new URL(request.url).pathname.replace(/^.*?\/auth\/v1/, '');
  // The app server speaking for a user (signed), else this request's own client address.
  rememberClientIp(request, verifiedForwardedAddress(request.headers, await forwardingKey()) ?? clientIpFrom(request.headers, '127.0.0.1'));
  return (await limited(request, path)) ?? (await emulator().handle(request));
}

export async function handleAuthRequest(request: Request): Promise<Response> {
  const response = await answer(request);
  for (const [k, v] of Object.entries(securityHeaders({ production: env().isProduction }))) response.headers.set(k, v);
  // Only the public JWKS says otherwise (cacheable, as Supabase serves it).
  response.headers.set('Cache-Control', response.headers.get('Cache-Control') ?? 'no-store');
  return response;
}

/** The embedded auth's admin key (GoTrue accepts its secret key as an admin Bearer): for lib/supabase/admin.ts only. */
export async function emulatorAdminKey(): Promise<string> {
  return (await signingKey(asService)).secretKey;
}
