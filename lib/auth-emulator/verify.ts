/**
 * GET and POST /verify: one-time tokens from email links and codes. A sign-up's link or code
 * confirms that pending sign-up (pending.ts); recovery and email-change tokens are the
 * user's one_time_tokens. A link with a `pkce_` token redirects with `?code=` for
 * exchangeCodeForSession; an implicit one redirects with the session in the fragment;
 * failures redirect with `error_code` (GET) or answer JSON (POST).
 */
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { tokenHash } from './crypto';
import { validRedirect } from './emails';
import { AuthError, fail, json } from './http';
import { confirmPending, dropPending, findPending, linkInvalid } from './pending';
import { createSession, sessionResponse } from './sessions';
import { isBanned, userByEmail, userById, type UserRow } from './users';
import { field, validEmail } from './validate';

type Kind = 'signup' | 'recovery_token' | 'email_change';
const KINDS: Record<string, Kind[]> = {
  signup: ['signup'],
  invite: ['signup'],
  recovery: ['recovery_token'],
  magiclink: ['recovery_token'],
  email: ['signup', 'recovery_token'],
  email_change: ['email_change'],
};

const FLOW_METHOD: Record<string, string> = { recovery: 'recovery', magiclink: 'magiclink', email_change: 'email_change' };

/** What a link or code names: its token hash, or an address and the hash of the code typed. */
type Match = { hash: string } | { email: string; otpHash: string };

/** Token hashes are hex SHA-224, maybe pkce_-prefixed: anything else matches nothing (and never reaches SQL). */
const plausibleHash = (h: string) => /^(pkce_)?[0-9a-f]{56}$/.test(h);

interface Verified {
  user: UserRow;
  type: string;
  /** The PKCE flow to issue a code for (a sign-up's own flow), if the token was pkce_. */
  flowStateId?: string | null;
  pkce: boolean;
}

async function userToken(tx: Tx, kinds: string[], match: Match) {
  const hashes = 'hash' in match ? [match.hash] : [match.otpHash, `pkce_${match.otpHash}`];
  const [row] = await tx.query<{ user_id: string; token_type: string; token_hash: string }>(
    `select t.user_id, t.token_type::text, t.token_hash from auth.one_time_tokens t join auth.users u on u.id = t.user_id
      where t.token_hash = any($1::text[]) and t.token_type::text = any($2::text[]) and ($3::text is null or lower(u.email) = $3 or t.relates_to = $3) limit 1`,
    [hashes, kinds, 'email' in match ? match.email : null],
  );
  return row;
}

async function consume(tx: Tx, ctx: Ctx, type: string, match: Match, viaLink: boolean): Promise<Verified> {
  const kinds = KINDS[type];
  if (!kinds) throw fail(400, 'validation_failed', 'Verify requires a verification type');
  if ('hash' in match && !plausibleHash(match.hash)) throw linkInvalid(viaLink);

  if (kinds.includes('signup')) {
    const p = await findPending(tx, ctx, match);
    if (p) {
      const user = await confirmPending(tx, ctx, p);
      if (!user) throw linkInvalid(viaLink);
      return { user, type: 'signup', flowStateId: p.flow_state_id, pkce: p.token_hash.startsWith('pkce_') };
    }
  }
  const tokenKinds = kinds.flatMap((k) => (k === 'signup' ? [] : k === 'email_change' ? ['email_change_token_new', 'email_change_token_current'] : [k]));
  const row = tokenKinds.length ? await userToken(tx, tokenKinds, match) : undefined;
  const user = row && (await userById(tx, row.user_id));
  if (!row || !user?.email_confirmed_at) throw linkInvalid(viaLink);
  const sentAt = row.token_type === 'recovery_token' ? user.recovery_sent_at : user.email_change_sent_at;
  if (!sentAt || ctx.now().getTime() > new Date(sentAt).getTime() + ctx.config.otpExpSeconds * 1000) throw linkInvalid(viaLink);
  if (isBanned(user, ctx.now())) throw fail(403, 'user_banned', 'User is banned');
  const now = ctx.now().toISOString();
  if (row.token_type === 'recovery_token') {
    await tx.query(`update auth.users set recovery_token = '', updated_at = $2 where id = $1`, [user.id, now]);
    await tx.query("delete from auth.one_time_tokens where user_id = $1 and token_type = 'recovery_token'", [user.id]);
  } else {
    // Email change (new address confirmed): apply it, unless the address was registered
    // meanwhile; sign-ups pending for that address lapse.
    if (user.email_change && (await userByEmail(tx, user.email_change))) throw fail(422, 'email_exists', 'A user with this email address has already been registered');
    await tx.query(
      `update auth.users set email = email_change, email_change = '', email_change_token_new = '', email_change_token_current = '', email_change_confirm_status = 0, updated_at = $2
        where id = $1 and email_change <> ''`,
      [user.id, now],
    );
    await tx.query("delete from auth.one_time_tokens where user_id = $1 and token_type::text like 'email_change%'", [user.id]);
    const changed = await userById(tx, user.id);
    if (changed?.email) await dropPending(tx, changed.email);
  }
  const effective = type === 'email' ? 'magiclink' : type;
  return { user: (await userById(tx, user.id))!, type: effective, pkce: row.token_hash.startsWith('pkce_') };
}

