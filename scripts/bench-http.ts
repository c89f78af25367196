/**
 * npm run bench -- http [--duration=S --rounds=R --only=postgres|pglite]
 *
 * Throughput of GET /api/v1/orgs/{org}/sops (the SOP list API, signed in with a real session
 * cookie) against the bare route /api/test/bench-echo answering the same JSON byte for byte
 * (no authentication, no database: lib/bench-routes.ts), both on the production server
 * (`next build` + scripts/server.ts --bench), at 1, 10 and 50 concurrent connections, with
 * autocannon. Interleaved rounds (list, bare, bare, list …); the figure is total requests / time.
 * On PostgreSQL (a fresh bench database) and on PGlite (a fresh folder), each seeded with
 * 20 organizations × 100 SOPs × 2 versions.
 */
import autocannon from 'autocannon';
import { benchCommand, eachKind, flag, machineLine, median, table, wholeRun } from './bench-report';
import type { Kind, SeedResult } from './bench-seed';
import { ensureBuild, seededForServer, serverDbOf, sessionCookie, withServer, type RunningServer } from './bench-server';

const CONCURRENCY = [1, 10, 50];

interface Run {
  rps: number;
  non2xx: number;
  errors: number;
  p50: number;
}

async function cannon(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<Run> {
  const r = await autocannon({ url, connections, duration: seconds, headers, timeout: 30 });
  return { rps: r.requests.total / seconds, non2xx: r.non2xx, errors: r.errors + r.timeouts, p50: r.latency.p50 };
}

export async function benchHttpOne(kind: Kind, o: { duration: number; rounds: number }, log: (s: string) => void): Promise<string[]> {
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const seeded = await seededForServer(kind, { orgs: 20, sops: 100, versions: 2, big: [] });
  if (seeded.skipped !== undefined) return [`### ${label}`, '', seeded.skipped];
  const { t, s } = seeded;
  try {
    return await withServer(serverDbOf(t), (server) => measureHttp(server, s, label, t.version, o, log));
  } finally {
    await t.close();
  }
}

async function measureHttp(server: RunningServer, s: SeedResult, label: string, version: string, o: { duration: number; rounds: number }, log: (s: string) => void): Promise<string[]> {
  const org = s.orgs[0]!;
  const cookie = await sessionCookie(server.url, org.ownerEmail);
  const listUrl = `${server.url}/api/v1/orgs/${org.slug}/sops`;
  const bareUrl = `${server.url}/api/test/bench-echo`;
  const first = await fetch(listUrl, { headers: { cookie } });
  const body = await first.text();
  if (first.status !== 200) throw new Error(`GET list answered ${first.status}: ${body.slice(0, 200)}`);
  const put = await fetch(bareUrl, { method: 'PUT', body, headers: { 'content-type': 'application/json' } });
  if (put.status !== 204) throw new Error(`PUT bench-echo answered ${put.status} (is the server started with --bench?)`);
  const echoed = await (await fetch(bareUrl)).text();
  if (echoed !== body) throw new Error('the bare route does not answer the same JSON');
  log(`http ${label}: list response ${body.length} bytes, ${(JSON.parse(body) as { items: unknown[] }).items.length} SOPs`);
  const headers = { cookie };
  // autocannon stops at the deadline with requests still queued in the server: wait until one more answers before the next run.
  const drain = async () => void (await (await fetch(listUrl, { headers })).arrayBuffer());
  const run = async (which: 'list' | 'bare', c: number, seconds: number) => {
    // The bare route is sent no cookie: no session to refresh in the proxy, no authentication, no database.
    const r = which === 'list' ? await cannon(listUrl, c, seconds, headers) : await cannon(bareUrl, c, seconds, {});
    await drain();
    return r;
  };
  // Warm both routes (first compilation of the route modules, JIT).
  await run('list', 10, 2);
  await run('bare', 10, 2);
  const rows: string[][] = [];
  for (const c of CONCURRENCY) {
    const list: Run[] = [];
    const bare: Run[] = [];
    for (let i = 0; i < o.rounds; i++) {
      if (i % 2 === 0) {
        list.push(await run('list', c, o.duration));
        bare.push(await run('bare', c, o.duration));
      } else {
        bare.push(await run('bare', c, o.duration));
        list.push(await run('list', c, o.duration));
      }
    }
    const l = median(list.map((r) => r.rps));
    const b = median(bare.map((r) => r.rps));
    const bad = [...list, ...bare].reduce((n, r) => n + r.non2xx + r.errors, 0);
    log(`  c=${c}: list ${l.toFixed(1)} req/s, bare ${b.toFixed(1)} req/s → ${(l / b).toFixed(2)} (${bad} non-2xx or errors)`);
    rows.push([`c = ${c}`, l.toFixed(1), b.toFixed(1), `**${(l / b).toFixed(2)}**`, `${median(list.map((r) => r.p50)).toFixed(0)} ms`, `${median(bare.map((r) => r.p50)).toFixed(0)} ms`, String(bad)]);
  }
  return [
    `### ${label} (${version})`,
    '',
    `List response: ${body.length} bytes (25 SOPs, the API's default page). ${o.rounds} interleaved rounds of ${o.duration} s per route and concurrency after a 2 s warm-up of each; medians.`,
    '',
    table(['connections', 'list API, req/s', 'bare route, req/s', 'list / bare', 'list p50', 'bare p50', 'non-2xx + errors'], rows),
  ];
}

export async function benchHttp(args: readonly string[]): Promise<{ markdown: string }> {
  const log = (s: string) => console.log(s);
  const o = { duration: Number(flag(args, 'duration') ?? 5), rounds: Number(flag(args, 'rounds') ?? 2) };
  const started = performance.now();
  const build = ensureBuild(log);
  log(`http: ${build}`);
  const parts = await eachKind(args, (kind) => benchHttpOne(kind, o, log));
  return {
    markdown: [
      `## HTTP: SOP list API vs a bare route (\`${benchCommand('http', args)}\`)`,
      '',
      machineLine(['autocannon 9.0.0 on the same machine', wholeRun(started), build]),
      '',
      'Ratio = list API requests per second / the bare route\'s (`/api/test/bench-echo`, which answers the list\'s JSON byte for byte with no authentication and no database, only in a server started with `--bench`), through the same production server and proxy; the list is signed in with a real session cookie, the bare route gets none (so the proxy has no session to refresh: it is the server\'s ceiling for this response). After each run the benchmark waits for one more list answer, so that requests still queued from one run do not count against the next. Goal ≥ 0.6 on PostgreSQL; on PGlite, not slower at c = 50 than at c = 1.',
      '',
      ...parts,
    ].join('\n'),
  };
}
