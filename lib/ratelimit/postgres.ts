/**
 * Postgres token bucket (embedded default, and hosted without Upstash): one call to
 * private.take_tokens() per check, as the service. Keys are hashed, so no user input of any
 * length becomes a key.
 */
import { createHash } from 'node:crypto';
import type { Scopes } from '@/lib/db/scopes';
import type { RateLimiter, RateLimitRule, RateLimitResult } from './types';

export function bucketKey(rule: RateLimitRule, key: string): string {
  return `${rule.name}:${createHash('sha256').update(key).digest('base64url').slice(0, 32)}`;
}

export function postgresRateLimiter(asService: Scopes['asService'], now?: () => Date): RateLimiter {
  return {
    async check(rule, key, cost = 1): Promise<RateLimitResult> {
      const refill = rule.limit / rule.windowSeconds;
      const [row] = await asService((tx) =>
        tx.query<{ left: number }>('select private.take_tokens($1, $2, $3, $4, coalesce($5::timestamptz, clock_timestamp())) as left', [
          bucketKey(rule, key),
          rule.limit,
          refill,
          cost,
          now ? now().toISOString() : null,
        ]),
      );
      const left = Number(row?.left);
      if (left >= 0) return { allowed: true, remaining: Math.floor(left) };
      return { allowed: false, reason: 'limited', retryAfterSeconds: Math.max(1, Math.ceil(-left)) };
    },
  };
}
