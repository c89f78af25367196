/**
 * Who a scheduled job's escalations go to, and the week they are counted in: the owners and
 * admins of each organization (members with an email, accounts not being erased), and the ISO
 * week of the database clock (`2026-W49`), which keys "once a week" notices.
 */
import type { Tx } from '@/lib/db/types';

export type OrgAdmin = {
  org_id: string;
  user_id: string;
  email: string;
};

export async function ownersAndAdmins(tx: Tx, orgIds: readonly string[]): Promise<OrgAdmin[]> {
  if (orgIds.length === 0) return [];
  return tx.query<OrgAdmin>(
    `select m.org_id, m.user_id, coalesce(nullif(p.email, ''), u.email) as email
       from public.memberships m join auth.users u on u.id = m.user_id left join public.profiles p on p.id = m.user_id
      where m.org_id = any($1::uuid[]) and m.role in ('owner', 'admin') and (p.id is null or p.deleted_at is null)
        and coalesce(nullif(p.email, ''), u.email, '') <> ''
      order by m.org_id, m.user_id`,
    [orgIds],
  );
}

/** The ISO week of the database clock, e.g. 2026-W49. */
export async function isoWeek(tx: Tx): Promise<string> {
  const [row] = await tx.query<{ week: string }>(`select to_char(private.clock() at time zone 'UTC', 'IYYY-"W"IW') as week`);
  return row!.week;
}
