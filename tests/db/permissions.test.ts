import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, roleCan, type Permission } from '@/lib/orgs/permissions';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

describe('permission table', () => {
  it('is the same in code and in SQL, cell by cell', async () => {
    const perms = Object.keys(PERMISSIONS) as Permission[];
    const rows = await t.asService((tx) =>
      tx.query<{ role: string; permission: string; allowed: boolean }>(
        `select r::text as role, p as permission, private.role_can(r, p) as allowed
           from unnest(enum_range(null::public.member_role)) r, unnest($1::text[]) p`,
        [perms],
      ),
    );
    expect(rows).toHaveLength(ROLES.length * perms.length);
    for (const row of rows) {
      expect(row.allowed, `${row.role} ${row.permission}`).toBe(roleCan(row.role as (typeof ROLES)[number], row.permission as Permission));
    }
  });

  it('has the same roles in code and in SQL', async () => {
    const [row] = await t.asService((tx) => tx.query<{ roles: string[] }>('select enum_range(null::public.member_role)::text[] as roles'));
    expect(row?.roles).toEqual([...ROLES]);
  });

  it('refuses unknown permissions in SQL', async () => {
    const [row] = await t.asService((tx) => tx.query<{ ok: boolean }>("select private.role_can('owner', 'no.such') as ok"));
    expect(row?.ok).toBe(false);
  });
});
