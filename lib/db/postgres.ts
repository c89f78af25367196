/**
 * postgres.js driver for a real Postgres (Supabase or any Postgres >= 15).
 * prepare:false keeps it safe behind Supabase's transaction pooler (port 6543).
 */
import postgres from 'postgres';
import type { Database, Row, Tx } from './types';

export function openPostgres(url: string, options: { max?: number } = {}): Database {
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
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
