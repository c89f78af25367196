/**
 * The process-wide database, chosen by lib/env: PGlite under .data/ when DATABASE_URL is
 * unset, postgres.js otherwise. Kept on globalThis so that `next dev` hot reloads reuse it,
 * and so that scripts/server.ts can open (and migrate) it while Next prepares, for the app's
 * bundled modules to find it already open: PGlite's WASM starts once per process. A failed
 * open is not kept, so the next request tries again. No 'server-only' here: the server
 * script imports it outside Next's bundle (lib/db/connection.ts is the app's entry).
 */
import { env } from '@/lib/env';
import type { Database } from './types';

const KEY = Symbol.for('sopwright.db');
type Holder = { [KEY]?: Promise<Database> };

export async function openConfiguredDatabase(): Promise<Database> {
  const cfg = env().database;
  if (cfg.mode === 'postgres') {
    const { openPostgres } = await import('./postgres');
    return openPostgres(cfg.url, { listenUrl: cfg.listenUrl });
  }
  const { openPglite } = await import('./pglite');
  return openPglite(cfg.dataDir);
}

/** The process's database: `open` (default: the configured one) runs only when none is held yet. */
export function processDatabase(open: () => Promise<Database> = openConfiguredDatabase): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const opening = open();
    holder[KEY] = opening;
    opening.catch(() => {
      if (holder[KEY] === opening) delete holder[KEY];
    });
  }
  return holder[KEY];
}
