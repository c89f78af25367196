/**
 * npm run worker — a process that only runs drafting jobs (no HTTP): for hosts whose web
 * instances should not run them (serverless functions, which stop when their request does),
 * with DRAFT_WORKERS=0 set on those. Needs DATABASE_URL: the embedded database takes one
 * process, and the app server already runs drafts itself. DRAFT_WORKERS (default 4) runs at
 * once here; SIGTERM/SIGINT stops it, ending its runs as interrupted with what they wrote kept.
 */
import { loadEnvConfig } from '@next/env';
import { openPostgres } from '../lib/db/postgres';
import { env } from '../lib/env';
import { startDrafting } from '../lib/generation/runtime';

loadEnvConfig(process.cwd());

async function main() {
  const cfg = env();
  if (cfg.database.mode !== 'postgres') {
    throw new Error('npm run worker needs DATABASE_URL: on the embedded database the app server runs drafting runs itself (one process at a time may open it).');
  }
  const db = openPostgres(cfg.database.url, { max: 4, listenUrl: cfg.database.listenUrl });
  const d = await startDrafting(db, { workers: cfg.drafting.workers || 4, heartbeatSeconds: cfg.drafting.heartbeatSeconds, pollingIntervalSeconds: 2 });
  console.log(`drafting worker ${d.worker!.id}: ${cfg.drafting.workers || 4} at once`);
  const stop = () => {
    void d
      .stop()
      .then(() => db.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
