/**
 * Supabase client for server components, server actions and route handlers, reading and
 * writing the session cookies through next/headers. In a server component cookies cannot be
 * written; the proxy has already refreshed the session by then, so that write is skipped.
 */
import 'server-only';
import { createServerClient } from '@supabase/ssr';
import { cookies, headers } from 'next/headers';
import { authCookieOptions, realtimeTransport, supabaseConfig } from './config';

export async function createClient() {
  const cookieStore = await cookies();
  const h = await headers();
  const { url, key } = supabaseConfig();
  const forwarded: Record<string, string> = {};
  const ua = h.get('user-agent');
  const ip = h.get('x-forwarded-for') ?? h.get('x-real-ip');
  if (ua) forwarded['User-Agent'] = ua;
  if (ip) forwarded['X-Forwarded-For'] = ip;
  return createServerClient(url, key, {
    cookieOptions: authCookieOptions(),
    global: { headers: forwarded },
    realtime: realtimeTransport,
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll: (list) => {
        try {
          for (const { name, value, options } of list) cookieStore.set(name, value, options);
        } catch {
          // Called from a server component: the proxy refreshes sessions instead.
        }
      },
    },
  });
}
