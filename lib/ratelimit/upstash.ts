/** Upstash (hosted): @upstash/ratelimit's token bucket on Upstash Redis, one limiter per rule. */
import { Ratelimit } from '@upstash/ratelimit';
import { Redis } from '@upstash/redis';
import type { RateLimiter, RateLimitRule, RateLimitResult } from './types';

export function upstashRateLimiter(config: { url: string; token: string }): RateLimiter {
  const redis = new Redis({ url: config.url, token: config.token, retry: { retries: 1, backoff: () => 50 } });
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (rule: RateLimitRule) => {
    const id = `${rule.name}:${rule.limit}:${rule.windowSeconds}`;
    let l = limiters.get(id);
    if (!l) {
      const interval = Math.max(1, Math.round(rule.windowSeconds / rule.limit));
      l = new Ratelimit({ redis, limiter: Ratelimit.tokenBucket(1, `${interval} s`, rule.limit), prefix: `sopwright:rl:${rule.name}`, analytics: false });
      limiters.set(id, l);
    }
    return l;
  };
  return {
    async check(rule, key, cost = 1): Promise<RateLimitResult> {
      const r = await limiterFor(rule).limit(key, { rate: cost });
      if (r.success) return { allowed: true, remaining: r.remaining };
      return { allowed: false, reason: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((r.reset - Date.now()) / 1000)) };
    },
  };
}
