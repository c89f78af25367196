/**
 * The one place that decides a request's client address: per-IP rate limits (auth forms,
 * the embedded auth), the session list's IP column, and anything else that records who
 * connected.
 *
 * By default it is the address of the TCP peer. A route handler cannot see the socket, and
 * Next fills X-Forwarded-For with it only when the client sent none, so scripts/server.ts
 * (what `npm run dev`, `npm start` and the e2e suite run) deletes any client-sent copy of
 * SOCKET_ADDRESS_HEADER and stamps the peer's address into it. Forwarded headers count only
 * when TRUST_PROXY says which proxy wrote them (lib/env.ts):
 *   TRUST_PROXY=<N>       N proxies append to X-Forwarded-For; the N-th entry from the right
 *                         is the client (what the outermost proxy saw). Fewer entries than N:
 *                         the request skipped a proxy, so the socket address is used.
 *   TRUST_PROXY=<header>  a proxy that overwrites that header with the client's address
 *                         (x-real-ip on Vercel, cf-connecting-ip on Cloudflare, fly-client-ip).
 * Nothing a client sends is ever returned as free text: only a parsed IP address, or null.
 * Hop counting assumes the app's port is reachable only through those proxies.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import { env, type TrustProxy } from '@/lib/env';

/** Stamped by scripts/server.ts with the socket's peer address; a client-sent copy is deleted first. */
export const SOCKET_ADDRESS_HEADER = 'x-sopwright-socket-address';
/** The app server's calls to the embedded auth on behalf of a user: that user's address, and its HMAC. */
export const FORWARDED_ADDRESS_HEADER = 'x-sopwright-client-address';
export const FORWARDED_SIGNATURE_HEADER = 'x-sopwright-client-address-sig';

/** A canonical IP address from a header or socket value (IPv4-mapped IPv6 → IPv4, brackets and ports removed), or null. */
export function normalizeIp(raw: string | null | undefined): string | null {
  let v = (raw ?? '').trim();
  if (v.length === 0 || v.length > 64) return null;
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(v);
  if (bracketed) v = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(v)) v = v.slice(0, v.lastIndexOf(':'));
  v = v.replace(/%[0-9a-z._~-]+$/i, ''); // an IPv6 zone id is local to the sender's host
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/i.exec(v);
  if (mapped) v = mapped[1]!;
  const family = isIP(v);
  return family === 4 ? v : family === 6 ? v.toLowerCase() : null;
}

const STAMPED = Symbol.for('sopwright.socket-address-stamped');
type Marked = { [STAMPED]?: true };

/** Called by scripts/server.ts before Next loads: this process strips and stamps SOCKET_ADDRESS_HEADER. */
export function markSocketAddressStamped(): void {
  (globalThis as Marked)[STAMPED] = true;
}

/** Is SOCKET_ADDRESS_HEADER trustworthy here? Under a bare `next start` a client could send it. */
export function socketAddressStamped(): boolean {
  return (globalThis as Marked)[STAMPED] === true;
}

/** The client address under a given trust setting, or null when it cannot be known. */
export function clientAddress(headers: Headers, trust: TrustProxy, stamped = socketAddressStamped()): string | null {
  const socket = stamped ? normalizeIp(headers.get(SOCKET_ADDRESS_HEADER)) : null;
  if (trust.kind === 'hops') {
    const entries = (headers.get('x-forwarded-for') ?? '').split(',');
    return (entries.length >= trust.hops && normalizeIp(entries[entries.length - trust.hops])) || socket;
  }
  if (trust.kind === 'header') return normalizeIp(headers.get(trust.name)) ?? socket;
  return socket;
}

/** The client address of this request under the configured TRUST_PROXY, or `fallback`. */
export function clientIpFrom(headers: Headers, fallback = 'unknown'): string {
  return clientAddress(headers, env().trustProxy) ?? fallback;
}

/*
 * Signed forwarding. Server actions call the embedded auth over HTTP on the app's own origin,
 * so the auth sees the app server as its client; the app server says whose request it is
 * with FORWARDED_ADDRESS_HEADER and an HMAC over it and the time. The key is shared by every
 * instance that uses the same database (see lib/auth-emulator/app.ts), so a call that a load
 * balancer sends to another instance still verifies; a client without the key cannot forge it.
 */
const MAX_SKEW_SECONDS = 60;

function mac(key: Buffer, address: string, at: number): Buffer {
  return createHmac('sha256', key).update(`${at}.${address}`).digest();
}

export function signedAddressHeaders(key: Buffer, address: string, now = Date.now()): Record<string, string> {
  const at = Math.floor(now / 1000);
  return { [FORWARDED_ADDRESS_HEADER]: address, [FORWARDED_SIGNATURE_HEADER]: `${at}.${mac(key, address, at).toString('base64url')}` };
}

/** The forwarded address if its signature verifies with `key` and is fresh, else null. */
export function verifiedForwardedAddress(headers: Headers, key: Buffer, now = Date.now()): string | null {
  const address = normalizeIp(headers.get(FORWARDED_ADDRESS_HEADER));
  const m = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(headers.get(FORWARDED_SIGNATURE_HEADER) ?? '');
  if (!address || !m) return null;
  const at = Number(m[1]);
  if (Math.abs(now / 1000 - at) > MAX_SKEW_SECONDS) return null;
  const given = Buffer.from(m[2]!, 'base64url');
  const expected = mac(key, address, at);
  return given.length === expected.length && timingSafeEqual(given, expected) ? address : null;
}
