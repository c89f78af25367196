/**
 * postgres.js driver for a real Postgres (Supabase or any Postgres >= 15).
 * prepare:false keeps it safe behind Supabase's transaction pooler (port 6543).
 */
import postgres from 'postgres';
import type { Database, Row, Tx } from './types';

/** `listenUrl`: a session connection for LISTEN when `url` is a transaction pooler, which drops notifications. */
export function openPostgres(url: string, options: { max?: number; listenUrl?: string } = {}): Database {
  const sql = postgres(url, {
    max: options.max ?? 10,
    prepare: false,
    onnotice: () => {},
    connection: { application_name: 'sopwright' },
    types: {
      // Both drivers take JSON parameters as text (`$1::jsonb` with JSON.stringify'd input),
      // as PGlite does; postgres.js would otherwise encode a string a second time.
      json: { to: 114, from: [114, 3802], serialize: (x: unknown) => (typeof x === 'string' ? x : JSON.stringify(x)), parse: (x: string) => JSON.parse(x) },
    },
  });
  const listener = options.listenUrl ? postgres(options.listenUrl, { max: 1, onnotice: () => {}, connection: { application_name: 'sopwright-listen' } }) : sql;
  return {
    kind: 'postgres',
    async transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T> {
      const result = await sql.begin(async (ptx) =>
        fn({
          async query<R extends Row = Row>(text: string, params?: readonly unknown[]) {
            const rows = await ptx.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[]);
            return [...rows] as unknown as R[];
          },
          async execScript(script: string) {
            await ptx.unsafe(script);
          },
        }),
      );
      return result as T;
    },
    async execute<R extends Row = Row>(text: string, params?: readonly unknown[]) {
      if (!params?.length && /^\s*begin\b/i.test(text)) {
        // A script with its own BEGIN … COMMIT needs one connection to itself (postgres.js refuses it on the pool).
        const reserved = await sql.reserve();
        try {
          await reserved.unsafe(text);
          return [];
        } finally {
          reserved.release();
        }
      }
      const result = await sql.unsafe(text, (params ?? []) as postgres.ParameterOrJSON<never>[]);
      // A script of several statements answers one result per statement: the last one's rows.
      const rows = Array.isArray(result[0]) && !params?.length ? (result.at(-1) as unknown as Row[]) : result;
      return [...rows] as unknown as R[];
    },
    async listen(channel: string, onPayload: (payload: string) => void) {
      // postgres.js listens on a connection of its own beside the pool, and listens again after a reconnect.
      const { unlisten } = await listener.listen(channel, onPayload);
      return unlisten;
    },
    async close() {
      if (listener !== sql) await listener.end({ timeout: 5 });
      await sql.end({ timeout: 5 });
    },
  };
}
