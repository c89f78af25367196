/**
 * PGlite driver: Postgres compiled to WASM, in this process, persisted in a data folder
 * (or in memory for tests). One connection: PGlite serializes transactions itself.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { Database, Row, Tx } from './types';

export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  let target: string | undefined;
  if (dataDir) {
    target = path.resolve(dataDir);
    await mkdir(target, { recursive: true });
  }
  const pg = await createPglite(target, options.loadDataDir);
  return wrapPglite(pg);
}

/**
 * The Postgres contrib extensions the migrations create (pg_trgm for search). PGlite ships them
 * as separate bundles that must be loaded when the instance starts, also to open a data folder
 * or dump in which they are already installed; real Postgres has them in its contrib package.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

/** A PGlite instance with the extensions the schema needs (in memory without dataDir). */
export function createPglite(dataDir?: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create(dataDir, { loadDataDir, extensions: PGLITE_EXTENSIONS });
}

export function wrapPglite(pg: PGlite): Database & { pglite: PGlite } {
  return {
    kind: 'pglite',
    pglite: pg,
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      return pg.transaction(async (ptx) =>
        fn({
          async query<R extends Row = Row>(text: string, params?: readonly unknown[]) {
            const res = await ptx.query<R>(text, params ? [...params] : undefined);
            return res.rows;
          },
          async execScript(sql: string) {
            await ptx.exec(sql);
          },
        }),
      );
    },
    async execute<R extends Row = Row>(text: string, params?: readonly unknown[]) {
      // Both wait for any open transaction() to end: PGlite has one connection.
      if (params?.length) return (await pg.query<R>(text, [...params])).rows;
      return ((await pg.exec(text)).at(-1)?.rows ?? []) as R[];
    },
    async listen(channel: string, onPayload: (payload: string) => void) {
      const unlisten = await pg.listen(channel, onPayload);
      return async () => {
        if (!pg.closed) await unlisten();
      };
    },
    async close() {
      if (!pg.closed) await pg.close();
    },
  };
}
