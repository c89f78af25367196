/**
 * The Upstash limiter through the real @upstash/ratelimit + @upstash/redis SDKs, against a
 * local Upstash REST fake backed by the local redis-server.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failClosed } from '@/lib/ratelimit';
import { upstashRateLimiter } from '@/lib/ratelimit/upstash';
import { redisAvailable, startFakeUpstash, type FakeUpstash } from '../fakes/upstash';

const available = await redisAvailable();
if (!available) console.warn('\n!!! redis-server is not reachable on 127.0.0.1:6379: the Upstash limiter tests are SKIPPED !!!\n');

let fake: FakeUpstash;
beforeAll(async () => {
  if (available) fake = await startFakeUpstash('upstash-test-token');
});
afterAll(async () => {
  await fake?.close();
});

describe.skipIf(!available)('Upstash rate limiter (real SDK, local fake)', () => {
  it('allows the bucket, then refuses with a Retry-After', async () => {
    const limiter = failClosed(upstashRateLimiter({ url: fake.url, token: 'upstash-test-token' }));
    const rule = { name: `t-${randomUUID()}`, limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await limiter.check(rule, 'user-1'));
    expect(results.slice(0, 3).every((r) => r.allowed)).toBe(true);
    expect(results[3]).toMatchObject({ allowed: false, reason: 'limited' });
    expect(results[3]!.allowed === false && results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(fake.commands.some((c) => c === 'EVALSHA' || c === 'EVAL')).toBe(true);
  });

  it('refuses (fail-closed) with a wrong token', async () => {
    const limiter = failClosed(upstashRateLimiter({ url: fake.url, token: 'wrong' }));
    expect(await limiter.check({ name: 'x', limit: 3, windowSeconds: 60 }, 'k')).toMatchObject({ allowed: false, reason: 'unavailable' });
  });

  it('refuses (fail-closed) when Upstash errors', async () => {
    const limiter = failClosed(upstashRateLimiter({ url: fake.url, token: 'upstash-test-token' }));
    fake.failing = true;
    try {
      expect(await limiter.check({ name: `f-${randomUUID()}`, limit: 3, windowSeconds: 60 }, 'k')).toMatchObject({ allowed: false, reason: 'unavailable' });
    } finally {
      fake.failing = false;
    }
  });
});
