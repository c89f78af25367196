/**
 * Which client address a request has: TRUST_PROXY parsing (lib/env.ts) and its application
 * to headers (lib/security/client-ip.ts), and the signed forwarding the app server uses when it
 * calls the embedded auth for a user.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, type TrustProxy } from '@/lib/env';
import {
  clientAddress,
  FORWARDED_ADDRESS_HEADER,
  FORWARDED_SIGNATURE_HEADER,
  normalizeIp,
  signedAddressHeaders,
  SOCKET_ADDRESS_HEADER,
  verifiedForwardedAddress,
} from '@/lib/security/client-ip';

const trust = (value: string | undefined): TrustProxy => parseEnv({ TRUST_PROXY: value }).trustProxy;

describe('TRUST_PROXY', () => {
  it('trusts no proxy when unset or empty', () => {
    expect(trust(undefined)).toEqual({ kind: 'none' });
    expect(trust('')).toEqual({ kind: 'none' });
    expect(trust('  ')).toEqual({ kind: 'none' });
  });

  it('takes a number of hops', () => {
    expect(trust('1')).toEqual({ kind: 'hops', hops: 1 });
    expect(trust(' 3 ')).toEqual({ kind: 'hops', hops: 3 });
  });

  it('takes a header name, case-insensitively', () => {
    expect(trust('x-real-ip')).toEqual({ kind: 'header', name: 'x-real-ip' });
    expect(trust('CF-Connecting-IP')).toEqual({ kind: 'header', name: 'cf-connecting-ip' });
  });

  it.each([
    ['0', /1–10/],
    ['11', /1–10/],
    ['-1', /number of proxies/],
    ['1.5', /number of proxies/],
    ['true', /is not a proxy/],
    ['*', /is not a proxy/],
    ['x-forwarded-for', /any client can write x-forwarded-for/],
    ['X-Forwarded-For', /any client can write x-forwarded-for/],
    ['forwarded', /any client can write forwarded/],
    ['x-sopwright-socket-address', /SOPwright's own header/],
    ['x-sopwright-client-address', /SOPwright's own header/],
    ['x-real-ip, cf-connecting-ip', /one header name/],
    ['x real ip', /one header name/],
    ['x-real-ip:', /one header name/],
  ])('refuses %j, naming the variable', (value, message) => {
    expect(() => trust(value)).toThrow(ConfigError);
    expect(() => trust(value)).toThrow(/TRUST_PROXY/);
    expect(() => trust(value)).toThrow(message);
  });
});

describe('normalizeIp', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    [' 203.0.113.7 ', '203.0.113.7'],
    ['203.0.113.7:51234', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['::FFFF:127.0.0.1', '127.0.0.1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['[2001:db8::1]', '2001:db8::1'],
    ['[2001:db8::1]:443', '2001:db8::1'],
    ['fe80::1%eth0', 'fe80::1'],
    ['::1', '::1'],
  ])('%j → %j', (raw, ip) => {
    expect(normalizeIp(raw)).toBe(ip);
  });

  it.each(['', 'unknown', 'localhost', '256.1.1.1', '1.2.3', '1.2.3.4.5', '2001:db8::1::2', '<script>', "1.2.3.4'; drop table x", '1.2.3.4, 5.6.7.8', 'a'.repeat(100)])('refuses %j', (raw) => {
    expect(normalizeIp(raw)).toBeNull();
  });
});

const headers = (h: Record<string, string>) => new Headers(h);
const SOCKET = '198.51.100.20';

describe('clientAddress', () => {
  const spoofed = { 'x-forwarded-for': '1.1.1.1, 2.2.2.2', 'x-real-ip': '3.3.3.3', 'cf-connecting-ip': '4.4.4.4' };

  it('is the socket address by default, whatever forwarded headers say', () => {
    expect(clientAddress(headers({ ...spoofed, [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'none' }, true)).toBe(SOCKET);
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: '::ffff:127.0.0.1' }), { kind: 'none' }, true)).toBe('127.0.0.1');
  });

  it('ignores the private socket header unless this process stamps it (a bare `next start`)', () => {
    expect(clientAddress(headers({ ...spoofed, [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'none' }, false)).toBeNull();
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'header', name: 'x-real-ip' }, false)).toBeNull();
  });

  it('ignores a socket header that is not an address', () => {
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: 'evil' }), { kind: 'none' }, true)).toBeNull();
  });

  it('with N hops, takes the N-th entry from the right of X-Forwarded-For, so entries a client prepends do not count', () => {
    const h = headers({ 'x-forwarded-for': '6.6.6.6, 7.7.7.7, 203.0.113.9, 10.0.0.2', [SOCKET_ADDRESS_HEADER]: '10.0.0.3' });
    expect(clientAddress(h, { kind: 'hops', hops: 1 }, true)).toBe('10.0.0.2');
    expect(clientAddress(h, { kind: 'hops', hops: 2 }, true)).toBe('203.0.113.9');
  });

  it('with N hops, falls back to the socket when the chain is shorter than N (the request skipped a proxy) or the entry is not an address', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '203.0.113.9', [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'hops', hops: 2 }, true)).toBe(SOCKET);
    expect(clientAddress(headers({ [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'hops', hops: 1 }, true)).toBe(SOCKET);
    expect(clientAddress(headers({ 'x-forwarded-for': '1.1.1.1, garbage', [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'hops', hops: 1 }, true)).toBe(SOCKET);
    expect(clientAddress(headers({ 'x-forwarded-for': '1.1.1.1,', [SOCKET_ADDRESS_HEADER]: SOCKET }), { kind: 'hops', hops: 1 }, true)).toBe(SOCKET);
  });

  it('with N hops, reads IPv6 entries (bracketed, with ports) too', () => {
    expect(clientAddress(headers({ 'x-forwarded-for': '1.1.1.1, [2001:db8::7]:4711' }), { kind: 'hops', hops: 1 }, false)).toBe('2001:db8::7');
    expect(clientAddress(headers({ 'x-forwarded-for': '2001:DB8::7, 10.0.0.2' }), { kind: 'hops', hops: 2 }, false)).toBe('2001:db8::7');
  });

  it('with a header, takes that header only, and the socket when it is missing or malformed', () => {
    const vercel: TrustProxy = { kind: 'header', name: 'x-real-ip' };
    expect(clientAddress(headers({ ...spoofed, [SOCKET_ADDRESS_HEADER]: SOCKET }), vercel, true)).toBe('3.3.3.3');
    expect(clientAddress(headers({ 'x-real-ip': '2001:db8::5' }), vercel, false)).toBe('2001:db8::5');
    expect(clientAddress(headers({ 'x-forwarded-for': '1.1.1.1', [SOCKET_ADDRESS_HEADER]: SOCKET }), vercel, true)).toBe(SOCKET);
    expect(clientAddress(headers({ 'x-real-ip': '1.1.1.1, 2.2.2.2', [SOCKET_ADDRESS_HEADER]: SOCKET }), vercel, true)).toBe(SOCKET);
  });
});

describe('signed forwarding to the embedded auth', () => {
  const key = randomBytes(32);
  const now = Date.parse('2026-12-01T10:00:00Z');

  it('verifies what the app server signed', () => {
    const h = headers(signedAddressHeaders(key, '203.0.113.50', now));
    expect(verifiedForwardedAddress(h, key, now + 5_000)).toBe('203.0.113.50');
    expect(verifiedForwardedAddress(headers(signedAddressHeaders(key, '2001:db8::9', now)), key, now)).toBe('2001:db8::9');
  });

  it('ignores a spoofed address, a changed address, another key, a stale or future stamp, and garbage', () => {
    const signed = signedAddressHeaders(key, '203.0.113.50', now);
    const other = randomBytes(32);
    const cases: Record<string, string>[] = [
      { [FORWARDED_ADDRESS_HEADER]: '203.0.113.50' },
      { ...signed, [FORWARDED_ADDRESS_HEADER]: '203.0.113.51' },
      signedAddressHeaders(other, '203.0.113.50', now),
      signedAddressHeaders(key, '203.0.113.50', now - 61_000),
      signedAddressHeaders(key, '203.0.113.50', now + 61_000),
      { ...signed, [FORWARDED_SIGNATURE_HEADER]: `${Math.floor(now / 1000)}.${'A'.repeat(43)}` },
      { ...signed, [FORWARDED_SIGNATURE_HEADER]: 'garbage' },
      { ...signed, [FORWARDED_ADDRESS_HEADER]: 'not an address' },
    ];
    for (const c of cases) expect(verifiedForwardedAddress(headers(c), key, now)).toBeNull();
  });
});
