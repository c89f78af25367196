/**
 * POST /signup, POST /resend, POST /recover, GET /reauthenticate: creating sign-ups and
 * sending the one-time links and codes. Tokens are stored only as SHA-224 hashes
 * (`pkce_`-prefixed for PKCE flows) and expire after 24 hours. A sign-up stays a pending row
 * (pending.ts) until its link or code is used; the answers and the 60 s email limit are the
 * same whether or not the address is registered.
 */
import bcrypt from 'bcryptjs';
import type { Tx } from '@/lib/db/types';
import { audit } from './audit';
import type { Ctx } from './context';
import { newOtp, tokenHash, uuid } from './crypto';
import { claimEmailSend, frequencyError } from './email-frequency';
import { sendConfirmation, sendReauthentication, sendRecovery, validRedirect, verifyLink } from './emails';
import { fail, json } from './http';
import { createPending, lockAddress, reissueNewest, signupAnswer } from './pending';
import { authenticate } from './sessions';
import { userByEmail, type UserRow } from './users';
import { field, readPkce, requireStrongPassword, userData, validEmail, type Pkce } from './validate';

type TokenType = 'recovery_token' | 'reauthentication_token' | 'email_change_token_new';
const COLUMN: Record<TokenType, [token: string, sentAt: string]> = {
  recovery_token: ['recovery_token', 'recovery_sent_at'],
  reauthentication_token: ['reauthentication_token', 'reauthentication_sent_at'],
  email_change_token_new: ['email_change_token_new', 'email_change_sent_at'],
};

/** Store a new one-time token hash for the user (replacing any earlier one of that type). */
export async function issueOneTimeToken(tx: Tx, ctx: Ctx, user: UserRow, type: TokenType, relatesTo: string, pkce: Pkce | null, flowMethod?: string): Promise<{ hash: string; otp: string }> {
  const otp = newOtp();
  const hash = (pkce ? 'pkce_' : '') + tokenHash(relatesTo, otp);
  const now = ctx.now().toISOString();
  const [column, sentAt] = COLUMN[type];
  await tx.query(`update auth.users set ${column} = $2, ${sentAt} = $3, updated_at = $3 where id = $1`, [user.id, hash, now]);
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

/** The routes' checks in GoTrue's order (api.go's anonymous check, then validateSignupParams). */
function readSignup(body: Record<string, unknown>) {
  const email = field(body, 'email') ?? '';
  const phone = field(body, 'phone') ?? '';
  if (!email && !phone) throw fail(422, 'anonymous_provider_disabled', 'Anonymous sign-ins are disabled');
  const password = field(body, 'password') ?? '';
  if (!password) throw fail(400, 'validation_failed', 'Signup requires a valid password');
  requireStrongPassword(password);
  if (email && phone) throw fail(400, 'validation_failed', 'Only an email address or phone number should be provided on signup.');
  const pkce = readPkce(body);
  if (!email) throw fail(400, 'phone_provider_disabled', 'Phone signups are disabled');
  return { email: validEmail(email), password, pkce, data: userData(body.data) };
}

export async function signup(ctx: Ctx): Promise<Response> {
  const { email, password, pkce, data } = readSignup(ctx.body);
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const passwordHash = await bcrypt.hash(password, 10);

  const outcome = await ctx.asService(async (tx) => {
    await lockAddress(tx, email);
    await claimEmailSend(tx, ctx, email, 'confirmation');
    if ((await userByEmail(tx, email))?.email_confirmed_at) {
      // Registered already: answer exactly as for a new sign-up, send nothing, store nothing.
      return { answer: signupAnswer({ id: uuid(), identityId: uuid(), email, data }, ctx.now()) };
    }
    const p = await createPending(tx, ctx, { email, passwordHash, data, pkce });
    return { answer: signupAnswer({ id: p.id, identityId: p.identityId, email, data }, ctx.now()), mail: p };
  });
  if (outcome.mail) await sendConfirmation(ctx, email, verifyLink(ctx, outcome.mail.hash, 'signup', redirectTo), outcome.mail.otp);
  return json(outcome.answer);
}

export async function resend(ctx: Ctx): Promise<Response> {
  const type = field(ctx.body, 'type');
  if (type !== 'signup' && type !== 'email_change') throw fail(400, 'validation_failed', 'Missing one of these types: signup, email_change, sms, phone_change');
  const email = validEmail(field(ctx.body, 'email'));
  const pkce = readPkce(ctx.body);
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const mail = await ctx.asService(async (tx) => {
    await lockAddress(tx, email);
    await claimEmailSend(tx, ctx, email, 'confirmation');
    return type === 'signup' ? reissueNewest(tx, ctx, email, pkce) : null;
  });
  if (mail) await sendConfirmation(ctx, email, verifyLink(ctx, mail.hash, 'signup', redirectTo), mail.otp);
  return json({});
}

export async function recover(ctx: Ctx): Promise<Response> {
  const email = validEmail(field(ctx.body, 'email'), 'Password recovery requires an email');
  const pkce = readPkce(ctx.body);
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));
  const token = await ctx.asService(async (tx) => {
    await claimEmailSend(tx, ctx, email, 'recovery');
    const user = await userByEmail(tx, email);
    // Only a confirmed account is recovered: an unconfirmed one has no password its owner chose.
    if (!user?.email_confirmed_at) return null;
    await audit(tx, ctx, user, 'user_recovery_requested');
    return (await issueOneTimeToken(tx, ctx, user, 'recovery_token', email, pkce, 'recovery')).hash;
  });
  if (token) await sendRecovery(ctx, email, verifyLink(ctx, token, 'recovery', redirectTo));
  return json({});
}

export async function reauthenticate(ctx: Ctx): Promise<Response> {
  const otp = await ctx.asService(async (tx) => {
    const { user } = await authenticate(ctx, tx);
    if (!user.email_confirmed_at) throw fail(422, 'email_not_confirmed', 'Please verify your email first.');
    const sentAt = user.reauthentication_sent_at;
    if (sentAt && ctx.now().getTime() - new Date(sentAt).getTime() < ctx.config.emailFrequencySeconds * 1000) throw frequencyError(ctx, sentAt);
    return { email: user.email, ...(await issueOneTimeToken(tx, ctx, user, 'reauthentication_token', user.email, null)) };
  });
  await sendReauthentication(ctx, otp.email, otp.otp);
  return json({});
}
