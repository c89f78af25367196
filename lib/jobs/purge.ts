/**
 * Permanently erase accounts deleted more than 30 days ago (profiles.deleted_at). Deleting
 * the auth user cascades to the profile, identities, sessions and factors. Runs as the
 * service (a job, not a user): `npm run jobs:purge`, or the scheduled route in hosted mode.
 */
import type { Scopes } from '@/lib/db/scopes';

export const PURGE_AFTER_DAYS = 30;

export async function purgeDeletedAccounts(asService: Scopes['asService'], now = new Date()): Promise<{ purged: number }> {
  const cutoff = new Date(now.getTime() - PURGE_AFTER_DAYS * 24 * 3600 * 1000);
  const rows = await asService((tx) =>
    tx.query<{ id: string }>(
      `delete from auth.users u
        using public.profiles p
        where p.id = u.id and p.deleted_at is not null and p.deleted_at < $1
        returning u.id`,
      [cutoff.toISOString()],
    ),
  );
  return { purged: rows.length };
}
