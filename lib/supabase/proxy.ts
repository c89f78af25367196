/**
 * Session refresh for proxy.ts: a server client bound to the request cookies, and
 * getClaims() right away, so an expiring access token is refreshed. The refreshed cookies are
 * written into the request (so this request's pages see the new session) and returned for the
 * proxy to set on its response. An auth cookie that yields no verified claims (garbage, a
 * forged `alg: none` token, a session the auth server no longer knows) is cleared the same
 * way, so the request goes on signed out; one the auth server could not be asked about (a
 * network failure) is kept.
 */
import { createServerClient, type CookieOptions } from '@supabase/ssr';
import { isAuthRetryableFetchError } from '@supabase/supabase-js';
import type { NextRequest } from 'next/server';
import { authCookieOptions, AUTH_COOKIE_NAME, realtimeTransport, supabaseConfig, withSessionLifetime } from './config';

export interface RefreshResult {
  cookies: { name: string; value: string; options: CookieOptions }[];
  headers: Record<string, string>;
}

/** The session itself (one cookie, or its chunks .0, .1 …); not the PKCE code verifier a pending email link needs. */
const isSessionCookie = (name: string) => name === AUTH_COOKIE_NAME || new RegExp(`^${AUTH_COOKIE_NAME}\\.\\d+$`).test(name);

export async function refreshSession(request: NextRequest): Promise<RefreshResult> {
  const result: RefreshResult = { cookies: [], headers: {} };
  // No auth cookie: nothing to refresh, and no network call.
  if (!request.cookies.getAll().some((c) => c.name.startsWith(AUTH_COOKIE_NAME))) return result;
  const { url, key } = supabaseConfig();
  const supabase = createServerClient(url, key, {
    cookieOptions: authCookieOptions(),
    global: { headers: { 'User-Agent': request.headers.get('user-agent') ?? '' } },
    realtime: realtimeTransport,
    cookies: {
      getAll: () => request.cookies.getAll(),
      setAll: (list, headers) => {
        for (const c of list) {
          request.cookies.set(c.name, c.value);
          result.cookies.push({ ...c, options: withSessionLifetime(c.options) });
        }
        Object.assign(result.headers, headers ?? {});
      },
    },
  });
  let verified = false;
  let unreachable = false;
  try {
    const { data, error } = await supabase.auth.getClaims();
    verified = Boolean(data?.claims);
    unreachable = isAuthRetryableFetchError(error);
  } catch (err) {
    // A token malformed in a way supabase-js does not turn into an AuthError throws instead.
    unreachable = isAuthRetryableFetchError(err);
  }
  if (!verified && !unreachable) {
    const { httpOnly, secure, sameSite, path } = authCookieOptions();
    for (const c of request.cookies.getAll()) {
      if (!isSessionCookie(c.name)) continue;
      request.cookies.delete(c.name);
      result.cookies.push({ name: c.name, value: '', options: withSessionLifetime({ httpOnly, secure, sameSite, path, maxAge: 0 }) });
    }
  }
  return result;
}
