/**
 * The signed-in user's own account, each function taking the open withUser() transaction. The
 * private.* functions are security definer and act only on auth.uid()'s own rows.
 */
import type { Tx } from '@/lib/db/types';

export async function getProfile(tx: Tx, userId: string): Promise<{ full_name: string; created_at: Date } | undefined> {
  const [profile] = await tx.query<{ full_name: string; created_at: Date }>('select full_name, created_at from public.profiles where id = $1', [userId]);
  return profile;
}

export async function updateProfileName(tx: Tx, userId: string, fullName: string): Promise<void> {
  await tx.query('update public.profiles set full_name = $1 where id = $2', [fullName, userId]);
}

export interface SessionRow extends Record<string, unknown> {
  id: string;
  created_at: Date;
  last_active_at: Date;
  user_agent: string;
  ip: string;
  aal: string;
  is_current: boolean;
}

export function listMySessions(tx: Tx): Promise<SessionRow[]> {
  return tx.query<SessionRow>('select * from private.list_my_sessions()');
}

/** Signs one of the caller's other sessions out; false when it no longer exists. */
export async function revokeMySession(tx: Tx, sessionId: string): Promise<boolean> {
  const [row] = await tx.query<{ revoked: boolean }>('select private.revoke_my_session($1) as revoked', [sessionId]);
  return row?.revoked ?? false;
}

/** The id of the caller's verified TOTP factor, if they have one. */
export async function myVerifiedFactor(tx: Tx): Promise<{ id: string } | undefined> {
  return (await tx.query<{ id: string }>('select id from private.my_verified_factor()'))[0];
}

/** Unusable at once (banned, every session gone, profile marked deleted); purged after 30 days. */
export async function deleteMyAccount(tx: Tx): Promise<void> {
  await tx.query('select private.delete_my_account()');
}

/** How many of the caller's recovery codes are left (of the current set). */
export async function recoveryCodeStatus(tx: Tx): Promise<{ remaining: number; total: number }> {
  const [r] = await tx.query<{ remaining: number; total: number }>(
    'select (count(*) filter (where used_at is null))::int as remaining, count(*)::int as total from public.mfa_recovery_codes where user_id = (select auth.uid())',
  );
  return { remaining: r?.remaining ?? 0, total: r?.total ?? 0 };
}

/** The caller's unused code hashes, for the server to compare against (never sent to the browser). */
export function recoveryCodeHashes(tx: Tx): Promise<{ id: string; code_hash: string }[]> {
  return tx.query<{ id: string; code_hash: string }>('select id, code_hash from private.my_recovery_code_hashes()');
}

/** A new set (bcrypt hashes) in place of the old one; an aal2 session only. Audited. */
export async function replaceRecoveryCodes(tx: Tx, hashes: string[], reason: 'enrolled' | 'regenerated'): Promise<void> {
  await tx.query('select private.replace_my_recovery_codes($1::text[], $2)', [hashes, reason]);
}

/** Marks a matched code used; the number left, or null when it was used meanwhile. Audited. */
export async function useRecoveryCode(tx: Tx, id: string): Promise<number | null> {
  const [r] = await tx.query<{ left: number | null }>('select private.use_my_recovery_code($1) as left', [id]);
  return r?.left ?? null;
}
