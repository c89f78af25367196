/**
 * POST /token?grant_type=password|refresh_token|pkce. Refresh tokens rotate on every use;
 * a revoked token presented again outside the reuse interval revokes the whole session
 * (GoTrue's legacy algorithm, tokens/service.go RefreshTokenGrant).
 */
import bcrypt from 'bcryptjs';
import { checkPassword } from '@/lib/auth/password-policy';
import type { Ctx } from './context';
import { pkceChallengeMatches } from './crypto';
import { fail, json, str } from './http';
import { createSession, insertRefreshToken, sessionResponse } from './sessions';
import { requireEmail } from './signup';
import { isBanned, userByEmail, userById } from './users';

// A real hash of a random string, so unknown emails cost the same bcrypt time as known ones.
const DUMMY_HASH = '$2b$10$CwTycUXWue0Thq9StjUM0uJ8.jkSfnFRpm5sQ8YjRTdyOy1dD0Xiu';

async function passwordGrant(ctx: Ctx): Promise<Response> {
  if (!str(ctx.body.email) && !str(ctx.body.phone)) throw fail(400, 'validation_failed', 'missing email or phone');
  const email = requireEmail(ctx.body);
  const password = str(ctx.body.password) ?? '';
  const user = await ctx.asService((tx) => userByEmail(tx, email));
  if (user && isBanned(user, ctx.now())) throw fail(400, 'user_banned', 'User is banned');
  const ok = await bcrypt.compare(password, user?.encrypted_password || DUMMY_HASH);
  if (!user || !user.encrypted_password || !ok) throw fail(400, 'invalid_credentials', 'Invalid login credentials');
  if (!user.email_confirmed_at) throw fail(400, 'email_not_confirmed', 'Email not confirmed');
  const policy = checkPassword(password);
  const res = await ctx.asService(async (tx) => {
    const { sessionId, refreshToken } = await createSession(tx, ctx, user.id, 'password');
    return sessionResponse(tx, ctx, (await userById(tx, user.id))!, sessionId, refreshToken, policy.ok ? {} : { weak_password: { message: policy.message, reasons: policy.reasons } });
  });
  return json(res);
}

async function refreshGrant(ctx: Ctx): Promise<Response> {
  const token = str(ctx.body.refresh_token) ?? '';
  if (token.length < 12 || (token.length === 12 && !/^[a-z0-9]{12}$/.test(token)) || token.length > 12) {
    throw fail(400, 'validation_failed', 'Refresh token is not valid');
  }
  const now = ctx.now();
  const outcome = await ctx.asService(async (tx) => {
    const [row] = await tx.query<{ id: string; user_id: string; revoked: boolean; session_id: string | null; updated_at: Date }>(
      'select id::text, user_id, revoked, session_id, updated_at from auth.refresh_tokens where token = $1 for update',
      [token],
    );
    if (!row) throw fail(400, 'refresh_token_not_found', 'Invalid Refresh Token: Refresh Token Not Found');
    const user = await userById(tx, row.user_id);
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
    } else {
      const [active] = await tx.query<{ token: string; parent: string | null }>(
        'select token, parent from auth.refresh_tokens where session_id = $1 and revoked = false order by id desc limit 1',
        [row.session_id],
      );
      if (active?.parent === token) {
        next = active.token; // the client lost the last response: hand it the same child again
      } else if (now.getTime() > new Date(row.updated_at).getTime() + ctx.config.refreshReuseIntervalSeconds * 1000) {
        return { reused: row.session_id };
      } else {
        next = await insertRefreshToken(tx, user.id, row.session_id, token, now);
      }
    }
    await tx.query('update auth.sessions set refreshed_at = $2, updated_at = $3, user_agent = coalesce(nullif($4, \'\'), user_agent) where id = $1', [
      row.session_id,
      now.toISOString().replace('Z', ''),
      now.toISOString(),
      (ctx.request.headers.get('user-agent') ?? '').slice(0, 500),
    ]);
    return { response: await sessionResponse(tx, ctx, user, row.session_id, next) };
  });
  if ('reused' in outcome) {
    // Reuse detected: revoke every token of the session, committed before answering.
    await ctx.asService((tx) => tx.query('update auth.refresh_tokens set revoked = true where session_id = $1', [outcome.reused]));
    throw fail(400, 'refresh_token_already_used', 'Invalid Refresh Token: Already Used');
  }
  return json(outcome.response);
}

async function pkceGrant(ctx: Ctx): Promise<Response> {
  const authCode = str(ctx.body.auth_code);
  const verifier = str(ctx.body.code_verifier);
  if (!authCode || !verifier) throw fail(400, 'validation_failed', 'invalid request: both auth code and code verifier should be non-empty');
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
    const user = await userById(tx, flow.user_id);
    if (!user) throw fail(404, 'user_not_found', 'User not found');
    if (isBanned(user, ctx.now())) throw fail(400, 'user_banned', 'User is banned');
    await tx.query('delete from auth.flow_state where id = $1', [flow.id]);
    const { sessionId, refreshToken } = await createSession(tx, ctx, user.id, flow.authentication_method);
    return sessionResponse(tx, ctx, user, sessionId, refreshToken);
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
