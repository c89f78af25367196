/**
 * Rate limits for the auth forms: per client IP (of this request) and per email address,
 * fail-closed (a limiter that cannot answer refuses). Returns the message to show, or null to
 * go ahead.
 */
import 'server-only';
import { createHash } from 'node:crypto';
import { headers } from 'next/headers';
import { getRateLimiter } from '@/lib/ratelimit';
import type { RateLimitRule } from '@/lib/ratelimit/types';
import { clientIpFrom } from '@/lib/security/client-ip';

export type AuthAttempt = 'signin' | 'signup' | 'mfa' | 'recovery' | 'email' | 'reauth';

const PER_IP: RateLimitRule = { name: 'auth-ip', limit: 30, windowSeconds: 60 };
const PER_EMAIL: Record<AuthAttempt, RateLimitRule> = {
  signin: { name: 'auth-signin-email', limit: 10, windowSeconds: 300 },
  signup: { name: 'auth-signup-email', limit: 5, windowSeconds: 3600 },
  mfa: { name: 'auth-mfa-user', limit: 10, windowSeconds: 300 },
  // A recovery code turns two-factor authentication off: fewer tries than a TOTP code.
  recovery: { name: 'auth-recovery-user', limit: 5, windowSeconds: 900 },
  email: { name: 'auth-email-send', limit: 5, windowSeconds: 3600 },
  reauth: { name: 'auth-reauth-user', limit: 10, windowSeconds: 300 },
};

const hash = (v: string) => createHash('sha256').update(v.trim().toLowerCase()).digest('hex').slice(0, 32);

export async function limitAuthAttempt(kind: AuthAttempt, email: string): Promise<string | null> {
  const limiter = getRateLimiter();
  const ip = clientIpFrom(await headers());
  for (const [rule, key] of [
    [PER_IP, hash(ip)],
    [PER_EMAIL[kind], hash(email)],
  ] as const) {
    const r = await limiter.check(rule, key);
    if (!r.allowed) {
      return r.reason === 'unavailable'
        ? 'Sign-in is temporarily unavailable. Please try again in a few seconds.'
        : `Too many attempts. Try again in ${Math.max(1, Math.ceil(r.retryAfterSeconds / 60))} minute${r.retryAfterSeconds > 60 ? 's' : ''}.`;
    }
  }
  return null;
}
