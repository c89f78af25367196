'use server';
/**
 * Account self-service: profile name, password change, TOTP enrolment, sessions, account
 * deletion. Every action re-resolves the user (requireUser) — never trusts the form — and
 * reaches the database only through withUser().
 */
import { createClient as createSupabaseJs } from '@supabase/supabase-js';
import { cookies, headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { clientIpFrom } from '@/lib/http/client-ip';
import { authMessage } from '@/lib/auth/messages';
import { checkPassword } from '@/lib/auth/password-policy';
import { limitAuthAttempt } from '@/lib/auth/rate-limit';
import { requireUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { AUTH_COOKIE_NAME, realtimeTransport, supabaseConfig } from '@/lib/supabase/config';
import { createClient, forwardedHeaders } from '@/lib/supabase/server';
import { sanitizePlainText } from '@/lib/security/sanitize';

export type SettingsState = { error?: string; notice?: string } | undefined;

async function clientIp(): Promise<string> {
  return clientIpFrom(await headers());
}

/** Re-entered password check, on a throwaway client whose session is ended right away. */
async function passwordMatches(email: string, password: string): Promise<boolean> {
  const { url, key } = supabaseConfig();
  const probe = createSupabaseJs(url, key, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }, global: { headers: await forwardedHeaders() }, realtime: realtimeTransport });
  const { data, error } = await probe.auth.signInWithPassword({ email, password });
  if (error || !data.session) return false;
  await probe.auth.signOut({ scope: 'local' });
  return true;
}

const ZProfile = z.object({ fullName: z.string().trim().min(1, 'Enter your name.').max(200, 'Your name is too long.') });

export async function updateProfileAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  const user = await requireUser();
  const parsed = ZProfile.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const name = sanitizePlainText(parsed.data.fullName);
  await withUser(user.claims, (tx) => tx.query('update public.profiles set full_name = $1 where id = $2', [name, user.id]));
  revalidatePath('/settings');
  return { notice: 'Saved.' };
}

const ZChangePassword = z
  .object({ current: z.string().min(1, 'Enter your current password.').max(200), password: z.string().max(72, 'Passwords can be at most 72 characters.'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two new passwords do not match.' });

export async function changePasswordAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  const user = await requireUser();
  const parsed = ZChangePassword.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const policy = checkPassword(parsed.data.password);
  if (!policy.ok) return { error: policy.message };
  const limited = await limitAuthAttempt('reauth', await clientIp(), user.email);
  if (limited) return { error: limited };
  if (!(await passwordMatches(user.email, parsed.data.current))) return { error: authMessage('current_password_invalid') };
  const supabase = await createClient();
  const { error } = await supabase.auth.updateUser({ password: parsed.data.password });
  if (error) return { error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { notice: 'Password changed. Your other sessions have been signed out.' };
}

export type EnrollState = { error?: string; factorId?: string; qr?: string; secret?: string; done?: boolean } | undefined;

export async function startTotpEnrollAction(): Promise<EnrollState> {
  await requireUser();
  const supabase = await createClient();
  const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: `Authenticator ${new Date().toISOString().slice(0, 10)}` });
  if (error) return { error: authMessage(error.code, 'Could not start two-factor set-up. Try again.') };
  // supabase-js prefixes the raw SVG with "data:image/svg+xml;utf-8,"; colours like "#000"
  // would end the URL at the "#", so encode it properly for an <img src>.
  const svg = data.totp.qr_code.replace(/^data:image\/svg\+xml;[^,]*,/, '');
  const qr = svg.startsWith('<svg') ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : data.totp.qr_code;
  return { factorId: data.id, qr, secret: data.totp.secret };
}

const ZVerifyEnroll = z.object({ factorId: z.uuid(), code: z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.') });

export async function verifyTotpEnrollAction(prev: EnrollState, form: FormData): Promise<EnrollState> {
  const user = await requireUser();
  const parsed = ZVerifyEnroll.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { ...prev, error: parsed.error.issues[0]?.message };
  const limited = await limitAuthAttempt('mfa', await clientIp(), user.email);
  if (limited) return { ...prev, error: limited };
  const supabase = await createClient();
  const { error } = await supabase.auth.mfa.challengeAndVerify({ factorId: parsed.data.factorId, code: parsed.data.code });
  if (error) return { ...prev, error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { done: true };
}

const ZFactor = z.object({ factorId: z.uuid() });

export async function disableTotpAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  await requireUser();
  const parsed = ZFactor.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: 'Unknown authenticator.' };
  const supabase = await createClient();
  const { error } = await supabase.auth.mfa.unenroll({ factorId: parsed.data.factorId });
  if (error) return { error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { notice: 'Two-factor authentication is off.' };
}

const ZSession = z.object({ sessionId: z.uuid() });

export async function revokeSessionAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  const user = await requireUser();
  const parsed = ZSession.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: 'Unknown session.' };
  const [row] = await withUser(user.claims, (tx) => tx.query<{ revoked: boolean }>('select private.revoke_my_session($1) as revoked', [parsed.data.sessionId]));
  revalidatePath('/settings/security');
  return row?.revoked ? { notice: 'Session signed out.' } : { error: 'That session no longer exists.' };
}

export async function signOutOthersAction(): Promise<SettingsState> {
  await requireUser();
  const supabase = await createClient();
  const { error } = await supabase.auth.signOut({ scope: 'others' });
  if (error) return { error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { notice: 'All your other sessions have been signed out.' };
}

export async function signOutEverywhereAction(): Promise<void> {
  await requireUser();
  const supabase = await createClient();
  await supabase.auth.signOut({ scope: 'global' });
  redirect('/sign-out?reason=signed_out');
}

const ZDelete = z.object({ password: z.string().min(1, 'Enter your password to confirm.').max(200), confirm: z.literal('DELETE', { message: 'Type DELETE to confirm.' }) });

export async function deleteAccountAction(_prev: SettingsState, form: FormData): Promise<SettingsState> {
  const user = await requireUser();
  const parsed = ZDelete.safeParse(Object.fromEntries(form));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message };
  const limited = await limitAuthAttempt('reauth', await clientIp(), user.email);
  if (limited) return { error: limited };
  if (!(await passwordMatches(user.email, parsed.data.password))) return { error: authMessage('current_password_invalid') };
  await withUser(user.claims, (tx) => tx.query('select private.delete_my_account()'));
  const store = await cookies();
  for (const c of store.getAll()) if (c.name.startsWith(AUTH_COOKIE_NAME)) store.delete(c.name);
  redirect('/sign-in?reason=account_deleted');
}
