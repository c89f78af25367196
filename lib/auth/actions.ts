'use server';
/**
 * Server actions behind the sign-up, sign-in, MFA and recovery forms. All auth calls run on
 * the server through @supabase/ssr (httpOnly cookies), against Supabase Auth or the embedded
 * emulator alike. Each action is a formAction (nobody is signed in yet), rate limits by client
 * IP and email (fail-closed), and returns a message for the form or redirects.
 */
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { env } from '@/lib/env';
import { formAction } from '@/lib/http/action';
import { createClient } from '@/lib/supabase/server';
import { authMessage, passwordAdvice } from './messages';
import { checkPassword } from './password-policy';
import { limitAuthAttempt } from './rate-limit';
import { safeNextPath } from './redirects';

const ZEmail = z.email({ message: 'Enter a valid email address.' }).trim().toLowerCase().max(255);
const ZNewPassword = z.string().max(72, 'Passwords can be at most 72 characters.');

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
      emailRedirectTo: `${env().appUrl}/auth/confirm?flow=signup&next=${encodeURIComponent(safeNextPath(next) ?? '/email-confirmed')}`,
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

const ZEmailOnly = z.object({ email: ZEmail });

export const resendConfirmationAction = formAction({ input: ZEmailOnly }, async ({ input: { email } }) => {
  const limited = await limitAuthAttempt('email', email);
  if (limited) return { error: limited };
  const supabase = await createClient();
  const { error } = await supabase.auth.resend({ type: 'signup', email, options: { emailRedirectTo: `${env().appUrl}/auth/confirm?flow=signup&next=/email-confirmed` } });
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
