/**
 * POST /token?grant_type=password|refresh_token|pkce: signing in (only a confirmed account
 * has a usable password), rotating refresh tokens with reuse detection, and the PKCE code
 * exchange.
 */
import bcrypt from 'bcryptjs';
import { checkPassword } from '@/lib/auth/password-policy';
import { audit } from './audit';
import type { Ctx } from './context';
import { isUuid, pkceChallengeMatches } from './crypto';
import { fail, json } from './http';
import { pendingPasswordHashes } from './pending';
import { createSession, insertRefreshToken, sessionResponse } from './sessions';
import { isBanned, userByEmail, userById } from './users';
import { field, validEmail } from './validate';

// A real hash of a random string, so unknown emails cost the same bcrypt time as known ones.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jkSfnFRpm5sQ8YjRTdyOy1dD0Xiu';

/** Does the password match one of these bcrypt hashes? With none, one bcrypt is still spent. */
async function matchesAny(password: string, hashes: string[]): Promise<boolean> {
  if (!hashes.length) {
    await bcrypt.compare(password, DUMMY_HASH);
    return false;
  }
  for (const h of hashes) if (await bcrypt.compare(password, h)) return true;
  return false;
}

async function passwordGrant(ctx: Ctx): Promise<Response> {
  const rawEmail = field(ctx.body, 'email');
  if (!rawEmail && !field(ctx.body, 'phone')) throw fail(400, 'validation_failed', 'missing email or phone');
  const email = validEmail(rawEmail, 'missing email or phone');
  const password = field(ctx.body, 'password') ?? '';
  const { user, pending } = await ctx.asService(async (tx) => {
    const u = await userByEmail(tx, email);
    return { user: u, pending: u?.email_confirmed_at ? [] : await pendingPasswordHashes(tx, ctx, email) };
  });
  if (user && isBanned(user, ctx.now())) throw fail(400, 'user_banned', 'User is banned');
  if (!user?.email_confirmed_at) {
    // Not confirmed: no password is usable yet, but the right one of a pending sign-up (or of
    // an unconfirmed account from before pending sign-ups) hears why.
    const known = await matchesAny(password, [...pending, ...(user?.encrypted_password ? [user.encrypted_password] : [])]);
    throw known ? fail(400, 'email_not_confirmed', 'Email not confirmed') : fail(400, 'invalid_credentials', 'Invalid login credentials');
  }
  if (!(await matchesAny(password, user.encrypted_password ? [user.encrypted_password] : []))) throw fail(400, 'invalid_credentials', 'Invalid login credentials');
  const policy = checkPassword(password);
  const res = await ctx.asService(async (tx) => {
    const { sessionId, refreshToken } = await createSession(tx, ctx, user.id, 'password');
    await audit(tx, ctx, user, 'login', { provider: 'email' });
    return sessionResponse(tx, ctx, user.id, sessionId, refreshToken, policy.ok ? {} : { weak_password: { message: policy.message, reasons: policy.reasons } });
  });
  return json(res);
}

/**
 * The legacy refresh-token algorithm, as Supabase documents it: a token is exchanged once; a
 * revoked one is honoured again only within the reuse interval (10 s) of its revocation — its
 * active child is handed back when it is the parent of one, else a new child is issued.
 * Outside the interval it is reuse: the session ends (deleted with all its tokens), so its
 * access tokens fail GET /user and the app's per-request session check at once.
 */
