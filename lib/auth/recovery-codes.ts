/**
 * TOTP recovery codes: 10 per set, each 10 characters from a 31-letter alphabet without
 * look-alikes (about 49 bits), shown as `xxxxx-xxxxx`. Only bcrypt hashes are stored
 * (supabase/migrations/20261203000300_mfa_recovery_codes.sql); a code matches once.
 * Pure apart from the randomness: the actions in lib/account and lib/auth store and use them.
 */
import bcrypt from 'bcryptjs';
import { randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;
/**
 * bcrypt cost 8: the codes are random (about 49 bits), not chosen like passwords, so a
 * leaked hash is already out of reach; a check compares with up to 10 hashes, and attempts
 * are rate limited (lib/auth/rate-limit.ts, 'recovery').
 */
const COST = 8;
const LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789'; // no i, l, o, 0, 1

/** One code, `xxxxx-xxxxx`. */
export function newRecoveryCode(): string {
  let s = '';
  for (let i = 0; i < 10; i++) s += LETTERS[randomInt(LETTERS.length)];
  return `${s.slice(0, 5)}-${s.slice(5)}`;
}

/** A fresh set of distinct codes. */
export function newRecoveryCodes(n = RECOVERY_CODE_COUNT): string[] {
  const codes = new Set<string>();
  while (codes.size < n) codes.add(newRecoveryCode());
  return [...codes];
}

/** What is compared: lower case, without spaces or dashes; null when it cannot be a code. */
export function normalizeRecoveryCode(input: string): string | null {
  const s = input.toLowerCase().replace(/[\s-]+/g, '');
  if (s.length !== 10) return null;
  for (const c of s) if (!LETTERS.includes(c)) return null;
  return s;
}

export async function hashRecoveryCode(code: string): Promise<string> {
  const n = normalizeRecoveryCode(code);
  if (!n) throw new Error('not a recovery code');
  return bcrypt.hash(n, COST);
}

export const hashRecoveryCodes = (codes: string[]) => Promise.all(codes.map(hashRecoveryCode));

/** The id of the stored hash the presented code matches, or null. */
export async function matchRecoveryCode(input: string, stored: readonly { id: string; code_hash: string }[]): Promise<string | null> {
  const n = normalizeRecoveryCode(input);
  if (!n) return null;
  for (const row of stored) if (await bcrypt.compare(n, row.code_hash)) return row.id;
  return null;
}
