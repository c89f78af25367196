'use server';
/**
 * Account self-service: profile name, password change, TOTP enrolment, sessions, account
 * deletion. Every action re-resolves the user (userAction → requireUser) — never trusts the
 * form — and reaches the database only through withUser() and lib/account/service.ts.
 */
import { createClient as createSupabaseJs } from '@supabase/supabase-js';
import { revalidatePath } from 'next/cache';
import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { verifiedClaims } from '@/lib/auth/claims';
import { authMessage } from '@/lib/auth/messages';
import { hashRecoveryCodes, newRecoveryCodes } from '@/lib/auth/recovery-codes';
import { checkPassword } from '@/lib/auth/password-policy';
import { limitAuthAttempt } from '@/lib/auth/rate-limit';
import { withUser } from '@/lib/db';
import { userAction, type ActionState } from '@/lib/http/action';
import { sanitizePlainText } from '@/lib/security/sanitize';
import { AUTH_COOKIE_NAME, realtimeTransport, supabaseConfig } from '@/lib/supabase/config';
import { createClient, forwardedHeaders } from '@/lib/supabase/server';
import * as account from './service';

/** Re-entered password check, on a throwaway client whose session is ended right away. */
async function passwordMatches(email: string, password: string): Promise<boolean> {
  const { url, key } = supabaseConfig();
  const probe = createSupabaseJs(url, key, { auth: { persistSession: false, autoRefreshToken: false, detectSessionInUrl: false }, global: { headers: await forwardedHeaders() }, realtime: realtimeTransport });
  const { data, error } = await probe.auth.signInWithPassword({ email, password });
  if (error || !data.session) return false;
  await probe.auth.signOut({ scope: 'local' });
  return true;
}

export const updateProfileAction = userAction({ input: z.object({ fullName: z.string().trim().min(1, 'Enter your name.').max(200, 'Your name is too long.') }) }, async ({ user, input }) => {
  const name = sanitizePlainText(input.fullName);
  await withUser(user.claims, (tx) => account.updateProfileName(tx, user.id, name));
  revalidatePath('/settings');
  return { notice: 'Saved.' };
});

const ZChangePassword = z
  .object({ current: z.string().min(1, 'Enter your current password.').max(200), password: z.string().max(72, 'Passwords can be at most 72 characters.'), confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: 'The two new passwords do not match.' });

