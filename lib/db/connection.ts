/**
 * The process-wide database, chosen by lib/env: PGlite under .data/ when DATABASE_URL is
 * unset, postgres.js otherwise. Kept on globalThis so `next dev` hot reloads reuse it; a
 * failed open is not cached, so the next request tries again.
 */
import 'server-only';
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

export function getDb(): Promise<Database> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const opening = openConfiguredDatabase();
    holder[KEY] = opening;
    opening.catch(() => {
      if (holder[KEY] === opening) delete holder[KEY];
    });
  }
  return holder[KEY];
}
