/**
 * Where the Supabase clients point. Hosted: the project's URL and anon key. Embedded: the
 * app's own origin, where app/auth/v1 serves the Supabase Auth emulator, with its fixed
 * publishable key. The auth cookie has a fixed name so it is the same whichever host name
 * (localhost, 127.0.0.1, a LAN name) the app is reached by.
 */
import WebSocket from 'ws';
import { env } from '@/lib/env';

export const EMBEDDED_PUBLISHABLE_KEY = 'sb_publishable_sopwright_embedded';
export const AUTH_COOKIE_NAME = 'sb-sopwright-auth-token';

/**
 * How long a session lasts from sign-in: the embedded auth time-boxes every session to this
 * (its refresh token stops working, as Supabase Auth's "Time-box user sessions" does), and
 * the session cookie's Max-Age is the same, not @supabase/ssr's default of 400 days. With
 * hosted Supabase Auth, set the project's time-box to match.
 */
export const SESSION_LIFETIME_SECONDS = 7 * 24 * 3600;

/**
 * The options of a cookie @supabase/ssr asks to set, with its lifetime capped at the
 * session's. ssr 0.12 ignores cookieOptions.maxAge and always sends 400 days, so every
 * setAll callback passes its options through here. A removal (Max-Age 0) also gets an Expires
 * in the past: when a page answers with a redirect, Next re-serializes the proxy's cookies
 * and drops a Max-Age of 0, which would leave an empty session cookie behind.
 */
export function withSessionLifetime<T extends { maxAge?: number; expires?: Date }>(options: T): T {
  const maxAge = Math.min(options.maxAge ?? SESSION_LIFETIME_SECONDS, SESSION_LIFETIME_SECONDS);
  return maxAge <= 0 ? { ...options, maxAge: 0, expires: new Date(0) } : { ...options, maxAge };
}

export function supabaseConfig(): { url: string; key: string } {
  const e = env();
  return e.auth.mode === 'supabase'
    ? { url: e.auth.url, key: e.auth.anonKey }
    : { url: e.appUrl, key: EMBEDDED_PUBLISHABLE_KEY };
}

/**
 * httpOnly: sessions are only ever handled on the server (server actions, route handlers,
 * the proxy), so page scripts never see a token — an XSS cannot lift a session.
 */
export function authCookieOptions() {
  return {
    name: AUTH_COOKIE_NAME,
    httpOnly: true,
    secure: env().appUrl.startsWith('https://'),
    sameSite: 'lax' as const,
    path: '/',
  };
}

/**
 * supabase-js builds a Realtime client even when nothing subscribes, and on Node 20 that
 * needs a WebSocket implementation (Node 22 has one built in). SOPwright does not use
 * Realtime; `ws` is only there so the clients can be constructed.
 */
export const realtimeTransport = { transport: WebSocket as unknown as NonNullable<import('@supabase/supabase-js').SupabaseClientOptions<'public'>['realtime']>['transport'] };
