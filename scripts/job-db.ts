/** The database of a job script (scripts/jobs-*.ts): the configured one, opened for the run, closed after. */
import { loadEnvConfig } from '@next/env';
import { env } from '../lib/env';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { scopesFor, type Scopes } from '../lib/db/scopes';

/** Runs main with the service scope; prints its error and exits 1 when it throws. */
export function runJobScript(main: (asService: Scopes['asService']) => Promise<void>): void {
  loadEnvConfig(process.cwd());
  (async () => {
    const cfg = env().database;
    const db = cfg.mode === 'postgres' ? openPostgres(cfg.url, { max: 1 }) : await openPglite(cfg.dataDir);
    try {
      await main(scopesFor(async () => db).asService);
    } finally {
      await db.close();
    }
  })().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
