/**
 * The only place that turns an access token into VerifiedClaims: supabase-js getClaims()
 * checks the signature against the auth server's JWKS (ES256/RS256), or asks the auth server
 * (GET /user) for symmetric tokens. A token that was merely decoded never gets here.
 * getClaims() throws, rather than returning an error, for some malformed tokens (a header
 * that is not JSON, `alg: none` with a known kid, an algorithm that does not fit the key):
 * whatever the reason, a token that does not verify means "no user", never a 500.
 */
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { markVerified, type VerifiedClaims } from '@/lib/db/claims';

export async function verifiedClaims(supabase: SupabaseClient, accessToken?: string): Promise<VerifiedClaims | null> {
  let result: Awaited<ReturnType<SupabaseClient['auth']['getClaims']>>;
  try {
    result = accessToken ? await supabase.auth.getClaims(accessToken) : await supabase.auth.getClaims();
  } catch {
    return null;
  }
  const { data, error } = result;
  if (error || !data?.claims) return null;
  const c = data.claims;
  if (typeof c.sub !== 'string' || c.role !== 'authenticated') return null;
  return markVerified(c as unknown as Parameters<typeof markVerified>[0]);
}
