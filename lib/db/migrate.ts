/**
 * Applies the schema: supabase/local/*.sql (what hosted Supabase already provides: roles,
 * the auth schema, auth.uid() …) unless the database is a Supabase project, then
 * supabase/migrations/*.sql in name order. Each file runs in its own transaction and is
 * recorded with a checksum in sopwright_meta.schema_migrations, so a failed file leaves
 * nothing behind and a second run is a no-op: one read of the applied names and checksums,
 * no lock (scripts/server.ts runs it on every start). An applied file that was edited
 * afterwards is an error: write a new migration instead.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from './types';

export class MigrationError extends Error {
  override name = 'MigrationError';
  constructor(
    readonly file: string,
    readonly cause: unknown,
  ) {
    super(`Migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

export interface MigrationResult {
  applied: string[];
  skipped: number;
  latest: string | null;
  supabase: boolean;
}

async function sqlFiles(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  } catch {
    return [];
  }
}

export async function migrate(db: Database, root = path.join(process.cwd(), 'supabase')): Promise<MigrationResult> {
  // One short transaction learns what is applied; the schema table is created only when missing.
  const { supabase, prior } = await db.transaction(async (tx) => {
    const [meta] = await tx.query<{ ready: boolean; supabase: boolean }>(
      "select to_regclass('sopwright_meta.schema_migrations') is not null as ready, exists(select 1 from pg_roles where rolname = 'supabase_admin') as supabase",
    );
    if (!meta?.ready) {
      await tx.execScript(`
        create schema if not exists sopwright_meta;
        create table if not exists sopwright_meta.schema_migrations (
          name text primary key,
          checksum text not null,
          applied_at timestamptz not null default now()
        );
        revoke all on schema sopwright_meta from public;
      `);
    }
    const rows = await tx.query<{ name: string; checksum: string }>('select name, checksum from sopwright_meta.schema_migrations');
    return { supabase: meta?.supabase === true, prior: new Map(rows.map((r) => [r.name, r.checksum])) };
  });

  const names: { name: string; file: string }[] = [];
  if (!supabase) {
    for (const f of await sqlFiles(path.join(root, 'local'))) names.push({ name: `local/${f}`, file: path.join(root, 'local', f) });
  }
  for (const f of await sqlFiles(path.join(root, 'migrations'))) names.push({ name: f, file: path.join(root, 'migrations', f) });
  const files = await Promise.all(
    names.map(async ({ name, file }) => {
      const sql = await readFile(file, 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );

  // The common case (every start of a server that is up to date): nothing to apply, no lock taken.
  if (files.every((f) => prior.get(f.name) === f.checksum)) {
    const latest = [...prior.keys()].filter((n) => !n.startsWith('local/')).sort().at(-1) ?? null;
    return { applied: [], skipped: files.length, latest, supabase };
  }

  const applied: string[] = [];
  let skipped = 0;
  for (const { name, sql, checksum } of files) {
    const did = await db
      .transaction(async (tx) => {
        // Serialize concurrent migrators on one database (two app instances starting at once).
        await tx.query('select pg_advisory_xact_lock(7420190331)');
        const prior = await tx.query<{ checksum: string }>(
          'select checksum from sopwright_meta.schema_migrations where name = $1',
          [name],
        );
        if (prior[0]) {
          if (prior[0].checksum !== checksum) {
            throw new Error(`${name} was changed after it was applied; add a new migration instead (or npm run db:reset for the embedded database)`);
          }
          return false;
        }
        await tx.execScript(sql);
        await tx.query('insert into sopwright_meta.schema_migrations (name, checksum) values ($1, $2)', [name, checksum]);
        return true;
      })
      .catch((err: unknown) => {
        throw new MigrationError(name, err);
      });
    if (did) applied.push(name);
    else skipped++;
  }
  const latest = await latestMigration(db);
  return { applied, skipped, latest, supabase };
}

export async function latestMigration(db: Database): Promise<string | null> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ name: string }>(
      "select name from sopwright_meta.schema_migrations where name not like 'local/%' order by name desc limit 1",
    );
    return rows[0]?.name ?? null;
  });
}
