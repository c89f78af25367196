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
  /**
   * One statement, or a script without parameters, outside any transaction of ours (committed
   * on its own): for the job queue's own SQL (lib/generation/queue.ts), nothing else.
   */
  execute<T extends Row = Row>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** LISTEN on a channel: onPayload gets each NOTIFY's payload until the returned function is called. */
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
