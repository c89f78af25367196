/**
 * The Supabase Auth admin API, for the few server paths that act on a user's account on
 * their behalf after the server itself has verified them (a recovery code removing the lost
 * authenticator). Hosted: the service-role key (SUPABASE_SERVICE_ROLE_KEY). Embedded: the
 * emulator's secret key. Never reachable from the browser; listed in
 * tests/unit/service-role-boundary.test.ts.
 */
import 'server-only';
import { createClient as createSupabaseJs } from '@supabase/supabase-js';
import { emulatorAdminKey } from '@/lib/auth-emulator/app';
import { ConfigError, env } from '@/lib/env';
import { realtimeTransport } from './config';

async function adminClient() {
  const e = env();
  let url: string;
  let key: string;
  if (e.auth.mode === 'supabase') {
    if (!e.auth.serviceRoleKey) throw new ConfigError('SUPABASE_SERVICE_ROLE_KEY is not set: recovery codes cannot remove a lost authenticator without it.');
    url = e.auth.url;
    key = e.auth.serviceRoleKey;
  } else {
    url = e.appUrl;
    key = await emulatorAdminKey();
  }
  return createSupabaseJs(url, key, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }, realtime: realtimeTransport });
}

/** auth.admin.mfa.deleteFactor: removes one of the user's factors. Returns the auth server's error code, or null. */
export async function deleteUserFactor(userId: string, factorId: string): Promise<string | null> {
  const client = await adminClient();
  const { error } = await client.auth.admin.mfa.deleteFactor({ userId, id: factorId });
  return error ? (error.code ?? 'unexpected_failure') : null;
}
