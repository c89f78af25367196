/**
 * Who is asking. Pages call requireUser(); API routes call requireApiUser(request). Both:
 *   1. verify the access token (cookie, or Bearer for the API) with getClaims();
 *   2. ask Postgres, as that user, whether the session still exists (a revoked session's
 *      token stays cryptographically valid until it expires), whether the email is
 *      confirmed, whether the account was deleted, and whether MFA is enrolled — once
 *      enrolled, aal2 is required. The same statement stamps the session's "last active"
 *      (at most once per 5 minutes: migration 20261203000290), so the sessions list follows
 *      use of the app at no extra round trip.
 */
import 'server-only';
import { createClient as createSupabaseJs } from '@supabase/supabase-js';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { withUser, type VerifiedClaims } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { realtimeTransport, supabaseConfig } from '@/lib/supabase/config';
import { createClient } from '@/lib/supabase/server';
import { verifiedClaims } from './claims';

export interface SessionState {
  session_active: boolean;
  email_confirmed: boolean;
  has_verified_factor: boolean;
  account_deleted: boolean;
}

export type AuthProblem = 'signed_out' | 'session_ended' | 'email_unconfirmed' | 'mfa_required';

export interface CurrentUser {
  claims: VerifiedClaims;
  id: string;
  email: string;
  aal: string;
  hasMfa: boolean;
}

export async function sessionState(claims: VerifiedClaims): Promise<SessionState> {
  const rows = await withUser(claims, (tx) => tx.query<SessionState & Record<string, unknown>>('select * from private.current_session_state()'));
  return rows[0] ?? { session_active: false, email_confirmed: false, has_verified_factor: false, account_deleted: true };
}

function judge(claims: VerifiedClaims, state: SessionState): AuthProblem | null {
  if (!state.session_active || state.account_deleted) return 'session_ended';
  if (!state.email_confirmed) return 'email_unconfirmed';
  if (state.has_verified_factor && claims.aal !== 'aal2') return 'mfa_required';
  return null;
}

function toUser(claims: VerifiedClaims, state: SessionState): CurrentUser {
  return { claims, id: claims.sub, email: typeof claims.email === 'string' ? claims.email : '', aal: claims.aal ?? 'aal1', hasMfa: state.has_verified_factor };
}

/** The signed-in user for this request, or the reason there is none. Cached per request. */
export const currentUser = cache(async (): Promise<{ user: CurrentUser } | { problem: AuthProblem; claims?: VerifiedClaims }> => {
  const supabase = await createClient();
  const claims = await verifiedClaims(supabase);
  if (!claims) return { problem: 'signed_out' };
  const state = await sessionState(claims);
  const problem = judge(claims, state);
  return problem ? { problem, claims } : { user: toUser(claims, state) };
});

const PROBLEM_REDIRECT: Record<AuthProblem, string> = {
  signed_out: '/sign-in',
  session_ended: '/sign-out?reason=session_ended',
  email_unconfirmed: '/verify-email',
  mfa_required: '/sign-in/mfa',
};

/** For pages and server actions: the user, or a redirect to where they must go first. */
export async function requireUser(nextPath?: string): Promise<CurrentUser> {
  const result = await currentUser();
  if ('user' in result) return result.user;
  const target = PROBLEM_REDIRECT[result.problem];
  const next = nextPath ?? (await headers()).get('x-sopwright-path') ?? undefined;
  redirect(result.problem === 'signed_out' && next ? `${target}?next=${encodeURIComponent(next)}` : target);
}

/** For /api routes: Bearer access token or the session cookie; 401 otherwise. */
export async function requireApiUser(request: Request): Promise<CurrentUser> {
  const header = request.headers.get('authorization');
  let claims: VerifiedClaims | null;
  if (header) {
    const m = /^bearer\s+(\S+)$/i.exec(header);
    if (!m?.[1]) throw new AppError('unauthorized', 'The Authorization header must be "Bearer <access token>".');
    const { url, key } = supabaseConfig();
    const client = createSupabaseJs(url, key, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }, realtime: realtimeTransport });
    claims = await verifiedClaims(client, m[1]);
  } else {
    claims = await verifiedClaims(await createClient());
  }
  if (!claims) throw new AppError('unauthorized', 'Sign in first: no valid session or access token was sent.');
  const state = await sessionState(claims);
  const problem = judge(claims, state);
  if (problem === 'session_ended') throw new AppError('unauthorized', 'This session has been signed out. Sign in again.');
  if (problem === 'email_unconfirmed') throw new AppError('forbidden', 'Confirm your email address first.');
  if (problem === 'mfa_required') throw new AppError('forbidden', 'This account uses two-factor authentication: complete the TOTP step (aal2) first.');
  return toUser(claims, state);
}
