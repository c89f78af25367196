/**
 * The signing ceremony (21 CFR 11.200(a)(1)): the signer re-enters their password, and their
 * authenticator code when they have one, for this signature, even inside a live session. The
 * app never checks a password itself: the auth server does (the emulator on the app's own
 * origin in the embedded default, Supabase Auth in hosted mode), and the database accepts the
 * signature only on verified claims whose amr proves it (private.dc_reauthenticated).
 *
 *   0. rate limit per user (fail-closed), before anything reaches the auth server;
 *   1. inOrg(session claims): signingPrecheck — 403/404/409/422/423 before any password is
 *      checked or counted; says whether TOTP is needed;
 *   2. no transaction open: a password grant for the signer's email, then, for TOTP, an MFA
 *      challenge + verify on that new session (aal2). A wrong password or code is recorded in
 *      a new short transaction (session claims) and answered 401; the failure that starts a
 *      lockout emails the owners (after that commit) and is answered 423;
 *   3. getClaims on the new access token (lib/auth/claims), the same `sub` as the session,
 *      then inOrg(those claims): signVersion / submitVersion;
 *   4. that extra session is signed out (scope local) whatever happened.
 */
import 'server-only';
import { createClient as createSupabaseJs, type AuthError, type SupabaseClient } from '@supabase/supabase-js';
import { verifiedClaims } from '@/lib/auth/claims';
import type { CurrentUser } from '@/lib/auth/session';
import type { Tx } from '@/lib/db/types';
import { logError } from '@/lib/log';
import { inOrg } from '@/lib/orgs/scope';
import { getRateLimiter, type RateLimitRule } from '@/lib/ratelimit';
import { realtimeTransport, supabaseConfig } from '@/lib/supabase/config';
import { forwardedHeaders } from '@/lib/supabase/server';
import { minuteUtc, sendLockoutEmails } from './emails';
import { AppError, DocumentControlError } from './errors';
import {
  recordFailedSignature,
  signingPrecheck,
  signVersion,
  submitVersion,
  type Factor,
  type Lifecycle,
  type SignatureMeaning,
  type SigningContext,
  type Signature,
  type SignMeaning,
  type VersionRef,
} from './service';

/** Beyond the database's lockout (5 failures): no one hammers the auth server through signing. */
export const SIGNING_PER_USER: RateLimitRule = { name: 'signing-user', limit: 10, windowSeconds: 300 };

export interface CeremonyInput {
  /** The signed-in user (session claims); the signature is made with fresh claims instead. */
  user: CurrentUser;
  orgSlug: string;
  sopId: string;
  versionId: string;
  password: string;
  /** The authenticator code; required when the signer has a verified TOTP factor. */
  code?: string;
}

/** Where the re-authentication goes: the configured auth server, or (tests) the emulator in process. */
export type AuthClientFactory = () => SupabaseClient | Promise<SupabaseClient>;

async function authServer(): Promise<SupabaseClient> {
  const { url, key } = supabaseConfig();
  return createSupabaseJs(url, key, {
    global: { headers: await forwardedHeaders() },
    realtime: realtimeTransport,
    auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false },
  });
}

/** Sign as reviewer or approver, or reject (comment required). Refusals: 401, 403, 404, 409, 422, 423, 429, 503. */
export async function signWithCeremony(
  input: CeremonyInput & { meaning: SignMeaning; comment?: string },
  authClient: AuthClientFactory = authServer,
): Promise<{ signature: Signature; lifecycle: Lifecycle }> {
  return ceremony(input, input.meaning, authClient, (tx, ref) => signVersion(tx, { ...ref, meaning: input.meaning, comment: input.comment }));
}

export type SubmitRouting = Omit<Parameters<typeof submitVersion>[1], keyof VersionRef>;

/** Submit for review/approval, signed 'authored' by the submitter. Refusals as signWithCeremony. */
export async function submitWithCeremony(input: CeremonyInput & SubmitRouting, authClient: AuthClientFactory = authServer): Promise<Lifecycle> {
  const { revisionKind, reason, reviewers, approvers, approvalRule, approvalsRequired, effectiveFrom } = input;
  const routing: SubmitRouting = { revisionKind, reason, reviewers, approvers, approvalRule, approvalsRequired, effectiveFrom };
  return ceremony(input, 'authored', authClient, (tx, ref) => submitVersion(tx, { ...ref, ...routing }));
}

/**
 * The ceremony around any signing act: `act` runs with the fresh claims once the password (and
 * code) were verified. For signatures outside a round (read and understood, reviewed with no
 * change): versionId is the effective version, and `act` calls its own service function.
 */
export async function withCeremony<T>(input: CeremonyInput, meaning: SignatureMeaning, act: (tx: Tx, ref: VersionRef) => Promise<T>, authClient: AuthClientFactory = authServer): Promise<T> {
  return ceremony(input, meaning, authClient, act);
}

