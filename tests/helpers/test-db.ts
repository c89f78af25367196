/**
 * A fresh, migrated database per test file: PGlite in memory by default, or a new database
 * on the server named by DATABASE_URL (created here, dropped on close), so the same tests
 * prove the same things on both.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import postgres from 'postgres';
import { inject } from 'vitest';
import { markVerified, type JwtClaims, type VerifiedClaims } from '@/lib/db/claims';
import { migrate } from '@/lib/db/migrate';
import { openPglite } from '@/lib/db/pglite';
import { openPostgres } from '@/lib/db/postgres';
import { scopesFor, type Scopes } from '@/lib/db/scopes';
import type { Database } from '@/lib/db/types';

export interface TestDb extends Scopes {
  db: Database;
  kind: Database['kind'];
  /** PostgreSQL: this database's URL, for a second connection (a second instance); PGlite has none. */
  url?: string;
  close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const url = process.env.DATABASE_URL;
  let db: Database;
  let drop = async () => {};
  let own: string | undefined;
  if (url) {
    const name = `sopwright_test_${randomBytes(6).toString('hex')}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(url);
    u.pathname = `/${name}`;
    own = u.toString();
    db = openPostgres(own, { max: 4 });
    drop = async () => {
      const a = postgres(url, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`);
      await a.end();
    };
  } else {
    const dump = inject('pgliteDump');
    db = await openPglite(undefined, dump ? { loadDataDir: new Blob([readFileSync(dump)]) } : {});
  }
  await migrate(db);
  const scopes = scopesFor(async () => db);
  return {
    ...scopes,
    db,
    kind: db.kind,
    url: own,
    async close() {
      await db.close();
      await drop();
    },
  };
}

/** Claims as the emulator would sign them, for RLS tests (tests only: nothing verified them). */
export function claimsFor(userId: string, extra: Partial<JwtClaims> = {}): VerifiedClaims {
  return markVerified({ sub: userId, role: 'authenticated', aal: 'aal1', session_id: randomUUID(), ...extra });
}

/** Insert a confirmed auth user directly (the profile trigger creates its profile). */
export async function createUser(t: TestDb, email = `${randomUUID()}@example.test`): Promise<{ id: string; email: string }> {
  const id = randomUUID();
  await t.asService((tx) =>
    tx.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data)
       values ($1, 'authenticated', 'authenticated', $2, now(), '{"provider":"email","providers":["email"]}')`,
      [id, email],
    ),
  );
  return { id, email };
}
