/**
 * The one data path. Every query made for a user runs inside withUser(): one transaction,
 * `set local role authenticated`, the verified JWT claims in `request.jwt.claims`
 * (transaction-scoped, so safe behind a transaction pooler). Postgres RLS then decides
 * which rows exist. asService() skips RLS and is reserved for the auth emulator, webhooks,
 * jobs and admin paths (a unit test keeps it out of pages and user routes).
 *
 * Never nest these and never hold one open across a network call: PGlite has a single
 * connection and a pool runs dry the same way.
 */
import type { VerifiedClaims } from './claims';
import type { Database, Tx } from './types';

export interface Scopes {
  withUser<T>(claims: VerifiedClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  withAnon<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

const SERVICE_CLAIMS = JSON.stringify({ role: 'service_role' });

export function scopesFor(getDb: () => Promise<Database>): Scopes {
  return {
    async withUser(claims, fn) {
      if (!claims || typeof claims.sub !== 'string' || claims.role !== 'authenticated') {
        throw new Error('withUser needs verified claims of an authenticated user');
      }
      const db = await getDb();
      return db.transaction(async (tx) => {
        await tx.query('set local role authenticated');
        await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
        return fn(tx);
      });
    },
    async withAnon(fn) {
      const db = await getDb();
      return db.transaction(async (tx) => {
        await tx.query('set local role anon');
        await tx.query("select set_config('request.jwt.claims', $1, true)", ['{"role":"anon"}']);
        return fn(tx);
      });
    },
    async asService(fn) {
      const db = await getDb();
      return db.transaction(async (tx) => {
        // The connection's own role (the database owner) with the service_role claim, as
        // Supabase's service key would have. Triggers that guard server-only columns look at
        // current_user, which stays the owner here.
        await tx.query("select set_config('request.jwt.claims', $1, true)", [SERVICE_CLAIMS]);
        return fn(tx);
      });
    },
  };
}
