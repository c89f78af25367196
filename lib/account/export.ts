/**
 * "Export my data": what the signed-in user owns, read through RLS inside withUser. Later
 * issues add their tables here (memberships, authored SOPs, signatures).
 */
import type { Tx } from '@/lib/db/types';

export async function collectUserExport(tx: Tx, user: { id: string; email: string }) {
  const [profile] = await tx.query('select id, email, full_name, created_at, updated_at from public.profiles where id = $1', [user.id]);
  const sessions = await tx.query('select id, created_at, last_active_at, user_agent, ip, aal from private.list_my_sessions()');
  const factors = await tx.query('select id, friendly_name, created_at from private.my_verified_factor()');
  return {
    format: 'sopwright-user-export/1',
    exportedAt: new Date().toISOString(),
    user: { id: user.id, email: user.email },
    profile: profile ?? null,
    sessions,
    mfaFactors: factors,
  };
}
