/**
 * Email links that land on /auth/confirm, and what a browser without this sign-up's PKCE
 * verifier gets: the address is confirmed, but no session is created in that browser. The
 * person is asked to sign in with their password (a link from someone else's sign-up for the
 * same address therefore never signs anyone in).
 *
 * Two link shapes arrive here:
 *   - GoTrue's default template ({{ .ConfirmationURL }}): the auth server's /verify has
 *     already consumed the token and confirmed the address, then redirects with `?code=`.
 *     Without the verifier, the code is checked at the auth server with a throwaway verifier:
 *     `bad_code_verifier` or `flow_state_expired` means the flow exists, and its auth code is
 *     only ever revealed by a successful verification; `flow_state_not_found` means not.
 *   - Supabase's SSR template (`…/auth/confirm?token_hash={{ .TokenHash }}&type=signup`):
 *     with this browser's verifier cookie, the browser is sent through the auth server's
 *     /verify so the PKCE binding still decides who gets a session; without it, the server
 *     verifies the token hash itself (verifyOtp) and ends the session that creates at once.
 */
import 'server-only';
import { createClient as createSupabaseJs, type SupabaseClient } from '@supabase/supabase-js';
import { randomBytes } from 'node:crypto';
import { AUTH_COOKIE_NAME, realtimeTransport, supabaseConfig } from '@/lib/supabase/config';
import { forwardedHeaders } from '@/lib/supabase/server';

/** A PKCE code verifier cookie of @supabase/ssr (legacy fixed key or per-flow key). */
export function hasCodeVerifier(cookieNames: readonly string[]): boolean {
  const prefix = `${AUTH_COOKIE_NAME}-`;
  return cookieNames.some((n) => n.startsWith(prefix) && /-code-verifier(\.\d+)?$/.test(n) && !n.endsWith('-flows-code-verifier'));
}

/** Errors of exchangeCodeForSession that say "not this browser's flow", not "not a real link". */
export const OTHER_BROWSER_ERRORS = new Set(['pkce_code_verifier_not_found', 'bad_code_verifier', 'flow_state_expired']);

export const memoryStorage = (verifier?: string) => {
  const items = new Map<string, string>();
  // Stored as supabase-js writes it (JSON): a non-JSON entry reads as absent.
  if (verifier) items.set(`${AUTH_COOKIE_NAME}-code-verifier`, JSON.stringify(verifier));
  return { getItem: (k: string) => items.get(k) ?? null, setItem: (k: string, v: string) => void items.set(k, v), removeItem: (k: string) => void items.delete(k) };
};

async function throwawayClient(verifier?: string): Promise<SupabaseClient> {
  const { url, key } = supabaseConfig();
  return createSupabaseJs(url, key, {
    auth: { flowType: 'pkce', persistSession: true, autoRefreshToken: false, detectSessionInUrl: false, storageKey: AUTH_COOKIE_NAME, storage: memoryStorage(verifier) },
    global: { headers: await forwardedHeaders() },
    realtime: realtimeTransport,
  });
}

/**
 * Is `code` a real auth code of an existing flow? Asked without the verifier (a random one is
 * sent), so no session can come of it and the flow is left as it was.
 */
export async function authCodeExists(code: string, makeClient: (verifier: string) => Promise<SupabaseClient> = throwawayClient): Promise<boolean> {
  const client = await makeClient(randomBytes(32).toString('base64url'));
  const { data, error } = await client.auth.exchangeCodeForSession(code);
  if (data?.session) {
    // Cannot happen (the verifier is random), but never leave a session behind.
    await client.auth.signOut({ scope: 'local' });
    return true;
  }
  return error?.code === 'bad_code_verifier' || error?.code === 'flow_state_expired';
}

/** Confirm a sign-up by its token hash without signing this browser in. Returns the confirmed address. */
export async function confirmWithoutSession(tokenHash: string, type: 'signup' | 'email', makeClient: () => Promise<SupabaseClient> = throwawayClient): Promise<{ email: string } | { error: string }> {
  const client = await makeClient();
  const { data, error } = await client.auth.verifyOtp({ token_hash: tokenHash, type });
  if (error || !data.session) return { error: error?.code ?? 'otp_expired' };
  await client.auth.signOut({ scope: 'local' });
  return { email: data.user?.email ?? '' };
}

/** Where the "your email is confirmed, sign in" page lives, with the address when known. */
export function confirmedElsewhereUrl(base: string, email?: string, next?: string | null): string {
  const q = new URLSearchParams({ signin: '1' });
  if (email) q.set('email', email);
  if (next && next !== '/email-confirmed') q.set('next', next);
  return `${base}/email-confirmed?${q.toString()}`;
}
