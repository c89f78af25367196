/**
 * The browser suite's clock (tests/e2e): `tsx scripts/server.ts --test-clock`, which only
 * scripts/run-e2e.ts passes, marks this process, and POST /api/test/clock then moves the
 * database clock (private.clock(), which every lifecycle, signature, review and training
 * date reads) by a number of seconds from real time. Without the mark the route is a 404:
 * no setting, header or environment variable turns it on, and `npm start`, `npm run dev` and
 * hosted deployments never pass the flag. The server refuses the flag unless it runs on the
 * embedded database (a throwaway one in the suite).
 */
const MARK = Symbol.for('sopwright.testClock');
type Marked = { [MARK]?: true };

export function enableTestClock(): void {
  (globalThis as Marked)[MARK] = true;
}

export function testClockEnabled(): boolean {
  return (globalThis as Marked)[MARK] === true;
}

/** The SQL that moves the database clock to real time + seconds (0 puts it back). */
export function clockFunctionSql(seconds: number): string {
  const s = Math.trunc(seconds);
  return `create or replace function private.clock() returns timestamptz language plpgsql volatile set search_path = '' as $$ begin return clock_timestamp() + interval '${s} seconds'; end $$`;
}
