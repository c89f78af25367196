/** npm run jobs:purge — erase accounts deleted more than 30 days ago. */
import { loadEnvConfig } from '@next/env';
import { env } from '../lib/env';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { scopesFor } from '../lib/db/scopes';
import { purgeDeletedAccounts } from '../lib/jobs/purge';

loadEnvConfig(process.cwd());

async function main() {
  const cfg = env().database;
  const db = cfg.mode === 'postgres' ? openPostgres(cfg.url, { max: 1 }) : await openPglite(cfg.dataDir);
  try {
    const { purged } = await purgeDeletedAccounts(scopesFor(async () => db).asService);
    console.log(`jobs:purge: ${purged} account(s) erased`);
  } finally {
    await db.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
