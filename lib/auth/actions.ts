'use server';
/**
 * Server actions behind the sign-up, sign-in, MFA and recovery forms. All auth calls run on
 * the server through @supabase/ssr (httpOnly cookies), against Supabase Auth or the embedded
 * emulator alike. Each action is a formAction (nobody is signed in yet), rate limits by client
 * IP and email (fail-closed), and returns a message for the form or redirects.
 */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { myVerifiedFactor, recoveryCodeHashes, useRecoveryCode } from '@/lib/account/service';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { logError } from '@/lib/log';
import { deleteUserFactor } from '@/lib/supabase/admin';
import { verifiedClaims } from './claims';
import { formAction } from '@/lib/http/action';
import { createClient } from '@/lib/supabase/server';
import { authMessage, passwordAdvice } from './messages';
import { checkPassword } from './password-policy';
import { limitAuthAttempt } from './rate-limit';
import { matchRecoveryCode } from './recovery-codes';
import { safeNextPath } from './redirects';

const ZEmail = z.email({ message: 'Enter a valid email address.' }).trim().toLowerCase().max(255);
const ZNewPassword = z.string().max(72, 'Passwords can be at most 72 characters.');

/**
 * Where a sign-up's confirmation link lands. The address rides along only to prefill the
 * sign-in form when the link is opened in another browser (lib/auth/confirm.ts).
 */
const confirmRedirect = (email: string, next: string) =>
  `${env().appUrl}/auth/confirm?${new URLSearchParams({ flow: 'signup', email, next }).toString()}`;

const ZSignUp = z.object({
  fullName: z.string().trim().min(1, 'Enter your name.').max(200, 'Your name is too long.'),
  email: ZEmail,
  password: ZNewPassword,
  next: z.string().optional(),
});

export const signUpAction = formAction({ input: ZSignUp, echo: ['fullName', 'email'] }, async ({ input: { fullName, email, password, next } }) => {
  const policy = checkPassword(password);
  if (!policy.ok) return { error: passwordAdvice(policy.reasons, policy.message) };
  const limited = await limitAuthAttempt('signup', email);
  if (limited) return { error: limited };

  const supabase = await createClient();
  const { error } = await supabase.auth.signUp({
    email,
    password,
    options: {
      data: { full_name: fullName },
      emailRedirectTo: confirmRedirect(email, safeNextPath(next) ?? '/email-confirmed'),
    },
  });
  if (error) {
    const reasons = 'reasons' in error && Array.isArray(error.reasons) ? (error.reasons as string[]) : [];
    if (reasons.includes('pwned')) return { error: passwordAdvice(reasons, error.message) };
    return { error: authMessage(error.code) };
  }
  redirect(`/check-email?email=${encodeURIComponent(email)}`);
});

const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1, 'Enter your password.').max(200), next: z.string().optional() });

export const signInAction = formAction({ input: ZSignIn, echo: ['email'] }, async ({ input: { email, password, next } }) => {
  const limited = await limitAuthAttempt('signin', email);
  if (limited) return { error: limited };

  const supabase = await createClient();
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) {
    if (error.code === 'email_not_confirmed') return { error: authMessage(error.code), fields: { unconfirmed: '1' } };
    return { error: authMessage(error.code ?? 'invalid_credentials') };
  }
  const target = safeNextPath(next) ?? '/o';
  const verified = data.user?.factors?.some((f) => f.status === 'verified');
  redirect(verified ? `/sign-in/mfa?next=${encodeURIComponent(target)}` : target);
});

const ZMfa = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'), next: z.string().optional() });

export const verifyMfaAction = formAction({ input: ZMfa }, async ({ input }) => {
  const supabase = await createClient();
  const { data: claimsData } = await supabase.auth.getClaims();
  const email = typeof claimsData?.claims?.email === 'string' ? claimsData.claims.email : '';
  const limited = await limitAuthAttempt('mfa', email);
  if (limited) return { error: limited };
  const { data: factors, error: listError } = await supabase.auth.mfa.listFactors();
  if (listError) return { error: authMessage(listError.code, 'Sign in again to continue.') };
  const factor = factors.totp[0];
  if (!factor) redirect(safeNextPath(input.next) ?? '/o');
  const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId: factor.id, code: input.code });
  if (error) return { error: authMessage(error.code) };
  redirect(safeNextPath(input.next) ?? '/o');
});

