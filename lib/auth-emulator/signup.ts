/**
 * POST /signup, POST /resend, POST /recover, GET /reauthenticate: creating accounts and
 * sending the one-time links and codes. Tokens are stored only as SHA-224 hashes
 * (`pkce_`-prefixed for PKCE flows), one per user and type, and expire after 24 hours.
 */
import bcrypt from 'bcryptjs';
import { checkPassword } from '@/lib/auth/password-policy';
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { newOtp, tokenHash, uuid } from './crypto';
import { sendConfirmation, sendReauthentication, sendRecovery, validRedirect, verifyLink } from './emails';
import { fail, json, str } from './http';
import { authenticate } from './sessions';
import { userByEmail, userJson, type UserRow } from './users';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function requireEmail(body: Record<string, unknown>): string {
  const email = str(body.email)?.trim().toLowerCase();
  if (!email) throw fail(400, 'validation_failed', 'missing email or phone');
  if (!EMAIL.test(email) || email.length > 255) throw fail(400, 'validation_failed', `Unable to validate email address: invalid format`);
  return email;
}

export function passwordProblem(password: string) {
  const r = checkPassword(password);
  return r.ok ? null : fail(422, 'weak_password', r.message, { weak_password: { reasons: r.reasons } });
}

interface Pkce {
  challenge: string;
  method: 's256' | 'plain';
}

export function readPkce(body: Record<string, unknown>): Pkce | null {
  const challenge = str(body.code_challenge);
  const method = str(body.code_challenge_method)?.toLowerCase();
  if (!challenge && !method) return null;
  if (!challenge || !method) throw fail(400, 'validation_failed', 'PKCE flow requires code_challenge_method and code_challenge');
  if (method !== 's256' && method !== 'plain') throw fail(400, 'validation_failed', 'code challenge method not supported');
  return { challenge, method };
}

type TokenType = 'confirmation_token' | 'recovery_token' | 'reauthentication_token' | 'email_change_token_new';
const COLUMN: Record<TokenType, string> = {
  confirmation_token: 'confirmation_token',
  recovery_token: 'recovery_token',
  reauthentication_token: 'reauthentication_token',
  email_change_token_new: 'email_change_token_new',
};
const SENT_AT: Record<TokenType, string> = {
  confirmation_token: 'confirmation_sent_at',
  recovery_token: 'recovery_sent_at',
  reauthentication_token: 'reauthentication_sent_at',
  email_change_token_new: 'email_change_sent_at',
};

/** Store a new one-time token hash for the user (replacing any earlier one of that type). */
export async function issueOneTimeToken(tx: Tx, ctx: Ctx, user: UserRow, type: TokenType, relatesTo: string, pkce: Pkce | null, flowMethod?: string): Promise<{ hash: string; otp: string }> {
  const otp = newOtp();
  const hash = (pkce ? 'pkce_' : '') + tokenHash(relatesTo, otp);
  const now = ctx.now().toISOString();
  await tx.query(`update auth.users set ${COLUMN[type]} = $2, ${SENT_AT[type]} = $3, updated_at = $3 where id = $1`, [user.id, hash, now]);
  await tx.query(
    `insert into auth.one_time_tokens (user_id, token_type, token_hash, relates_to, created_at, updated_at) values ($1, $2, $3, $4, $5, $5)
     on conflict (user_id, token_type) do update set token_hash = excluded.token_hash, relates_to = excluded.relates_to, created_at = excluded.created_at, updated_at = excluded.updated_at`,
    [user.id, type, hash, relatesTo, now],
  );
  if (pkce && flowMethod) {
    await tx.query(
      `insert into auth.flow_state (id, user_id, auth_code, code_challenge_method, code_challenge, provider_type, authentication_method, created_at, updated_at)
       values ($1, $2, $3, $4, $5, 'email', $6, $7, $7)`,
      [uuid(), user.id, uuid(), pkce.method, pkce.challenge, flowMethod, now],
    );
  }
  return { hash, otp };
}

function tooSoon(ctx: Ctx, sentAt: Date | null): boolean {
  return sentAt !== null && ctx.now().getTime() - new Date(sentAt).getTime() < ctx.config.emailFrequencySeconds * 1000;
}

function frequencyError(ctx: Ctx, sentAt: Date) {
  const wait = Math.max(1, Math.ceil(ctx.config.emailFrequencySeconds - (ctx.now().getTime() - new Date(sentAt).getTime()) / 1000));
  return fail(429, 'over_email_send_rate_limit', `For security purposes, you can only request this after ${wait} seconds.`, {}, { 'Retry-After': String(wait) });
}

