/**
 * The database seam shared by both drivers (PGlite in-process, postgres.js over the network).
 * Application code sees only `Tx`: parameterized queries inside one transaction.
 */
export type Row = Record<string, unknown>;

export interface Tx {
  /** Run one parameterized statement ($1, $2 …) and return its rows. */
  query<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a multi-statement script without parameters (migrations only). */
  execScript(sql: string): Promise<void>;
}

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** One transaction: committed when fn resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
