/**
 * npm run db:reset — deletes the embedded database folder and migrates a new one.
 * Refuses to touch a DATABASE_URL database.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { env } from '../lib/env';
import { openPglite } from '../lib/db/pglite';
import { migrate } from '../lib/db/migrate';

// Same .env files as `next dev` / `next start` read.
loadEnvConfig(process.cwd());

async function main() {
  const cfg = env().database;
  if (cfg.mode !== 'pglite') {
    console.error('db:reset only resets the embedded database; DATABASE_URL is set, so nothing was done.');
    process.exit(1);
  }
  const dir = path.resolve(cfg.dataDir);
  await rm(dir, { recursive: true, force: true });
  const db = await openPglite(dir);
  try {
    const result = await migrate(db);
    console.log(`db:reset ${dir}: recreated, ${result.applied.length} migrations applied; latest ${result.latest ?? '(none)'}`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
