/** The database as the app sees it, recording each transaction's statements (in `opened`, one list per transaction, in the order they opened). */
import type { Database, Tx } from '@/lib/db/types';

export function recordingDatabase(db: Database, opened: string[][]): Database {
  return {
    kind: db.kind,
    close: () => db.close(),
    execute: (text, params) => db.execute(text, params),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    transaction<T>(fn: (tx: Tx) => Promise<T>) {
      const statements: string[] = [];
      opened.push(statements);
      return db.transaction((tx) =>
        fn({
          query: (text, params) => (statements.push(text), tx.query(text, params)),
          execScript: (sql) => (statements.push(sql), tx.execScript(sql)),
        }),
      );
    },
  };
}