async function refreshGrant(ctx: Ctx): Promise<Response> {
  const token = field(ctx.body, 'refresh_token') ?? '';
  if (!/^[a-z0-9]{12}$/.test(token)) throw fail(400, 'validation_failed', 'Refresh token is not valid');
  const now = ctx.now();
  const outcome = await ctx.asService(async (tx) => {
    const [row] = await tx.query<{ id: string; user_id: string; revoked: boolean; session_id: string | null; updated_at: Date }>(
      'select id::text, user_id, revoked, session_id, updated_at from auth.refresh_tokens where token = $1 for update',
      [token],
    );
    if (!row) throw fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const user = isUuid(row.user_id) ? await userById(tx, row.user_id) : undefined;
    if (!user) throw fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    if (isBanned(user, now)) throw fail(400, 'user_banned', 'User is banned');
    if (!row.session_id) throw fail(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    const [session] = await tx.query<{ not_after: Date | null }>('select not_after from auth.sessions where id = $1', [row.session_id]);
    if (!session) throw fail(400, 'session_not_found', 'Invalid Refresh Token: No Valid Session Found');
    if (session.not_after && new Date(session.not_after).getTime() < now.getTime()) throw fail(400, 'session_expired', 'Invalid Refresh Token: Session Expired');

    let next: string;
    if (!row.revoked) {
      await tx.query('update auth.refresh_tokens set revoked = true, updated_at = $2 where id = $1::bigint', [row.id, now.toISOString()]);
      next = await insertRefreshToken(tx, user.id, row.session_id, token, now);
    } else if (now.getTime() > new Date(row.updated_at).getTime() + ctx.config.refreshReuseIntervalSeconds * 1000) {
      await tx.query('delete from auth.sessions where id = $1', [row.session_id]);
      await audit(tx, ctx, user, 'token_revoked', { reason: 'refresh_token_reused', session_id: row.session_id });
      return { reused: true as const };
    } else {
      const [active] = await tx.query<{ token: string; parent: string | null }>(
        'select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
        [row.session_id],
      );
      // The client lost the last response: hand it the same child again.
      next = active?.parent === token ? active.token : await insertRefreshToken(tx, user.id, row.session_id, token, now);
    }
    await tx.query("update auth.sessions set refreshed_at = $2, updated_at = $3, user_agent = coalesce(nullif($4, ''), user_agent) where id = $1", [
      row.session_id,
      now.toISOString().replace('Z', ''),
      now.toISOString(),
      (ctx.request.headers.get('user-agent') ?? '').slice(0, 500),
    ]);
    return { response: await sessionResponse(tx, ctx, user.id, row.session_id, next) };
  });
  // The session's end is committed before the error is answered.
  if ('reused' in outcome) throw fail(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
  return json(outcome.response);
}

async function pkceGrant(ctx: Ctx): Promise<Response> {
  const authCode = field(ctx.body, 'auth_code');
  const verifier = field(ctx.body, 'code_verifier');
  if (!authCode || !verifier) throw fail(400, 'validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
  // Auth codes are UUIDs we issued: anything else names no flow (and never reaches SQL).
  if (!isUuid(authCode)) throw fail(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
  const res = await ctx.asService(async (tx) => {
    const [flow] = await tx.query<{ id: string; user_id: string; code_challenge_method: string; code_challenge: string; authentication_method: string; created_at: Date; auth_code_issued_at: Date | null }>(
      'select id, user_id, code_challenge_method::text, code_challenge, authentication_method, created_at, auth_code_issued_at from auth.flow_state where auth_code = $1 for update',
      [authCode],
    );
    if (!flow) throw fail(404, 'flow_state_not_found', 'invalid flow state, no valid flow state found');
    // Emulator choice: the 300 s window starts when the email link issued the code.
    const started = new Date(flow.auth_code_issued_at ?? flow.created_at).getTime();
    if (ctx.now().getTime() > started + ctx.config.flowStateExpSeconds * 1000) throw fail(422, 'flow_state_expired', 'invalid flow state, flow state has expired');
    if (!pkceChallengeMatches(flow.code_challenge_method, flow.code_challenge, verifier)) throw fail(400, 'bad_code_verifier', 'code challenge does not match previously saved code verifier');
    const user = flow.user_id && (await userById(tx, flow.user_id));
    if (!user) throw fail(404, 'user_not_found', 'User not found');
    if (isBanned(user, ctx.now())) throw fail(400, 'user_banned', 'User is banned');
    await tx.query('delete from auth.flow_state where id = $1', [flow.id]);
    const { sessionId, refreshToken } = await createSession(tx, ctx, user.id, flow.authentication_method);
    return sessionResponse(tx, ctx, user.id, sessionId, refreshToken);
  });
  return json(res);
}

export async function token(ctx: Ctx): Promise<Response> {
  switch (ctx.url.searchParams.get('grant_type')) {
    case 'password':
      return passwordGrant(ctx);
    case 'refresh_token':
      return refreshGrant(ctx);
    case 'pkce':
      return pkceGrant(ctx);
    default:
      throw fail(400, 'invalid_credentials', 'unsupported_grant_type');
  }
}
