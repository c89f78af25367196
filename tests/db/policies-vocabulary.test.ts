/**
 * Policies in one vocabulary that Postgres can plan (issue 17, 20261206000100_policies_one_vocabulary.sql).
 *
 * A helper called in a policy must be evaluated once per statement: `(select private.f('literal'))`,
 * naming nothing of the row, so that Postgres makes it an InitPlan. `(select private.can(org_id, …))`
 * names the row's column and becomes a SubPlan that runs once per row — the regression this
 * file exists to catch, from the live schema. Guards ask private.is_api_role() and nothing else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(async () => {
  await t?.close();
});

interface PolicyRow {
  table: string;
  name: string;
  expr: string;
}

/** Every USING and WITH CHECK expression of every policy in public, as Postgres prints it. */
async function policyExpressions(): Promise<PolicyRow[]> {
  const rows = await t.asService((tx) =>
    tx.query<{ table: string; name: string; qual: string | null; with_check: string | null }>(
      `select tablename as table, policyname as name, qual, with_check from pg_policies where schemaname = 'public' order by 1, 2`,
    ),
  );
  return rows.flatMap((r) => [r.qual, r.with_check].filter((e): e is string => e !== null).map((expr) => ({ table: r.table, name: r.name, expr })));
}

/** Calls of private.* (or auth.*) that are not `( SELECT schema.f(<literals>) AS alias)`. */
function unplannable(expr: string, schema: 'private' | 'auth'): string[] {
  const calls = expr.match(new RegExp(`${schema}\\.\\w+\\(`, 'g')) ?? [];
  const wrapped = expr.match(new RegExp(`\\( SELECT ${schema}\\.\\w+\\((?:'[^']*'::text(?:, '[^']*'::text)*)?\\) AS \\w+\\)`, 'g')) ?? [];
  return calls.length === wrapped.length ? [] : [expr];
}

describe(`policies in one vocabulary (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('wraps every private.* call of every policy in (select …) with literal arguments only', async () => {
    const policies = await policyExpressions();
    expect(policies.length).toBeGreaterThan(40);
    const bad = policies.filter((p) => unplannable(p.expr, 'private').length > 0).map((p) => `${p.table}: ${p.name}: ${p.expr}`);
    expect(bad).toEqual([]);
  });

  it('wraps every auth.uid() of every policy in (select …)', async () => {
    const bad = (await policyExpressions()).filter((p) => unplannable(p.expr, 'auth').length > 0).map((p) => `${p.table}: ${p.name}: ${p.expr}`);
    expect(bad).toEqual([]);
  });

  it('names a permission of the table in lib/orgs/permissions.ts in every orgs_where_can()', async () => {
    const { PERMISSIONS } = await import('@/lib/orgs/permissions');
    const named = (await policyExpressions()).flatMap((p) => [...p.expr.matchAll(/private\.orgs_where_can\('([^']*)'::text\)/g)].map((m) => m[1]!));
    expect(named.length).toBeGreaterThan(0);
    expect(named.filter((n) => !(n in PERMISSIONS))).toEqual([]);
  });

  it('plans every table read through RLS without a per-row SubPlan', async () => {
    const user = await createUser(t);
    const tables = await t.asService((tx) =>
      tx.query<{ table: string }>(`select distinct tablename as table from pg_policies where schemaname = 'public' and cmd in ('SELECT', 'ALL') order by 1`),
    );
    expect(tables.length).toBeGreaterThan(20);
    const plans = await t.withUser(claimsFor(user.id), async (tx) => {
      const out: { table: string; plan: string }[] = [];
      for (const { table } of tables) {
        const rows = await tx.query<{ 'QUERY PLAN': string }>(`explain select 1 from public.${table}`);
        out.push({ table, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
      }
      return out;
    });
    for (const { table, plan } of plans) {
      expect(plan, table).toMatch(/InitPlan/);
      expect(plan, table).not.toMatch(/SubPlan/);
    }
  });

  it('keeps the vocabulary helpers stable, security definer, with an empty search_path, for authenticated only', async () => {
    const rows = await t.asService((tx) =>
      tx.query<{ name: string; volatility: string; definer: boolean; config: string[] | null; authenticated: boolean; anon: boolean }>(
        `select p.proname as name, p.provolatile as volatility, p.prosecdef as definer, p.proconfig as config,
                has_function_privilege('authenticated', p.oid, 'execute') as authenticated,
                has_function_privilege('anon', p.oid, 'execute') as anon
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'private' and p.proname in ('orgs_where_can', 'org_peer_ids') order by 1`,
      ),
    );
    expect(rows).toEqual(
      ['org_peer_ids', 'orgs_where_can'].map((name) => ({ name, volatility: 's', definer: true, config: ['search_path=""'], authenticated: true, anon: false })),
    );
  });
});

describe(`guards ask private.is_api_role() (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  async function functions() {
    return t.asService((tx) =>
      tx.query<{ schema: string; name: string; src: string; definer: boolean; trigger: boolean }>(
        `select n.nspname as schema, p.proname as name, p.prosrc as src, p.prosecdef as definer,
                p.prorettype = 'trigger'::regtype as trigger
           from pg_proc p join pg_namespace n on n.oid = p.pronamespace
          where n.nspname in ('public', 'private') order by 1, 2`,
      ),
    );
  }

  it('calls private.is_api_role() in every guard trigger', async () => {
    const guards = (await functions()).filter((f) => f.trigger && f.name.startsWith('guard_'));
    expect(guards.map((g) => g.name)).toEqual(
      expect.arrayContaining(['guard_invite_columns', 'guard_membership_owners', 'guard_organization_server_columns', 'guard_profile_server_columns']),
    );
    expect(guards.filter((g) => !/private\.is_api_role\(\)/.test(g.src)).map((g) => g.name)).toEqual([]);
  });

  it('decides "API role or server" nowhere else', async () => {
    const elsewhere = (await functions()).filter(
      (f) => f.name !== 'is_api_role' && /current_user|session_user|current_setting\('role'|auth\.role\(\)/i.test(f.src),
    );
    expect(elsewhere.map((f) => `${f.schema}.${f.name}`)).toEqual([]);
  });

  it('calls it only from security invoker functions, where current_user is the caller', async () => {
    const fns = await functions();
    expect(fns.find((f) => f.name === 'is_api_role')?.definer).toBe(false);
    expect(fns.filter((f) => f.definer && /private\.is_api_role\(\)/.test(f.src)).map((f) => f.name)).toEqual([]);
  });

  it('tells an API role from the service and from a security definer function', async () => {
    const user = await createUser(t);
    const [api] = await t.withUser(claimsFor(user.id), (tx) => tx.query<{ api: boolean }>('select private.is_api_role() as api'));
    const [service] = await t.asService((tx) => tx.query<{ api: boolean }>('select private.is_api_role() as api'));
    expect(api?.api).toBe(true);
    expect(service?.api).toBe(false);
    // A guard fired by a security definer function sees the function's owner: deleting one's own
    // account (private.delete_my_account) sets profiles.deleted_at, which an API role may not.
    await t.withUser(claimsFor(user.id), (tx) => tx.query('select private.delete_my_account()'));
    const [profile] = await t.asService((tx) => tx.query<{ deleted: boolean }>('select deleted_at is not null as deleted from public.profiles where id = $1', [user.id]));
    expect(profile?.deleted).toBe(true);
  });
});