const ZRecoveryCode = z.object({ code: z.string().trim().min(1, 'Enter one of your recovery codes.').max(40, 'Enter one of your recovery codes.') });

/**
 * A recovery code instead of the TOTP code, at the MFA step (an aal1 session after the
 * password). The server compares it with the stored bcrypt hashes, marks it used (audited),
 * then removes the lost authenticator through the admin API (Supabase Auth has no user-level
 * way to skip aal2). The person is then signed in at aal1 and sent to set up a new one.
 */
export const redeemRecoveryCodeAction = formAction({ input: ZRecoveryCode }, async ({ input }) => {
  const supabase = await createClient();
  const claims = await verifiedClaims(supabase);
  if (!claims) redirect('/sign-in');
  const email = typeof claims.email === 'string' ? claims.email : claims.sub;
  const limited = await limitAuthAttempt('recovery', email);
  if (limited) return { error: limited };
  const refused = { error: 'That recovery code is not right, or it has been used already. Check it, or use your authenticator app.' };
  const found = await withUser(claims, async (tx) => ({ factor: await myVerifiedFactor(tx), stored: await recoveryCodeHashes(tx) }));
  if (!found.factor) redirect('/o');
  const id = await matchRecoveryCode(input.code, found.stored);
  if (!id) return refused;
  const left = await withUser(claims, (tx) => useRecoveryCode(tx, id));
  if (left === null) return refused;
  const failed = await deleteUserFactor(claims.sub, found.factor.id);
  if (failed) {
    logError('recovery code accepted but the factor was not removed', { code: failed });
    return { error: 'Your recovery code was accepted, but two-factor authentication could not be turned off. Try another recovery code in a moment.' };
  }
  redirect('/settings/security?recovered=1');
});

const ZEmailOnly = z.object({ email: ZEmail });

export const resendConfirmationAction = formAction({ input: ZEmailOnly }, async ({ input: { email } }) => {
  const limited = await limitAuthAttempt('email', email);
  if (limited) return { error: limited };
  const supabase = await createClient();
  const { error } = await supabase.auth.resend({ type: 'signup', email, options: { emailRedirectTo: confirmRedirect(email, '/email-confirmed') } });
  if (error) return { error: authMessage(error.code) };
  return { notice: `If ${email} is waiting for confirmation, a new link is on its way.` };
});

export const forgotPasswordAction = formAction({ input: ZEmailOnly, echo: ['email'] }, async ({ input: { email } }) => {
  const limited = await limitAuthAttempt('email', email);
  if (limited) return { error: limited };
  const supabase = await createClient();
  const { error } = await supabase.auth.resetPasswordForEmail(email, { redirectTo: `${env().appUrl}/auth/confirm?next=/reset-password` });
  if (error?.code === 'over_email_send_rate_limit') return { error: authMessage(error.code) };
  // Same answer whether or not the account exists.
  return { notice: `If an account exists for ${email}, we have sent it a link to choose a new password. The link works once, for 24 hours.` };
});

const ZResetPassword = z
  .object({ password: ZNewPassword, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two passwords do not match.', path: ['confirm'] });

export const resetPasswordAction = formAction({ input: ZResetPassword }, async ({ input }) => {
  const policy = checkPassword(input.password);
  if (!policy.ok) return { error: passwordAdvice(policy.reasons, policy.message) };
  const supabase = await createClient();
  const { error } = await supabase.auth.updateUser({ password: input.password });
  if (error) return { error: authMessage(error.code) };
  redirect('/settings?notice=password_changed');
});

export const ssoAction = formAction({ input: ZEmailOnly, echo: ['email'] }, async ({ input: { email } }) => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.signInWithSSO({ domain: email.split('@')[1] ?? '', options: { redirectTo: `${env().appUrl}/auth/confirm?next=/o` } });
  if (error) return { error: authMessage(error.code) };
  if (data?.url) redirect(data.url);
  return { error: 'Single sign-on did not return a sign-in address.' };
});
