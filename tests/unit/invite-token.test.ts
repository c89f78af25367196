import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const { hashInviteToken, inviteTokenMatches, newInviteToken } = await import('@/lib/orgs/service');

describe('invite tokens', () => {
  it('are 32 random bytes, stored only as a SHA-256 hex hash', () => {
    const { token, hash } = newInviteToken();
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).toBe(hashInviteToken(token));
    expect(newInviteToken().token).not.toBe(token);
  });

  it('match only the right token, compared in constant time', () => {
    const { token, hash } = newInviteToken();
    const spy = vi.mocked(crypto.timingSafeEqual);
    spy.mockClear();
    expect(inviteTokenMatches(token, hash)).toBe(true);
    expect(inviteTokenMatches(`${token}x`, hash)).toBe(false);
    expect(inviteTokenMatches(newInviteToken().token, hash)).toBe(false);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('never match a malformed stored hash', () => {
    expect(inviteTokenMatches('anything', 'not-a-hash')).toBe(false);
    expect(inviteTokenMatches('anything', '')).toBe(false);
  });
});