export async function signup(ctx: Ctx): Promise<Response> {
  const email = requireEmail(ctx.body);
  const password = str(ctx.body.password) ?? '';
  if (!password) throw fail(400, 'validation_failed', 'Signup requires a valid password');
  if (Buffer.byteLength(password) > 72) throw fail(400, 'validation_failed', 'Password cannot be longer than 72 characters');
  const weak = passwordProblem(password);
  if (weak) throw weak;
  const pkce = readPkce(ctx.body);
  const data = ctx.body.data && typeof ctx.body.data === 'object' && !Array.isArray(ctx.body.data) ? (ctx.body.data as Record<string, unknown>) : {};
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const hash = await bcrypt.hash(password, 10);

  const outcome = await ctx.asService(async (tx) => {
    const existing = await userByEmail(tx, email);
    if (existing?.email_confirmed_at) {
      // Do not reveal that the address is registered: answer with a look-alike user.
      const now = ctx.now().toISOString();
      return { fake: { id: uuid(), aud: 'authenticated', role: 'authenticated', email, phone: '', app_metadata: { provider: 'email', providers: ['email'] }, user_metadata: data, identities: [], created_at: now, updated_at: now, is_anonymous: false } };
    }
    let user = existing;
    if (!user) {
      const id = uuid();
      const now = ctx.now().toISOString();
      await tx.query(
        `insert into auth.users (id, aud, role, email, encrypted_password, raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_anonymous)
         values ($1, 'authenticated', 'authenticated', $2, $3, '{"provider":"email","providers":["email"]}', $4::jsonb, $5, $5, false)`,
        [id, email, hash, JSON.stringify(data), now],
      );
      await tx.query(
        `insert into auth.identities (provider_id, user_id, identity_data, provider, last_sign_in_at, created_at, updated_at) values ($1::text, $1::text::uuid, $2::jsonb, 'email', $3, $3, $3)`,
        [id, JSON.stringify({ sub: id, email, email_verified: false, phone_verified: false, ...data }), now],
      );
      user = (await userByEmail(tx, email))!;
    } else if (tooSoon(ctx, user.confirmation_sent_at)) {
      throw frequencyError(ctx, user.confirmation_sent_at!);
    }
    const { hash: token } = await issueOneTimeToken(tx, ctx, user, 'confirmation_token', email, pkce, 'email/signup');
    return { user: await userJson(tx, (await userByEmail(tx, email))!), token };
  });
  if ('fake' in outcome) return json(outcome.fake);
  await sendConfirmation(ctx, email, verifyLink(ctx, outcome.token, 'signup', redirectTo));
  return json(outcome.user);
}

export async function resend(ctx: Ctx): Promise<Response> {
  const type = str(ctx.body.type);
  if (type !== 'signup' && type !== 'email_change') throw fail(400, 'validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
  const email = requireEmail(ctx.body);
  const pkce = readPkce(ctx.body);
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const token = await ctx.asService(async (tx) => {
    const user = await userByEmail(tx, email);
    if (!user || type !== 'signup' || user.email_confirmed_at) return null;
    if (tooSoon(ctx, user.confirmation_sent_at)) throw frequencyError(ctx, user.confirmation_sent_at!);
    return (await issueOneTimeToken(tx, ctx, user, 'confirmation_token', email, pkce, 'email/signup')).hash;
  });
  if (token) await sendConfirmation(ctx, email, verifyLink(ctx, token, 'signup', redirectTo));
  return json({});
}

export async function recover(ctx: Ctx): Promise<Response> {
  const email = requireEmail(ctx.body);
  const pkce = readPkce(ctx.body);
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const token = await ctx.asService(async (tx) => {
    const user = await userByEmail(tx, email);
    if (!user) return null;
    if (tooSoon(ctx, user.recovery_sent_at)) throw frequencyError(ctx, user.recovery_sent_at!);
    return (await issueOneTimeToken(tx, ctx, user, 'recovery_token', email, pkce, 'recovery')).hash;
  });
  if (token) await sendRecovery(ctx, email, verifyLink(ctx, token, 'recovery', redirectTo));
  return json({});
}

export async function reauthenticate(ctx: Ctx): Promise<Response> {
  const otp = await ctx.asService(async (tx) => {
    const { user } = await authenticate(ctx, tx);
    if (!user.email_confirmed_at) throw fail(422, 'email_not_confirmed', 'Please verify your email first.');
    if (tooSoon(ctx, user.reauthentication_sent_at)) throw frequencyError(ctx, user.reauthentication_sent_at!);
    return { email: user.email, ...(await issueOneTimeToken(tx, ctx, user, 'reauthentication_token', user.email, null)) };
  });
  await sendReauthentication(ctx, otp.email, otp.otp);
  return json({});
}