async function ceremony<T>(input: CeremonyInput, meaning: SignatureMeaning, authClient: AuthClientFactory, act: (tx: Tx, ref: VersionRef) => Promise<T>): Promise<T> {
  const { user, orgSlug, sopId, versionId } = input;
  await limitSigning(user.id);
  const signer = await inOrg(user, orgSlug, undefined, ({ tx, org }) => signingPrecheck(tx, { orgId: org.id, sopId, versionId, meaning }));
  // "123 456" as the app shows it is the code 123456.
  const code = signer.factors.includes('totp') ? (input.code ?? '').replace(/\s+/g, '') : null;
  if (!input.password) throw new DocumentControlError('DC401', 'Enter your password to sign.', 'password');
  if (code === '') throw new DocumentControlError('DC401', 'Enter the code from your authenticator app as well as your password.', 'totp');

  const client = await authClient();
  const held: { token?: string } = {};
  try {
    const failed = await reauthenticate(client, held, signer.signerEmail, input.password, code);
    if (failed) throw await refusal(input, signer, failed);
    const claims = await verifiedClaims(client, held.token);
    if (!claims) throw new AppError('unavailable', 'The sign-in service’s answer could not be verified. Nothing was signed; try again.');
    if (claims.sub !== user.id) throw new AppError('unauthorized', 'Your password was checked for a different account than the one signed in. Sign in again.');
    return await inOrg({ ...user, claims, aal: claims.aal ?? 'aal1' }, orgSlug, undefined, ({ tx, org }) => act(tx, { orgId: org.id, sopId, versionId }));
  } finally {
    if (held.token) await endSession(client, held.token);
  }
}

async function limitSigning(userId: string): Promise<void> {
  const r = await getRateLimiter().check(SIGNING_PER_USER, userId);
  if (r.allowed) return;
  const message = r.reason === 'unavailable' ? 'Signing is unavailable for a moment. Nothing was signed; try again shortly.' : `Too many signing attempts. Try again in ${r.retryAfterSeconds} seconds.`;
  throw new AppError('rate_limited', message, { headers: { 'Retry-After': String(r.retryAfterSeconds) } });
}

/**
 * Password grant, then TOTP on that session. Returns the factor the auth server refused, or
 * null with `held.token` the new session's newest access token (also when TOTP was refused,
 * so that the session can be ended).
 */
async function reauthenticate(client: SupabaseClient, held: { token?: string }, email: string, password: string, code: string | null): Promise<Factor | null> {
  const grant = await client.auth.signInWithPassword({ email, password });
  if (grant.error) return wrongOr(grant.error, 'invalid_credentials', 'password');
  held.token = grant.data.session.access_token;
  if (code === null) return null;
  const factors = await client.auth.mfa.listFactors();
  if (factors.error) throw authTrouble(factors.error);
  // Several authenticators may be enrolled; the code is right if one of them takes it.
  for (const factor of factors.data.totp) {
    const verify = await client.auth.mfa.challengeAndVerify({ factorId: factor.id, code });
    if (!verify.error) {
      held.token = verify.data.access_token;
      return null;
    }
    wrongOr(verify.error, 'mfa_verification_failed', 'totp');
  }
  return 'totp';
}

/** The factor, when the auth server says the credential was wrong; anything else is no verdict on it. */
function wrongOr(error: AuthError, wrongCode: string, factor: Factor): Factor {
  if (error.code === wrongCode) return factor;
  throw authTrouble(error);
}

function authTrouble(error: AuthError): AppError {
  if (error.status === 429) return new AppError('rate_limited', 'Too many attempts at the sign-in service. Nothing was signed; try again in a minute.', { headers: { 'Retry-After': '60' } });
  logError('signing re-authentication failed at the auth server', { status: error.status, code: error.code });
  return new AppError('unavailable', 'The sign-in service could not check your password just now. Nothing was signed; try again.');
}

/** Record the failed attempt as the session user; email the owners when it starts a lockout. */
async function refusal(input: CeremonyInput, signer: SigningContext, failed: Factor): Promise<AppError> {
  const { user, orgSlug, sopId, versionId } = input;
  const f = await inOrg(user, orgSlug, undefined, ({ tx, org }) => recordFailedSignature(tx, { orgId: org.id, sopId, versionId, method: failed }));
  if (f.lockedUntil) {
    if (f.lockoutStarted) await sendLockoutEmails(f.notify, { signerName: signer.signerName, signerEmail: signer.signerEmail, orgName: f.orgName, failures: f.failures, lockedUntil: f.lockedUntil });
    return new DocumentControlError('DC423', `Too many failed signing attempts: signing is locked until ${minuteUtc(f.lockedUntil)}. The organization’s owners have been told.`, f.lockedUntil);
  }
  const what = failed === 'password' ? 'The password is not correct.' : 'The code from your authenticator app is not correct.';
  return new DocumentControlError('DC401', `${what} Nothing was signed; failed attempts are counted.`, failed);
}

/** Step 4: the extra session must not outlive the signature. A failure here is logged, never hides the outcome. */
async function endSession(client: SupabaseClient, token: string): Promise<void> {
  try {
    const { error } = await client.auth.admin.signOut(token, 'local');
    if (error) logError('could not sign out the signing session', { status: error.status, code: error.code });
  } catch (err) {
    logError('could not sign out the signing session', { err });
  }
}
