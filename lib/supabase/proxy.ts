/**
 * Session refresh for proxy.ts: a server client bound to the request cookies, and
 * getClaims() right away, so an expiring access token is refreshed. The refreshed cookies are
 * written into the request (so this request's pages see the new session) and returned for the
 * proxy to set on its response.
 */
import { createServerClient, type CookieOptions } from '@supabase/ssr';
import type { NextRequest } from 'next/server';
import { authCookieOptions, AUTH_COOKIE_NAME, realtimeTransport, supabaseConfig } from './config';

export interface RefreshResult {
  cookies: { name: string; value: string; options: CookieOptions }[];
  headers: Record<string, string>;
}

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
          result.cookies.push(c);
        }
        Object.assign(result.headers, headers ?? {});
      },
    },
  });
  try {
    await supabase.auth.getClaims();
  } catch {
    // An unreachable auth server must not take pages down; pages re-check and redirect.
  }
  return result;
}
