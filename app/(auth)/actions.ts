'use server';
/**
 * Server actions behind the sign-up, sign-in, MFA and recovery forms. All auth calls run on
 * the server through @supabase/ssr (httpOnly cookies), against Supabase Auth or the embedded
 * emulator alike. Each action validates with zod, rate limits by client IP and email
 * (fail-closed), and returns a message for the form or redirects.
 */
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { clientIpFrom } from '@/lib/http/client-ip';
import { env } from '@/lib/env';
import { authMessage, passwordAdvice } from '@/lib/auth/messages';
import { checkPassword } from '@/lib/auth/password-policy';
import { limitAuthAttempt } from '@/lib/auth/rate-limit';
import { safeNextPath } from '@/lib/auth/redirects';
import { createClient } from '@/lib/supabase/server';

export type FormState = { error?: string; notice?: string; fields?: Record<string, string> } | undefined;

const ZEmail = z.email({ message: 'Enter a valid email address.' }).trim().toLowerCase().max(255);

async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}

function first(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'Check the form.';
}

const ZSignUp = z.object({
  fullName: z.string().trim().min(1, 'Enter your name.').max(200, 'Your name is too long.'),
  email: ZEmail,
  password: z.string().max(72, 'Passwords can be at most 72 characters.'),
  next: z.string().optional(),
});

export async function signUpAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZSignUp.safeParse(Object.fromEntries(form));
  const fields = { fullName: String(form.get('fullName') ?? ''), email: String(form.get('email') ?? '') };
  if (!parsed.success) return { error: first(parsed.error), fields };
  const { fullName, email, password } = parsed.data;
  const policy = checkPassword(password);
  if (!policy.ok) return { error: passwordAdvice(policy.reasons, policy.message), fields };
  const limited = await limitAuthAttempt('signup', await clientIp(), email);
  if (limited) return { error: limited, fields };

  const next = safeNextPath(parsed.data.next);
  const supabase = await createClient();
  const { error } = await supabase.auth.signUp({
    email,
    password,
    options: {
      data: { full_name: fullName },
      emailRedirectTo: `${env().appUrl}/auth/confirm?next=${encodeURIComponent(next ?? '/email-confirmed')}`,
    },
  });
  if (error) {
    const reasons = 'reasons' in error && Array.isArray(error.reasons) ? (error.reasons as string[]) : [];
    if (reasons.includes('pwned')) return { error: passwordAdvice(reasons, error.message), fields };
    return { error: authMessage(error.code), fields };
  }
  redirect(`/check-email?email=${encodeURIComponent(email)}`);
}

const ZSignIn = z.object({ email: ZEmail, password: z.string().min(1, 'Enter your password.').max(200), next: z.string().optional() });

export async function signInAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZSignIn.safeParse(Object.fromEntries(form));
  const fields = { email: String(form.get('email') ?? '') };
  if (!parsed.success) return { error: first(parsed.error), fields };
  const { email, password } = parsed.data;
  const limited = await limitAuthAttempt('signin', await clientIp(), email);
  if (limited) return { error: limited, fields };

  const supabase = await createClient();
  const { data, error } = await supabase.auth.signInWithPassword({ email, password });
  if (error) {
    if (error.code === 'email_not_confirmed') return { error: authMessage(error.code), fields: { ...fields, unconfirmed: '1' } };
    return { error: authMessage(error.code ?? 'invalid_credentials'), fields };
  }
  const next = safeNextPath(parsed.data.next) ?? '/o';
  const verified = data.user?.factors?.some((f) => f.status === 'verified');
  redirect(verified ? `/sign-in/mfa?next=${encodeURIComponent(next)}` : next);
}

const ZMfa = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'), next: z.string().optional() });

export async function verifyMfaAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZMfa.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: first(parsed.error) };
  const supabase = await createClient();
  const { data: claimsData } = await supabase.auth.getClaims();
  const email = typeof claimsData?.claims?.email === 'string' ? claimsData.claims.email : '';
  const limited = await limitAuthAttempt('mfa', await clientIp(), email);
  if (limited) return { error: limited };
  const { data: factors, error: listError } = await supabase.auth.mfa.listFactors();
  if (listError) return { error: authMessage(listError.code, 'Sign in again to continue.') };
  const factor = factors.totp[0];
  if (!factor) redirect(safeNextPath(parsed.data.next) ?? '/o');
  const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId: factor.id, code: parsed.data.code });
  if (error) return { error: authMessage(error.code) };
  redirect(safeNextPath(parsed.data.next) ?? '/o');
}

const ZEmailOnly = z.object({ email: ZEmail });

export async function resendConfirmationAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZEmailOnly.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: first(parsed.error) };
  const limited = await limitAuthAttempt('email', await clientIp(), parsed.data.email);
  if (limited) return { error: limited };
  const supabase = await createClient();
  const { error } = await supabase.auth.resend({
    type: 'signup',
    email: parsed.data.email,
    options: { emailRedirectTo: `${env().appUrl}/auth/confirm?next=/email-confirmed` },
  });
  if (error) return { error: authMessage(error.code) };
  return { notice: `If ${parsed.data.email} is waiting for confirmation, a new link is on its way.` };
}

export async function forgotPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZEmailOnly.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: first(parsed.error), fields: { email: String(form.get('email') ?? '') } };
  const limited = await limitAuthAttempt('email', await clientIp(), parsed.data.email);
  if (limited) return { error: limited };
  const supabase = await createClient();
  const { error } = await supabase.auth.resetPasswordForEmail(parsed.data.email, {
    redirectTo: `${env().appUrl}/auth/confirm?next=/reset-password`,
  });
  if (error?.code === 'over_email_send_rate_limit') return { error: authMessage(error.code) };
  // Same answer whether or not the account exists.
  return { notice: `If an account exists for ${parsed.data.email}, we have sent it a link to choose a new password. The link works once, for 24 hours.` };
}

const ZNewPassword = z
  .object({ password: z.string().max(72, 'Passwords can be at most 72 characters.'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two passwords do not match.', path: ['confirm'] });

export async function resetPasswordAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZNewPassword.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: first(parsed.error) };
  const policy = checkPassword(parsed.data.password);
  if (!policy.ok) return { error: passwordAdvice(policy.reasons, policy.message) };
  const supabase = await createClient();
  const { error } = await supabase.auth.updateUser({ password: parsed.data.password });
  if (error) return { error: authMessage(error.code) };
  redirect('/settings?notice=password_changed');
}

const ZSso = z.object({ email: ZEmail });

export async function ssoAction(_prev: FormState, form: FormData): Promise<FormState> {
  const parsed = ZSso.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: first(parsed.error), fields: { email: String(form.get('email') ?? '') } };
  const domain = parsed.data.email.split('@')[1] ?? '';
  const supabase = await createClient();
  const { data, error } = await supabase.auth.signInWithSSO({ domain, options: { redirectTo: `${env().appUrl}/auth/confirm?next=/o` } });
  if (error) return { error: authMessage(error.code), fields: { email: parsed.data.email } };
  if (data?.url) redirect(data.url);
  return { error: 'Single sign-on did not return a sign-in address.' };
}
