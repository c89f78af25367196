/**
 * PGlite driver: Postgres compiled to WASM, in this process, persisted in a data folder
 * (or in memory for tests). One connection: PGlite serializes transactions itself.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Database, Row, Tx } from './types';

export async function openPglite(dataDir: string | undefined, options: { loadDataDir?: Blob } = {}): Promise<Database> {
  let target: string | undefined;
  if (dataDir) {
    target = path.resolve(dataDir);
    await mkdir(target, { recursive: true });
  }
  const pg = await PGlite.create(target, { loadDataDir: options.loadDataDir });
  return wrapPglite(pg);
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