export async function verifyPost(ctx: Ctx): Promise<Response> {
  const type = field(ctx.body, 'type');
  const token = field(ctx.body, 'token');
  const tokenHashIn = field(ctx.body, 'token_hash');
  if (!type) throw fail(400, 'validation_failed', 'Verify requires a verification type');
  if ((token && tokenHashIn) || (!token && !tokenHashIn)) throw fail(400, 'validation_failed', 'Verify requires either a token or a token hash');
  if (tokenHashIn && (ctx.body.email || ctx.body.phone)) throw fail(400, 'validation_failed', 'Only the token_hash and type should be provided');
  if (token && !field(ctx.body, 'email')) throw fail(400, 'validation_failed', 'Only an email address or phone number should be provided on verify');
  let match: Match;
  if (tokenHashIn) match = { hash: tokenHashIn };
  else {
    const email = validEmail(field(ctx.body, 'email'));
    match = { email, otpHash: tokenHash(email, token!) };
  }
  const res = await ctx.asService(async (tx) => {
    const v = await consume(tx, ctx, type, match, Boolean(tokenHashIn));
    const { sessionId, refreshToken } = await createSession(tx, ctx, v.user.id, 'otp');
    return sessionResponse(tx, ctx, v.user.id, sessionId, refreshToken);
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

async function flowFor(tx: Tx, v: Verified, type: string) {
  if (v.type === 'signup') {
    const [flow] = v.flowStateId ? await tx.query<{ id: string; auth_code: string }>('select id, auth_code from auth.flow_state where id = $1', [v.flowStateId]) : [];
    return flow;
  }
  const [flow] = await tx.query<{ id: string; auth_code: string }>(
    'select id, auth_code from auth.flow_state where user_id = $1 and authentication_method = $2 order by created_at desc limit 1',
    [v.user.id, FLOW_METHOD[type] ?? type],
  );
  return flow;
}

export async function verifyGet(ctx: Ctx): Promise<Response> {
  const type = ctx.url.searchParams.get('type') ?? '';
  const token = ctx.url.searchParams.get('token') ?? '';
  if (!type || !KINDS[type]) throw fail(400, 'validation_failed', 'Verify requires a verification type');
  if (!token) throw fail(400, 'validation_failed', 'Verify requires a token or a token hash');
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const pkceLink = token.startsWith('pkce_');
  try {
    const target = await ctx.asService(async (tx) => {
      const v = await consume(tx, ctx, type, { hash: token }, true);
      if (v.pkce) {
        const flow = await flowFor(tx, v, type);
        if (!flow) throw fail(400, 'flow_state_not_found', 'Code verifier could not be found for this flow');
        await tx.query('update auth.flow_state set auth_code_issued_at = $2, updated_at = $2 where id = $1', [flow.id, ctx.now().toISOString()]);
        return { code: flow.auth_code };
      }
      const { sessionId, refreshToken } = await createSession(tx, ctx, v.user.id, 'otp');
      const s = await sessionResponse(tx, ctx, v.user.id, sessionId, refreshToken);
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
