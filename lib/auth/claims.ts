/**
 * The only place that turns an access token into VerifiedClaims: supabase-js getClaims()
 * checks the signature against the auth server's JWKS (ES256/RS256), or asks the auth server
 * (GET /user) for symmetric tokens. A token that was merely decoded never gets here.
 */
import 'server-only';
import type { SupabaseClient } from '@supabase/supabase-js';
import { markVerified, type VerifiedClaims } from '@/lib/db/claims';

export async function verifiedClaims(supabase: SupabaseClient, accessToken?: string): Promise<VerifiedClaims | null> {
  const { data, error } = accessToken ? await supabase.auth.getClaims(accessToken) : await supabase.auth.getClaims();
  if (error || !data?.claims) return null;
  const c = data.claims;
  if (typeof c.sub !== 'string' || c.role !== 'authenticated') return null;
  return markVerified(c as unknown as Parameters<typeof markVerified>[0]);
}
