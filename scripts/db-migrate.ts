/**
 * npm run db:migrate — applies supabase/local (unless on Supabase) and supabase/migrations to
 * the configured database (PGlite under .data/ or DATABASE_URL). Runs before dev and start.
 */
import { loadEnvConfig } from '@next/env';
import { env, describeModes } from '../lib/env';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { migrate } from '../lib/db/migrate';

// Same .env files as `next dev` / `next start` read.
loadEnvConfig(process.cwd());

async function main() {
  const cfg = env();
  const db = cfg.database.mode === 'postgres' ? openPostgres(cfg.database.url, { max: 1 }) : await openPglite(cfg.database.dataDir);
  try {
    const result = await migrate(db);
    const where = cfg.database.mode === 'postgres' ? 'DATABASE_URL' : cfg.database.dataDir;
    console.log(
      `db:migrate ${where}: ${result.applied.length} applied, ${result.skipped} already applied; latest ${result.latest ?? '(none)'}` +
        (result.supabase ? ' (Supabase project: local shim skipped)' : ''),
    );
    for (const name of result.applied) console.log(`  applied ${name}`);
    console.log(`modes: ${JSON.stringify(describeModes(cfg))}`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
