/**
 * Supabase client for server components, server actions and route handlers, reading and
 * writing the session cookies through next/headers. In a server component cookies cannot be
 * written; the proxy has already refreshed the session by then, so that write is skipped.
 */
import 'server-only';
import { createServerClient } from '@supabase/ssr';
import { cookies, headers } from 'next/headers';
import { clientAddressHeaders } from '@/lib/auth-emulator/app';
import { env } from '@/lib/env';
import { clientIpFrom } from '@/lib/security/client-ip';
import { authCookieOptions, realtimeTransport, supabaseConfig, withSessionLifetime } from './config';

/**
 * What the auth server should know about the user this server speaks for: the browser's
 * User-Agent (session lists) and, for the embedded auth, the client address, signed so that
 * no one else can claim one. Hosted Supabase Auth takes the address from its own edge, so
 * nothing is forwarded there.
 */
export async function forwardedHeaders(): Promise<Record<string, string>> {
  const h = await headers();
  const forwarded: Record<string, string> = {};
  const ua = h.get('user-agent');
  if (ua) forwarded['User-Agent'] = ua;
  const ip = clientIpFrom(h, '');
  if (ip && env().auth.mode === 'emulator') Object.assign(forwarded, await clientAddressHeaders(ip));
  return forwarded;
}

export async function createClient() {
  const cookieStore = await cookies();
  const { url, key } = supabaseConfig();
  const forwarded = await forwardedHeaders();
  return createServerClient(url, key, {
    cookieOptions: authCookieOptions(),
    global: { headers: forwarded },
    realtime: realtimeTransport,
    cookies: {
      getAll: () => cookieStore.getAll(),
      setAll: (list) => {
        try {
          for (const { name, value, options } of list) cookieStore.set(name, value, withSessionLifetime(options));
        } catch {
          // Called from a server component: the proxy refreshes sessions instead.
        }
      },
    },
  });
}
