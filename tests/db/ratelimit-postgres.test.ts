import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failClosed } from '@/lib/ratelimit';
import { postgresRateLimiter } from '@/lib/ratelimit/postgres';
import type { RateLimiter } from '@/lib/ratelimit/types';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let clock = new Date('2026-01-01T00:00:00Z');
let limiter: RateLimiter;

beforeAll(async () => {
  t = await createTestDb();
  limiter = postgresRateLimiter(t.asService, () => clock);
});
afterAll(async () => {
  await t?.close();
});

const rule = { name: 'test', limit: 5, windowSeconds: 60 };

describe(`Postgres token bucket (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('allows the limit, then refuses with a Retry-After', async () => {
    const results = [];
    for (let i = 0; i < 7; i++) results.push(await limiter.check(rule, 'user-1'));
    expect(results.slice(0, 5).every((r) => r.allowed)).toBe(true);
    expect(results[5]).toEqual({ allowed: false, reason: 'limited', retryAfterSeconds: 12 });
    expect(results[6]!.allowed).toBe(false);
  });

  it('keeps keys apart', async () => {
    expect((await limiter.check(rule, 'user-2')).allowed).toBe(true);
  });

  it('refills evenly over the window', async () => {
    clock = new Date(clock.getTime() + 12_000);
    expect(await limiter.check(rule, 'user-1')).toEqual({ allowed: true, remaining: 0 });
    expect((await limiter.check(rule, 'user-1')).allowed).toBe(false);
    clock = new Date(clock.getTime() + 60_000);
    expect(await limiter.check(rule, 'user-1')).toEqual({ allowed: true, remaining: 4 });
  });

  it('never allows more than the bucket holds under concurrent checks', async () => {
    const parallel = postgresRateLimiter(t.asService);
    const burst = { name: 'burst', limit: 10, windowSeconds: 3600 };
    const results = await Promise.all(Array.from({ length: 50 }, () => parallel.check(burst, 'same-key')));
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });

  it('refuses (fail-closed) when the store fails', async () => {
    const broken = failClosed({ check: () => Promise.reject(new Error('connection refused')) });
    expect(await broken.check(rule, 'x')).toEqual({ allowed: false, reason: 'unavailable', retryAfterSeconds: 5 });
  });

  it('refuses (fail-closed) when the store hangs', async () => {
    const hanging = failClosed({ check: () => new Promise(() => {}) }, 50);
    expect(await hanging.check(rule, 'x')).toMatchObject({ allowed: false, reason: 'unavailable' });
  });
});
