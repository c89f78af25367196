/**
 * The HTTP benchmark's baseline (scripts/bench-http.ts): `tsx scripts/server.ts --bench`,
 * which only `npm run bench` passes, marks this process, and /api/test/bench-echo then answers
 * with a fixed JSON body the benchmark stored (the SOP list response, byte for byte), so the
 * list route's throughput can be compared with a route that does no authentication and no
 * database work in the same server. Without the mark the route is a 404: no setting, header or
 * environment variable turns it on.
 */
const MARK = Symbol.for('sopwright.benchRoutes');
const BODY = Symbol.for('sopwright.benchEchoBody');
type Marked = { [MARK]?: true; [BODY]?: string };

export function enableBenchRoutes(): void {
  (globalThis as Marked)[MARK] = true;
}

export function benchRoutesEnabled(): boolean {
  return (globalThis as Marked)[MARK] === true;
}

export function setBenchEchoBody(json: string): void {
  (globalThis as Marked)[BODY] = json;
}

export function benchEchoBody(): string {
  return (globalThis as Marked)[BODY] ?? '{}';
}
