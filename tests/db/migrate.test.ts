import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MigrationError, migrate } from '@/lib/db/migrate';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let root: string;

beforeAll(async () => {
  t = await createTestDb(); // already migrated with the real supabase/ folder
  root = mkdtempSync(path.join(tmpdir(), 'sopwright-migrate-'));
  cpSync(path.join(process.cwd(), 'supabase'), root, { recursive: true });
});
afterAll(async () => {
  await t?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('migrate', () => {
  it('is idempotent: a second run applies nothing', async () => {
    const again = await migrate(t.db, root);
    expect(again.applied).toEqual([]);
    expect(again.latest).toMatch(/\.sql$/);
  });

  it('checks an up-to-date database in one transaction, taking no lock', async () => {
    const statements: string[] = [];
    let transactions = 0;
    const counted = {
      ...t.db,
      transaction: <T,>(fn: Parameters<typeof t.db.transaction<T>>[0]) => {
        transactions++;
        return t.db.transaction((tx) => fn({ query: (q, p) => (statements.push(q), tx.query(q, p)), execScript: (q) => (statements.push(q), tx.execScript(q)) }));
      },
    };
    const again = await migrate(counted, root);
    expect(again.applied).toEqual([]);
    expect(again.latest).toBe((await migrate(t.db, root)).latest);
    expect(transactions).toBe(1);
    expect(statements.filter((q) => /advisory|create schema/.test(q))).toEqual([]);
  });

  it('stops on a failing file, names it, and rolls that whole file back', async () => {
    writeFileSync(
      path.join(root, 'migrations', '99999999999999_broken.sql'),
      'create table public.half_applied (id int);\nselect * from no_such_table;\n',
    );
    const err = await migrate(t.db, root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as MigrationError).message).toMatch(/99999999999999_broken\.sql failed: .*no_such_table/);
    const [row] = await t.asService((tx) =>
      tx.query<{ exists: boolean }>("select to_regclass('public.half_applied') is not null as exists"),
    );
    expect(row?.exists).toBe(false);
    rmSync(path.join(root, 'migrations', '99999999999999_broken.sql'));
  });

  it('refuses an applied migration that was edited afterwards', async () => {
    const first = (await t.asService((tx) => tx.query<{ name: string }>("select name from sopwright_meta.schema_migrations where name not like 'local/%' order by name limit 1")))[0]!.name;
    writeFileSync(path.join(root, 'migrations', first), '-- edited\n', { flag: 'a' });
    await expect(migrate(t.db, root)).rejects.toThrow(/was changed after it was applied/);
  });
});
