/**
 * GET and POST /verify: one-time tokens from email links. A link with a `pkce_` token
 * redirects with `?code=` for exchangeCodeForSession; an implicit one redirects with the
 * session in the fragment; failures redirect with `error_code` (GET) or answer JSON (POST).
 */
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { tokenHash } from './crypto';
import { validRedirect } from './emails';
import { AuthError, fail, json, str } from './http';
import { createSession, sessionResponse } from './sessions';
import { isBanned, userById, type UserRow } from './users';

const TYPES: Record<string, string[]> = {
  signup: ['confirmation_token'],
  invite: ['confirmation_token'],
  recovery: ['recovery_token'],
  magiclink: ['recovery_token'],
  email: ['confirmation_token', 'recovery_token'],
  email_change: ['email_change_token_new', 'email_change_token_current'],
};

const FLOW_METHOD: Record<string, string> = { signup: 'email/signup', invite: 'invite', recovery: 'recovery', magiclink: 'magiclink', email_change: 'email_change' };

const SENT_AT: Record<string, keyof UserRow> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  email_change_token_new: 'email_change_sent_at',
  email_change_token_current: 'email_change_sent_at',
};

interface Verified {
  user: UserRow;
  type: string;
  pkce: boolean;
}

async function consume(tx: Tx, ctx: Ctx, type: string, hash: string, viaLink: boolean): Promise<Verified> {
  const allowed = TYPES[type];
  if (!allowed) throw fail(400, 'validation_failed', 'Verify requires a verification type');
  const [row] = await tx.query<{ user_id: string; token_type: string }>(
    'select user_id, token_type::text from auth.one_time_tokens where token_hash = $1 and token_type::text = any($2::text[]) limit 1',
    [hash, allowed],
  );
  const expired = () => fail(403, 'otp_expired', viaLink ? 'Email link is invalid or has expired' : 'Token has expired or is invalid');
  if (!row) throw expired();
  const user = await userById(tx, row.user_id);
  if (!user) throw expired();
  const sentAt = user[SENT_AT[row.token_type]!] as Date | null;
  if (!sentAt || ctx.now().getTime() > new Date(sentAt).getTime() + ctx.config.otpExpSeconds * 1000) throw expired();
  if (isBanned(user, ctx.now())) throw fail(403, 'user_banned', 'User is banned');
  const now = ctx.now().toISOString();
  const effective = type === 'email' ? (row.token_type === 'confirmation_token' ? 'signup' : 'magiclink') : type;
  if (row.token_type === 'confirmation_token' || row.token_type === 'recovery_token') {
    // Confirming (or recovering) confirms the email and spends every one-time token.
    await tx.query(
      `update auth.users set email_confirmed_at = coalesce(email_confirmed_at, $2), confirmation_token = '', recovery_token = '',
         raw_user_meta_data = raw_user_meta_data || '{"email_verified": true}', updated_at = $2 where id = $1`,
      [user.id, now],
    );
    await tx.query(`update auth.identities set identity_data = identity_data || '{"email_verified": true}', updated_at = $2 where user_id = $1 and provider = 'email'`, [user.id, now]);
    await tx.query("delete from auth.one_time_tokens where user_id = $1 and token_type in ('confirmation_token', 'recovery_token')", [user.id]);
  } else {
    // Email change (new address confirmed): apply it.
    await tx.query(
      `update auth.users set email = email_change, email_change = '', email_change_token_new = '', email_change_token_current = '', email_change_confirm_status = 0, updated_at = $2
        where id = $1 and email_change <> ''`,
      [user.id, now],
    );
    await tx.query("delete from auth.one_time_tokens where user_id = $1 and token_type::text like 'email_change%'", [user.id]);
  }
  return { user: (await userById(tx, user.id))!, type: effective, pkce: hash.startsWith('pkce_') };
}

export async function verifyPost(ctx: Ctx): Promise<Response> {
  const type = str(ctx.body.type);
  const token = str(ctx.body.token);
  const tokenHashIn = str(ctx.body.token_hash);
  if (!type) throw fail(400, 'validation_failed', 'Verify requires a verification type');
  if ((token && tokenHashIn) || (!token && !tokenHashIn)) throw fail(400, 'validation_failed', 'Verify requires either a token or a token hash');
  if (tokenHashIn && (ctx.body.email || ctx.body.phone)) throw fail(400, 'validation_failed', 'Only the token_hash and type should be provided');
  const email = str(ctx.body.email);
  if (token && !email) throw fail(400, 'validation_failed', 'Only an email address or phone number should be provided on verify');
  const hash = tokenHashIn ?? tokenHash(email!, token!);
  const res = await ctx.asService(async (tx) => {
    const v = await consume(tx, ctx, type, hash, Boolean(tokenHashIn));
    const { sessionId, refreshToken } = await createSession(tx, ctx, v.user.id, 'otp');
    return sessionResponse(tx, ctx, v.user, sessionId, refreshToken);
  });
  return json(res);
}

function redirectWith(target: string, params: Record<string, string>, where: 'query' | 'fragment' | 'both'): Response {
  const u = new URL(target);
  const q = new URLSearchParams(params);
  if (where !== 'fragment') for (const [k, v] of q) u.searchParams.set(k, v);
  const location = where === 'query' ? u.toString() : `${u.toString().split('#')[0]}#${new URLSearchParams([...q.entries()].sort()).toString()}`;
  return new Response(null, { status: 303, headers: { Location: location, 'Cache-Control': 'no-store' } });
}

export async function verifyGet(ctx: Ctx): Promise<Response> {
  const type = ctx.url.searchParams.get('type') ?? '';
  const token = ctx.url.searchParams.get('token') ?? '';
  if (!type || !TYPES[type]) throw fail(400, 'validation_failed', 'Verify requires a verification type');
  if (!token) throw fail(400, 'validation_failed', 'Verify requires a token or a token hash');
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const pkceLink = token.startsWith('pkce_');
  try {
    const target = await ctx.asService(async (tx) => {
      const v = await consume(tx, ctx, type, token, true);
      if (v.pkce) {
        const [flow] = await tx.query<{ id: string; auth_code: string }>(
          'select id, auth_code from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc limit 1',
          [v.user.id, FLOW_METHOD[type] ?? type],
        );
        if (!flow) throw fail(400, 'flow_state_not_found', 'Code verifier could not be found for this flow');
        await tx.query('update auth.flow_state set auth_code_issued_at = $2, updated_at = $2 where id = $1', [flow.id, ctx.now().toISOString()]);
        return { code: flow.auth_code };
      }
      const { sessionId, refreshToken } = await createSession(tx, ctx, v.user.id, 'otp');
      const s = await sessionResponse(tx, ctx, v.user, sessionId, refreshToken);
      return {
        fragment: {
          access_token: s.access_token,
          expires_at: String(s.expires_at),
          expires_in: String(s.expires_in),
          refresh_token: s.refresh_token,
          sb: '',
          token_type: 'bearer',
          type,
        },
      };
    });
    if ('code' in target && target.code) return redirectWith(redirectTo, { code: target.code }, 'query');
    if (!('fragment' in target) || !target.fragment) throw new Error('verify produced no session');
    return redirectWith(redirectTo, target.fragment, 'fragment');
  } catch (err) {
    if (!(err instanceof AuthError)) throw err;
    const error = err.status === 403 ? 'access_denied' : err.status >= 500 ? 'server_error' : 'invalid_request';
    return redirectWith(redirectTo, { error, error_code: err.code, error_description: err.message, sb: '' }, pkceLink ? 'both' : 'fragment');
  }
}
