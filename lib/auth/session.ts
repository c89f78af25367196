/**
 * Who is asking. Pages call requireUser(); API routes call requireApiUser(request). Both:
 *   1. verify the access token (cookie, or Bearer for the API) with getClaims();
 *   2. ask Postgres, as that user, whether the session still exists (a revoked session's
 *      token stays cryptographically valid until it expires), whether the email is
 *      confirmed, whether the account was deleted, and whether MFA is enrolled — once
 *      enrolled, aal2 is required. The same statement stamps the session's "last active"
 *      (at most once per 5 minutes: migration 20261203000290), so the sessions list follows
 *      use of the app at no extra round trip.
 * The check is the opening statement of a user transaction (withUserAnd: role, claims and
 * session state in one round trip). withApiUser() runs an API request's own work in that
 * same transaction, after the check passed: one transaction per request instead of two.
 */
import 'server-only';
import { createClient as createSupabaseJs } from '@supabase/supabase-js';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { withUserAnd, type Tx, type VerifiedClaims } from '@/lib/db';
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

/** The session check, as one SQL value (withUserAnd evaluates it in the transaction's opening statement). */
const SESSION_STATE = 'select to_jsonb(s) from private.current_session_state() s';
const NO_SESSION: SessionState = { session_active: false, email_confirmed: false, has_verified_factor: false, account_deleted: true };

/** withUser(), with the session state of these claims read by the opening statement. */
function withSessionState<T>(claims: VerifiedClaims, fn: (tx: Tx, state: SessionState) => Promise<T>): Promise<T> {
  return withUserAnd<T, SessionState | null>(claims, SESSION_STATE, (tx, state) => fn(tx, state ?? NO_SESSION));
}

export async function sessionState(claims: VerifiedClaims): Promise<SessionState> {
  return withSessionState(claims, async (_tx, state) => state);
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

/** For /api routes: the verified claims of the Bearer access token or the session cookie; 401 otherwise. Not yet checked against the session. */
export async function apiClaims(request: Request): Promise<VerifiedClaims> {
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
  return claims;
}

/** The API user of checked claims, or the 401/403 that says what is missing. */
function apiUser(claims: VerifiedClaims, state: SessionState): CurrentUser {
  const problem = judge(claims, state);
  if (problem === 'session_ended') throw new AppError('unauthorized', 'This session has been signed out. Sign in again.');
  if (problem === 'email_unconfirmed') throw new AppError('forbidden', 'Confirm your email address first.');
  if (problem === 'mfa_required') throw new AppError('forbidden', 'This account uses two-factor authentication: complete the TOTP step (aal2) first.');
  return toUser(claims, state);
}

/** For /api routes: Bearer access token or the session cookie, checked against the session; 401/403 otherwise. */
export async function requireApiUser(request: Request): Promise<CurrentUser> {
  const claims = await apiClaims(request);
  return apiUser(claims, await sessionState(claims));
}

/**
 * One withUser() transaction for an API request: its opening statement checks the session
 * (as requireApiUser does), and fn runs in the same transaction only when the check passed.
 * A refusal throws before fn, and rolls back the "last active" stamp with the rest.
 */
export function withApiUser<T>(claims: VerifiedClaims, fn: (tx: Tx, user: CurrentUser) => Promise<T>): Promise<T> {
  return withSessionState(claims, (tx, state) => fn(tx, apiUser(claims, state)));
}
