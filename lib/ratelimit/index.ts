/**
 * getRateLimiter(): Upstash when configured, otherwise the Postgres token bucket; both
 * wrapped fail-closed — if the store errors or times out, the request is refused (never let
 * through) and the failure is logged without the key.
 */
import 'server-only';
import { env } from '@/lib/env';
import { asService } from '@/lib/db/service';
import { logError } from '@/lib/log';
import { postgresRateLimiter } from './postgres';
import type { RateLimiter } from './types';
import { upstashRateLimiter } from './upstash';

export type { RateLimiter, RateLimitResult, RateLimitRule } from './types';

const STORE_TIMEOUT_MS = 3000;

export function failClosed(inner: RateLimiter, timeoutMs = STORE_TIMEOUT_MS): RateLimiter {
  return {
    async check(rule, key, cost) {
      let timer: NodeJS.Timeout | undefined;
      try {
        return await Promise.race([
          inner.check(rule, key, cost),
          new Promise<never>((_, reject) => {
            timer = setTimeout(() => reject(new Error('rate limit store timed out')), timeoutMs);
          }),
        ]);
      } catch (err) {
        logError('rate limiter unavailable; refusing the request', { rule: rule.name, err });
        return { allowed: false, reason: 'unavailable', retryAfterSeconds: 5 };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

let limiter: RateLimiter | undefined;

export function getRateLimiter(): RateLimiter {
  if (!limiter) {
    const cfg = env().rateLimit;
    limiter = failClosed(cfg.mode === 'upstash' ? upstashRateLimiter(cfg) : postgresRateLimiter(asService));
  }
  return limiter;
}
