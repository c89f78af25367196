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
