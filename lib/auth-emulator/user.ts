/**
 * GET /user, PUT /user (password, email, metadata) and POST /logout.
 * Password change rules, in GoTrue's order: aal2 when MFA is enrolled; a reauthentication
 * nonce unless the session signed in recently (24 h); not the same password; the policy.
 * On success every other session of the user is signed out.
 */
import bcrypt from 'bcryptjs';
import { audit } from './audit';
import type { Ctx } from './context';
import { tokenHash } from './crypto';
import { sendEmailChange, validRedirect, verifyLink } from './emails';
import { fail, json } from './http';
import { authenticate, verifyBearer } from './sessions';
import { issueOneTimeToken } from './signup';
import { userByEmail, userById, userJson } from './users';
import { field, readPkce, requireStrongPassword, userData, validEmail } from './validate';

export async function getUser(ctx: Ctx): Promise<Response> {
  return json(await ctx.asService(async (tx) => userJson(tx, (await authenticate(ctx, tx)).user)));
}

export async function putUser(ctx: Ctx): Promise<Response> {
  await verifyBearer(ctx); // 401/403 before anything about the body
  if (ctx.body.app_metadata !== undefined) throw fail(403, 'not_admin', 'User not allowed');
  const password = field(ctx.body, 'password');
  const rawEmail = field(ctx.body, 'email');
  const newEmail = rawEmail !== undefined ? validEmail(rawEmail) : undefined;
  const nonce = field(ctx.body, 'nonce');
  const data = ctx.body.data === undefined || ctx.body.data === null ? undefined : userData(ctx.body.data);
  if (password !== undefined) requireStrongPassword(password);
  const newHash = password !== undefined ? await bcrypt.hash(password, 10) : undefined;
  const pkce = newEmail ? readPkce(ctx.body) : null;
  const redirectTo = validRedirect(ctx, ctx.url.searchParams.get('redirect_to'));

  const result = await ctx.asService(async (tx) => {
    const auth = await authenticate(ctx, tx);
    const { user } = auth;
    if (password !== undefined || newEmail !== undefined) {
      const [mfa] = await tx.query("select 1 from auth.mfa_factors where user_id = $1 and status = 'verified' limit 1", [user.id]);
      if (mfa && auth.aal !== 'aal2') throw fail(401, 'insufficient_aal', 'AAL2 session is required to update email or password when MFA is enabled.');
    }
    const now = ctx.now();
    if (password !== undefined) {
      const [s] = auth.sessionId ? await tx.query<{ created_at: Date }>('select created_at from auth.sessions where id = $1', [auth.sessionId]) : [];
      const recent = s && now.getTime() - new Date(s.created_at).getTime() < ctx.config.recentSignInSeconds * 1000;
      if (!recent) {
        if (!nonce) throw fail(400, 'reauthentication_needed', 'Password update requires reauthentication');
        const sentAt = user.reauthentication_sent_at;
        const valid = user.reauthentication_token && user.reauthentication_token === tokenHash(user.email, nonce) && sentAt && now.getTime() < new Date(sentAt).getTime() + ctx.config.otpExpSeconds * 1000;
        if (!valid) throw fail(422, 'reauthentication_not_valid', 'Nonce has expired or is invalid');
      }
      if (user.encrypted_password && (await bcrypt.compare(password, user.encrypted_password))) {
        throw fail(422, 'same_password', 'New password should be different from the old password.');
      }
      await tx.query(
        `update auth.users set encrypted_password = $2, confirmation_token = '', recovery_token = '', email_change_token_new = '',
           email_change_token_current = '', reauthentication_token = '', updated_at = $3 where id = $1`,
        [user.id, newHash, now.toISOString()],
      );
      await tx.query('delete from auth.one_time_tokens where user_id = $1', [user.id]);
      await tx.query('delete from auth.sessions where user_id = $1 and ($2::uuid is null or id <> $2::uuid)', [user.id, auth.sessionId]);
      await audit(tx, ctx, user, 'user_updated_password');
    }
    if (data) {
      await tx.query(
        `update auth.users set raw_user_meta_data = jsonb_strip_nulls(raw_user_meta_data || $2::jsonb), updated_at = $3 where id = $1`,
        [user.id, JSON.stringify(data), now.toISOString()],
      );
    }
    let emailToken: string | undefined;
    if (newEmail && newEmail !== user.email) {
      if (await userByEmail(tx, newEmail)) throw fail(422, 'email_exists', 'A user with this email address has already been registered');
      await tx.query('update auth.users set email_change = $2 where id = $1', [user.id, newEmail]);
      emailToken = (await issueOneTimeToken(tx, ctx, (await userById(tx, user.id))!, 'email_change_token_new', newEmail, pkce, 'email_change')).hash;
    }
    return { user: await userJson(tx, (await userById(tx, user.id))!), emailToken };
  });
  if (result.emailToken && newEmail) await sendEmailChange(ctx, newEmail, verifyLink(ctx, result.emailToken, 'email_change', redirectTo));
  return json(result.user);
}

export async function logout(ctx: Ctx): Promise<Response> {
  const scope = ctx.url.searchParams.get('scope') ?? 'global';
  await ctx.asService(async (tx) => {
    const { user, sessionId } = await authenticate(ctx, tx);
    if (!['global', 'local', 'others', ''].includes(scope)) throw fail(400, 'validation_failed', `Unsupported logout scope "${scope.slice(0, 40)}"`);
    await audit(tx, ctx, user, 'logout', { scope: scope || 'global' });
    if (!sessionId || scope === 'global' || scope === '') await tx.query('delete from auth.sessions where user_id = $1', [user.id]);
    else if (scope === 'local') await tx.query('delete from auth.sessions where id = $1', [sessionId]);
    else await tx.query('delete from auth.sessions where user_id = $1 and id <> $2', [user.id, sessionId]);
  });
  return new Response(null, { status: 204 });
}