export const changePasswordAction = userAction({ input: ZChangePassword }, async ({ user, input }) => {
  const policy = checkPassword(input.password);
  if (!policy.ok) return { error: policy.message };
  const limited = await limitAuthAttempt('reauth', user.email);
  if (limited) return { error: limited };
  if (!(await passwordMatches(user.email, input.current))) return { error: authMessage('current_password_invalid') };
  const supabase = await createClient();
  const { error } = await supabase.auth.updateUser({ password: input.password });
  if (error) return { error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { notice: 'Password changed. Your other sessions have been signed out.' };
});

type Enrollment = { factorId: string; qr: string; secret: string };

export const startTotpEnrollAction = userAction({}, async (): Promise<ActionState<Enrollment>> => {
  const supabase = await createClient();
  const { data, error } = await supabase.auth.mfa.enroll({ factorType: 'totp', friendlyName: `Authenticator ${new Date().toISOString().slice(0, 10)}` });
  if (error) return { error: authMessage(error.code, 'Could not start two-factor set-up. Try again.') };
  // supabase-js prefixes the raw SVG with "data:image/svg+xml;utf-8,"; colours like "#000"
  // would end the URL at the "#", so encode it properly for an <img src>.
  const svg = data.totp.qr_code.replace(/^data:image\/svg\+xml;[^,]*,/, '');
  const qr = svg.startsWith('<svg') ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` : data.totp.qr_code;
  return { data: { factorId: data.id, qr, secret: data.totp.secret } };
});

/** What a new set of recovery codes gives the page: the codes, shown once, never stored. */
export type RecoveryCodesShown = { codes: string[]; createdAt: string; factorId: string };

/**
 * A new set of recovery codes for the session that has just proved the authenticator (aal2):
 * the codes go back to the page once, only their bcrypt hashes are stored.
 */
async function issueRecoveryCodes(accessToken: string, factorId: string, reason: 'enrolled' | 'regenerated'): Promise<RecoveryCodesShown | null> {
  const claims = await verifiedClaims(await createClient(), accessToken);
  if (!claims || claims.aal !== 'aal2') return null;
  const codes = newRecoveryCodes();
  const hashes = await hashRecoveryCodes(codes);
  await withUser(claims, (tx) => account.replaceRecoveryCodes(tx, hashes, reason));
  return { codes, createdAt: new Date().toISOString(), factorId };
}

const ZTotpCode = z.string().trim().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.');

export const verifyTotpEnrollAction = userAction({ input: z.object({ factorId: z.uuid(), code: ZTotpCode }) }, async ({ user, input }): Promise<ActionState<RecoveryCodesShown>> => {
  const limited = await limitAuthAttempt('mfa', user.email);
  if (limited) return { error: limited };
  const supabase = await createClient();
  const { data, error } = await supabase.auth.mfa.challengeAndVerify({ factorId: input.factorId, code: input.code });
  if (error) return { error: authMessage(error.code) };
  const shown = await issueRecoveryCodes(data.access_token, input.factorId, 'enrolled');
  revalidatePath('/settings/security');
  return {
    notice: 'Two-factor authentication is on. You will be asked for a code each time you sign in.',
    ...(shown ? { data: shown } : { error: 'Your recovery codes could not be made. Make a new set below.' }),
  };
});

const ZRegenerate = z.object({ password: z.string().min(1, 'Enter your password.').max(200), code: ZTotpCode });

/** New recovery codes in place of the old ones: password and a current authenticator code first. */
export const regenerateRecoveryCodesAction = userAction({ input: ZRegenerate }, async ({ user, input }): Promise<ActionState<RecoveryCodesShown>> => {
  const limited = await limitAuthAttempt('reauth', user.email);
  if (limited) return { error: limited };
  if (!(await passwordMatches(user.email, input.password))) return { error: authMessage('current_password_invalid') };
  const factor = await withUser(user.claims, (tx) => account.myVerifiedFactor(tx));
  if (!factor) return { error: 'Turn on two-factor authentication first: recovery codes come with it.' };
  const supabase = await createClient();
  const { data, error } = await supabase.auth.mfa.challengeAndVerify({ factorId: factor.id, code: input.code });
  if (error) return { error: authMessage(error.code) };
  const shown = await issueRecoveryCodes(data.access_token, factor.id, 'regenerated');
  if (!shown) return { error: 'Sign in again, then make a new set.' };
  revalidatePath('/settings/security');
  return { notice: 'New recovery codes made. The old ones no longer work.', data: shown };
});

export const disableTotpAction = userAction({ input: z.object({ factorId: z.uuid('Unknown authenticator.') }) }, async ({ input }) => {
  const supabase = await createClient();
  const { error } = await supabase.auth.mfa.unenroll({ factorId: input.factorId });
  if (error) return { error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { notice: 'Two-factor authentication is off.' };
});

export const revokeSessionAction = userAction({ input: z.object({ sessionId: z.uuid('Unknown session.') }) }, async ({ user, input }) => {
  const revoked = await withUser(user.claims, (tx) => account.revokeMySession(tx, input.sessionId));
  revalidatePath('/settings/security');
  return revoked ? { notice: 'Session signed out.' } : { error: 'That session no longer exists.' };
});

export const signOutOthersAction = userAction({}, async () => {
  const supabase = await createClient();
  const { error } = await supabase.auth.signOut({ scope: 'others' });
  if (error) return { error: authMessage(error.code) };
  revalidatePath('/settings/security');
  return { notice: 'All your other sessions have been signed out.' };
});

export const signOutEverywhereAction = userAction({}, async () => {
  const supabase = await createClient();
  await supabase.auth.signOut({ scope: 'global' });
  redirect('/sign-out?reason=signed_out');
});

const ZDelete = z.object({ password: z.string().min(1, 'Enter your password to confirm.').max(200), confirm: z.literal('DELETE', { message: 'Type DELETE to confirm.' }) });

export const deleteAccountAction = userAction({ input: ZDelete }, async ({ user, input }) => {
  const limited = await limitAuthAttempt('reauth', user.email);
  if (limited) return { error: limited };
  if (!(await passwordMatches(user.email, input.password))) return { error: authMessage('current_password_invalid') };
  await withUser(user.claims, (tx) => account.deleteMyAccount(tx));
  const store = await cookies();
  for (const c of store.getAll()) if (c.name.startsWith(AUTH_COOKIE_NAME)) store.delete(c.name);
  redirect('/sign-in?reason=account_deleted');
});
