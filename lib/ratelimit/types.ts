/** The one rate-limiting interface: every caller (auth, API, drafting, exports) uses it. */
export interface RateLimitRule {
  /** Stable name; part of the key. */
  name: string;
  /** Bucket size: this many requests at once, refilled evenly over the window. */
  limit: number;
  windowSeconds: number;
}

export type RateLimitResult =
  | { allowed: true; remaining: number }
  | { allowed: false; retryAfterSeconds: number; reason: 'limited' | 'unavailable' };

export interface RateLimiter {
  check(rule: RateLimitRule, key: string, cost?: number): Promise<RateLimitResult>;
}
