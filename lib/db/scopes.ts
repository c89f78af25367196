/**
 * The one data path. Every query made for a user runs inside withUser(): one transaction,
 * role `authenticated` and the verified JWT claims in `request.jwt.claims`, both
 * transaction-local (safe behind a transaction pooler) and set by one statement. Postgres RLS
 * then decides which rows exist. asService() skips RLS and is reserved for the auth emulator,
 * webhooks, jobs and admin paths (a unit test keeps it out of pages and user routes).
 *
 * withUserAnd() is withUser() whose opening statement also evaluates one SQL expression as
 * that user (lib/auth/session.ts: the session check), so a request's first round trip both
 * enters the user's scope and learns whether it may go on. The expression is evaluated after
 * the role and claims are set (a select list is evaluated left to right; the scalar subquery
 * is an InitPlan run where it is first referenced). Were it ever evaluated before them, it
 * would see no claims: a session check then finds no session and refuses (fails closed).
 * The statement is planned, and its grants checked, before the role changes: the expression
 * must not rely on RLS or on the user's grants. Give it a security definer function that
 * reads the claims itself (private.current_session_state), never a query of a table.
 *
 * Never nest these and never hold one open across a network call: PGlite has a single
 * connection and a pool runs dry the same way.
 */
import type { VerifiedClaims } from './claims';
import type { Database, Tx } from './types';

export interface Scopes {
  withUser<T>(claims: VerifiedClaims, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** withUser(), with `expression` (SQL yielding one value, no parameters) evaluated as the user in the same opening statement; fn gets its value. */
  withUserAnd<T, V>(claims: VerifiedClaims, expression: string, fn: (tx: Tx, value: V) => Promise<T>): Promise<T>;
  withAnon<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  asService<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
}

const SERVICE_CLAIMS = JSON.stringify({ role: 'service_role' });
const ANON_CLAIMS = JSON.stringify({ role: 'anon' });

/** `set local role <role>` and the claims, in one statement (set_config('role', …, true) is SET LOCAL ROLE). */
const enter = (role: 'authenticated' | 'anon', also = '') =>
  `select set_config('role', '${role}', true) as role, set_config('request.jwt.claims', $1, true) as claims${also ? `, (${also}) as value` : ''}`;

const ENTER_USER = enter('authenticated');
const ENTER_ANON = enter('anon');

function assertUserClaims(claims: VerifiedClaims): void {
  if (!claims || typeof claims.sub !== 'string' || claims.role !== 'authenticated') {
    throw new Error('withUser needs verified claims of an authenticated user');
  }
}

export function scopesFor(getDb: () => Promise<Database>): Scopes {
  const withUserAnd: Scopes['withUserAnd'] = async (claims, expression, fn) => {
    assertUserClaims(claims);
    const db = await getDb();
    const opening = expression ? enter('authenticated', expression) : ENTER_USER;
    return db.transaction(async (tx) => {
      const [row] = await tx.query<{ value: never }>(opening, [JSON.stringify(claims)]);
      return fn(tx, row?.value as never);
    });
  };
  return {
    withUserAnd,
    withUser: (claims, fn) => withUserAnd(claims, '', (tx) => fn(tx)),
    async withAnon(fn) {
      const db = await getDb();
      return db.transaction(async (tx) => {
        await tx.query(ENTER_ANON, [ANON_CLAIMS]);
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
