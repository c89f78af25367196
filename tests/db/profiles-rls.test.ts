import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

let t: TestDb;
let alice: { id: string; email: string };
let bob: { id: string; email: string };

beforeAll(async () => {
  t = await createTestDb();
  alice = await createUser(t, 'alice@example.test');
  bob = await createUser(t, 'bob@example.test');
});
afterAll(async () => {
  await t?.close();
});

describe(`profiles RLS (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('creates a profile for every new auth user', async () => {
    const rows = await t.asService((tx) => tx.query('select id, email from public.profiles order by email'));
    expect(rows).toEqual([
      { id: alice.id, email: 'alice@example.test' },
      { id: bob.id, email: 'bob@example.test' },
    ]);
  });

  it('shows a user only their own profile through withUser', async () => {
    const rows = await t.withUser(claimsFor(alice.id), (tx) => tx.query<{ id: string }>('select id from public.profiles'));
    expect(rows.map((r) => r.id)).toEqual([alice.id]);
  });

  it('runs withUser as the authenticated role with the claims set for the transaction only', async () => {
    const [inside] = await t.withUser(claimsFor(alice.id), (tx) =>
      tx.query<{ role: string; uid: string }>('select current_user as role, auth.uid()::text as uid'),
    );
    expect(inside).toEqual({ role: 'authenticated', uid: alice.id });
    const [after] = await t.asService((tx) =>
      tx.query<{ role: string; uid: string | null }>('select current_user as role, auth.uid()::text as uid'),
    );
    expect(after?.role).not.toBe('authenticated');
    expect(after?.uid).toBeNull();
  });

  it("rejects an insert of a profile for another user's id", async () => {
    const stranger = await createUser(t);
    await t.asService((tx) => tx.query('delete from public.profiles where id = $1', [stranger.id]));
    await expect(
      t.withUser(claimsFor(alice.id), (tx) => tx.query('insert into public.profiles (id) values ($1)', [stranger.id])),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot update another user's profile (zero rows) but can update its own name", async () => {
    const other = await t.withUser(claimsFor(alice.id), (tx) =>
      tx.query("update public.profiles set full_name = 'hacked' where id = $1 returning id", [bob.id]),
    );
    expect(other).toHaveLength(0);
    const own = await t.withUser(claimsFor(alice.id), (tx) =>
      tx.query<{ full_name: string }>("update public.profiles set full_name = 'Alice Q.' where id = $1 returning full_name", [alice.id]),
    );
    expect(own).toEqual([{ full_name: 'Alice Q.' }]);
  });

  it('refuses server-only columns to a user', async () => {
    await expect(
      t.withUser(claimsFor(alice.id), (tx) => tx.query('update public.profiles set deleted_at = now() where id = $1', [alice.id])),
    ).rejects.toThrow(/permission denied|server only/);
    await expect(
      t.withUser(claimsFor(alice.id), (tx) => tx.query('delete from public.profiles where id = $1', [alice.id])),
    ).rejects.toThrow(/permission denied/);
  });

  it('shows anon nothing', async () => {
    await expect(t.withAnon((tx) => tx.query('select id from public.profiles'))).rejects.toThrow(/permission denied/);
  });

  it('refuses withUser without authenticated claims', async () => {
    await expect(t.withUser({ role: 'anon' } as never, async () => 1)).rejects.toThrow(/verified claims/);
  });
});
