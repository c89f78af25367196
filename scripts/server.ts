/**
 * The app's HTTP server: `npm start` (production build) and `npm run dev` (`--dev`, Turbopack).
 * It is Next's own request handler behind a plain node:http server, for one reason: a route
 * handler cannot see the TCP peer, and Next writes the peer into X-Forwarded-For only when the
 * client sent none, so under a bare `next start` any client chooses its own address. Here
 * every request first loses whatever the client sent as SOCKET_ADDRESS_HEADER and gets the
 * peer's address in it instead; lib/security/client-ip.ts reads it (and trusts it only in a
 * process this file marked).
 *
 * On the embedded database (no DATABASE_URL) it also runs the scheduled jobs itself (POST
 * /api/jobs/run every 15 minutes, with a CRON_SECRET made up for this process unless one is
 * set — a set CRON_SECRET means an outside scheduler calls the route), and writes its pid to
 * <data dir>/server.pid so that `npm run jobs:run` does not open the same database beside it.
 *
 *   tsx scripts/server.ts [--dev] [--test-clock] [--bench]   PORT (default 3000), HOSTNAME (default: all interfaces)
 *
 * Start-up is kept short: the database is opened and its schema brought up to date
 * (lib/db/migrate: one read when nothing is pending) while Next prepares, and the app's
 * modules find it already open (lib/db/open.ts), so PGlite's WASM starts once. Once
 * listening, the server asks itself for the health check, the SOP list and the auth keys,
 * so that the first user does not wait for those route modules to load.
 *
 * --test-clock is for the browser suite only (scripts/run-e2e.ts; lib/test-clock.ts);
 * --bench for `npm run bench` only (its bare baseline route, lib/bench-routes.ts).
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { loadEnvConfig } from '@next/env';
import { migrate } from '../lib/db/migrate';
import { processDatabase } from '../lib/db/open';
import { env } from '../lib/env';
import { markSocketAddressStamped, SOCKET_ADDRESS_HEADER } from '../lib/security/client-ip';
import { enableBenchRoutes } from '../lib/bench-routes';
import { enableTestClock } from '../lib/test-clock';

const dev = process.argv.includes('--dev');
// Like `next dev` / `next start`: the mode decides NODE_ENV unless it was set.
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV ?? (dev ? 'development' : 'production') });
const port = Number(process.env.PORT || 3000);
const listenHost = process.env.HOSTNAME || undefined;
const JOBS_EVERY_MS = 15 * 60 * 1000;

/** Embedded mode: the pid file, and the jobs every 15 minutes unless an outside scheduler has CRON_SECRET. */
function embeddedHousekeeping(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const pidFile = path.join(dataDir, 'server.pid');
  writeFileSync(pidFile, String(process.pid));
  let timer: NodeJS.Timeout | undefined;
  if (!process.env.CRON_SECRET) {
    const secret = randomBytes(32).toString('base64url');
    process.env.CRON_SECRET = secret;
    const runJobs = async () => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/jobs/run`, { method: 'POST', headers: { authorization: `Bearer ${secret}` } });
        if (!res.ok) console.error(`scheduled jobs: ${res.status} ${await res.text()}`);
      } catch (err) {
        console.error('scheduled jobs could not run:', err instanceof Error ? err.message : err);
      }
    };
    timer = setInterval(() => void runJobs(), JOBS_EVERY_MS);
    timer.unref();
  }
  return () => {
    if (timer) clearInterval(timer);
    rmSync(pidFile, { force: true });
  };
}

/** Open the configured database and apply pending migrations; the app's getDb() then returns it. */
async function openDatabase(root: string): Promise<void> {
  const db = await processDatabase();
  const result = await migrate(db, path.join(root, 'supabase'));
  if (result.applied.length) console.log(`migrations applied: ${result.applied.join(', ')}`);
}

/** Load the modules of the routes every session starts with (the answers are not used). */
async function warmUp(origin: string): Promise<void> {
  for (const p of ['/api/health', '/auth/v1/.well-known/jwks.json', '/api/v1/orgs/warm-up/sops', '/api/v1/orgs']) {
    await fetch(origin + p)
      .then((r) => r.arrayBuffer())
      .catch(() => {});
  }
}

async function main() {
  const root = path.resolve(__dirname, '..');
  // The same .env files Next reads, before anything reads the configuration.
  loadEnvConfig(root, dev);
  markSocketAddressStamped();
  const database = env().database;
  if (process.argv.includes('--test-clock')) {
    if (database.mode !== 'pglite') throw new Error('--test-clock moves the database clock: it is for the browser suite on a throwaway embedded database only.');
    enableTestClock();
  }
  if (process.argv.includes('--bench')) enableBenchRoutes();
  const cleanUp = database.mode === 'pglite' ? embeddedHousekeeping(path.resolve(database.dataDir)) : () => {};
  const { default: next } = await import('next');
  const app = next({ dev, dir: root, hostname: listenHost ?? 'localhost', port, turbopack: dev });
  await Promise.all([openDatabase(root), app.prepare()]);
  const handle = app.getRequestHandler();

  const server = createServer((req, res) => {
    delete req.headers[SOCKET_ADDRESS_HEADER];
    const peer = req.socket.remoteAddress;
    if (peer) req.headers[SOCKET_ADDRESS_HEADER] = peer;
    void handle(req, res);
  });
  // Keep idle connections longer than the clients and proxies in front of us do (Node's default
  // is 5 s): a client reusing a connection the server closed a moment earlier gets ECONNRESET.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.listen(port, listenHost, () => {
    console.log(`SOPwright ${dev ? 'development' : 'production'} server on http://${listenHost ?? 'localhost'}:${port}`);
    if (!dev) void warmUp(`http://127.0.0.1:${port}`);
  });

  const stop = () => {
    cleanUp();
    server.close();
    // Drafting runs here end as interrupted, keeping what they wrote (lib/generation/runtime.ts), before the database closes.
    const stopDrafting = (globalThis as Record<symbol, (() => Promise<void>) | undefined>)[Symbol.for('sopwright.stopDrafting')];
    const drafted = Promise.race([stopDrafting?.().then(() => console.log('drafting stopped (a run still going here ended as interrupted, keeping what it wrote)'), (err: unknown) => console.error('drafting did not stop cleanly:', err)), new Promise((r) => setTimeout(r, 10_000).unref())]);
    void drafted.then(() => app.close()).finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
