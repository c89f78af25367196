/** A Tx that records the statements run through it, to EXPLAIN exactly what a service sent (plan tests, scripts/search-explain). */
import type { Row, Tx } from './types';

export interface Statement {
  text: string;
  params: readonly unknown[];
}

export function recordingTx(tx: Tx, log: Statement[]): Tx {
  return {
    query<R extends Row = Row>(text: string, params?: readonly unknown[]) {
      log.push({ text, params: params ?? [] });
      return tx.query<R>(text, params);
    },
    execScript: (sql) => tx.execScript(sql),
  };
}
