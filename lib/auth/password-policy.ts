/**
 * The password rules, used by the sign-up and password forms and by the embedded auth
 * emulator (hosted Supabase is configured to match: minimum length 10, leaked-password
 * protection). Stricter than GoTrue's defaults, but failing the way GoTrue's
 * checkPasswordStrength does: every reason that applies, each in GoTrue's words, joined.
 */
import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 72; // bcrypt's limit

export type PasswordCheck = { ok: true } | { ok: false; reasons: ('length' | 'pwned')[]; message: string };

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  if (COMMON_PASSWORDS.has(lower)) return true;
  // "password123!", "qwerty2024" … : a common word padded with digits or punctuation.
  const stem = lower.replace(/[\d\W_]+$/u, '');
  if (stem.length >= 4 && COMMON_PASSWORDS.has(stem)) return true;
  // A single repeated character, or a run like "1234567890".
  if (/^(.)\1+$/u.test(lower)) return true;
  return '01234567890123456789'.includes(lower) || 'abcdefghijklmnopqrstuvwxyz'.includes(lower);
}

export function checkPassword(password: string): PasswordCheck {
  if (Buffer.byteLength(password, 'utf8') > PASSWORD_MAX_LENGTH) {
    return { ok: false, reasons: ['length'], message: `Password cannot be longer than ${PASSWORD_MAX_LENGTH} characters.` };
  }
  const failed: { reason: 'length' | 'pwned'; message: string }[] = [];
  if ([...password].length < PASSWORD_MIN_LENGTH) failed.push({ reason: 'length', message: `Password should be at least ${PASSWORD_MIN_LENGTH} characters.` });
  if (isCommon(password)) failed.push({ reason: 'pwned', message: 'Password is known to be weak and easy to guess, please choose a different one.' });
  if (!failed.length) return { ok: true };
  return { ok: false, reasons: failed.map((f) => f.reason), message: failed.map((f) => f.message).join(' ') };
}
