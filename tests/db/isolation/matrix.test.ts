/**
 * Tenant isolation, proven from the live schema: every table × select/insert/update/delete ×
 * every actor, against the expectations declared in ./expectations.ts. Each attempt runs in
 * its own transaction and is rolled back, so cells cannot influence each other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { claimsFor, createTestDb, createUser, type TestDb } from '../../helpers/test-db';
import { ACTORS, CLOSED_SCHEMAS, OPS, TABLES, type Actor, type Op, type World } from './expectations';

let t: TestDb;
let world: World;

class Rollback extends Error {}

beforeAll(async () => {
  t = await createTestDb();
  const names = ['owner', 'admin', 'author', 'approver', 'viewer', 'other_org', 'removed', 'deleted'] as const;
  const users = Object.fromEntries(await Promise.all(names.map(async (n) => [n, (await createUser(t, `${n}@matrix.test`)).id]))) as World['users'];
  const orgA = (await t.withUser(claimsFor(users.owner), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Org A', 'org-a')")))[0]!.id;
  const orgB = (await t.withUser(claimsFor(users.other_org), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Org B', 'org-b')")))[0]!.id;
  await t.asService(async (tx) => {
    for (const role of ['admin', 'author', 'approver', 'viewer'] as const) {
      await tx.query('insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)', [orgA, users[role], role]);
    }
    await tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'author'), ($1, $3, 'author')", [orgA, users.removed, users.deleted]);
    await tx.query('delete from public.memberships where org_id = $1 and user_id = $2', [orgA, users.removed]);
    await tx.query('update public.profiles set deleted_at = now() where id = $1', [users.deleted]);
  });
  world = { orgA, orgB, users };
});
afterAll(async () => {
  await t?.close();
});

async function attempt(actor: Actor, run: (tx: Tx) => Promise<unknown[]>): Promise<'allowed' | 'refused'> {
  let outcome: 'allowed' | 'refused' = 'refused';
  const body = async (tx: Tx) => {
    try {
      const rows = await run(tx);
      outcome = rows.length > 0 ? 'allowed' : 'refused';
    } catch (err) {
      // Refusals are privilege errors, RLS violations (both 42501) and guard triggers (P0001);
      // anything else is a broken test statement and must fail loudly.
      const code = (err as { code?: string }).code;
      if (code !== '42501' && code !== 'P0001') throw err;
      outcome = 'refused';
    }
    throw new Rollback();
  };
  try {
    if (actor === 'anon') await t.withAnon(body);
    else await t.withUser(claimsFor(world.users[actor]), body);
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  return outcome;
}

describe(`tenant isolation matrix (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('covers every table of the public schema, each with RLS enabled', async () => {
    const tables = await t.asService((tx) =>
      tx.query<{ name: string; rls: boolean }>(
        `select n.nspname || '.' || c.relname as name, c.relrowsecurity as rls
           from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p') and n.nspname = 'public' order by 1`,
      ),
    );
    expect(tables.filter((x) => !x.rls).map((x) => x.name)).toEqual([]);
    expect(tables.map((x) => x.name).sort()).toEqual(Object.keys(TABLES).sort());
  });

  it('gives API roles no privileges on tables outside public', async () => {
    const leaks = await t.asService((tx) =>
      tx.query<{ grantee: string; table: string; privilege: string }>(
        `select grantee, table_schema || '.' || table_name as table, privilege_type as privilege
           from information_schema.role_table_grants
          where grantee in ('anon', 'authenticated') and table_schema = any ($1::text[])`,
        [CLOSED_SCHEMAS],
      ),
    );
    expect(leaks).toEqual([]);
  });

  it('gives anon no table privileges in public at all', async () => {
    const grants = await t.asService((tx) =>
      tx.query("select table_name, privilege_type from information_schema.role_table_grants where grantee = 'anon' and table_schema = 'public'"),
    );
    expect(grants).toEqual([]);
  });

  // The CTE types all three parameters, so a statement may use any of them.
  const withParams = (statement: string) => `with params as (select $1::text as fixture, $2::uuid as actor, $3::uuid as org) ${statement}`;

  // A refused cell proves nothing if its statement names no row: it would return nothing for
  // anyone. As the service (no RLS) each read, update and delete must find its fixture, or be
  // refused by the database outright (an append-only guard, a restricting foreign key).
  it('aims every read, update and delete at its fixture row', async () => {
    const misses: string[] = [];
    for (const [table, spec] of Object.entries(TABLES)) {
      for (const op of ['select', 'update', 'delete'] as const) {
        await t
          .asService(async (tx) => {
            const fixtureId = await spec.fixture(tx, world);
            const rows = await tx.query(withParams(spec[op]), [fixtureId, world.users.owner, world.orgA]).catch(() => null);
            if (rows?.length === 0) misses.push(`${op} on ${table}`);
            throw new Rollback();
          })
          .catch((err: unknown) => {
            if (!(err instanceof Rollback)) throw err;
          });
      }
    }
    expect(misses).toEqual([]);
  });

  const cells: [string, Op, Actor][] = Object.keys(TABLES).flatMap((table) => OPS.flatMap((op) => ACTORS.map((actor) => [table, op, actor] as [string, Op, Actor])));

  it.each(cells)('%s %s by %s', async (table, op, actor) => {
    const spec = TABLES[table]!;
    const fixtureId = await t.asService((tx) => spec.fixture(tx, world));
    const actorId = actor === 'anon' ? null : world.users[actor];
    const got = await attempt(actor, (tx) => tx.query(withParams(spec[op]), [fixtureId, actorId, world.orgA]));
    const want = spec.allowed[op].includes(actor) ? 'allowed' : 'refused';
    expect(got, `${actor} ${op} on ${table}`).toBe(want);
  });
});
