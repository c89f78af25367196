/** The database of a job script (scripts/jobs-*.ts): the configured one, opened for the run, closed after. */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { env } from '../lib/env';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { scopesFor, type Scopes } from '../lib/db/scopes';

/** The pid of an app server running on this embedded database (scripts/server.ts writes it), or null. */
function serverOn(dataDir: string): number | null {
  const file = path.join(path.resolve(dataDir), 'server.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null; // a pid file left by a server that is gone
  }
}

/** Runs main with the service scope; prints its error and exits 1 when it throws. */
export function runJobScript(main: (asService: Scopes['asService']) => Promise<void>): void {
  loadEnvConfig(process.cwd());
  (async () => {
    const cfg = env().database;
    const running = cfg.mode === 'pglite' ? serverOn(cfg.dataDir) : null;
    if (running) {
      throw new Error(
        `The SOPwright server (pid ${running}) is running on this embedded database and runs the scheduled jobs itself every 15 minutes. Stop it to run the jobs by hand: the embedded database takes one process at a time.`,
      );
    }
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
