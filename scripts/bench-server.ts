/**
 * The production server for the HTTP benchmarks: a `next build` (reused when .next is newer
 * than every source file), `scripts/server.ts --bench` on a bench database, and a real
 * session cookie from the embedded auth (the seeded users get a password, then sign in with
 * supabase-js through @supabase/ssr, which writes the cookie exactly as the app's sign-in does).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createServerClient } from '@supabase/ssr';
import bcrypt from 'bcryptjs';
import { AUTH_COOKIE_NAME, EMBEDDED_PUBLISHABLE_KEY, realtimeTransport } from '../lib/supabase/config';
import { freePort } from '../tests/e2e/support/instances';
import { freshDatabase, postgresReachable, seed, type BenchDb, type Kind, type SeedOptions, type SeedResult } from './bench-seed';

const root = path.resolve(__dirname, '..');
export const BENCH_PASSWORD = 'bench horse battery staple 42';

/** The newest modification time under these paths (files only). */
function newest(paths: string[]): number {
  let max = 0;
  const walk = (p: string) => {
    if (!existsSync(p)) return;
    const s = statSync(p);
    if (s.isDirectory()) {
      for (const f of readdirSync(p)) if (f !== 'node_modules' && !f.startsWith('.')) walk(path.join(p, f));
    } else max = Math.max(max, s.mtimeMs);
  };
  for (const p of paths) walk(path.join(root, p));
  return max;
}

/** `next build` unless .next/BUILD_ID is newer than the app's sources; returns what it did. */
export function ensureBuild(log: (s: string) => void): string {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  const sources = newest(['app', 'lib', 'components', 'proxy.ts', 'instrumentation.ts', 'next.config.ts', 'package-lock.json', 'postcss.config.mjs', 'public']);
  if (existsSync(buildId) && statSync(buildId).mtimeMs > sources) return 'reused the existing .next build (newer than every source file)';
  log('  next build (the .next build is missing or older than the sources)…');
  const started = performance.now();
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'next'), ['build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' } });
  if (r.status !== 0) throw new Error(`next build failed (${r.status})`);
  return `built with \`next build\` in ${((performance.now() - started) / 1000).toFixed(0)} s`;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  log(): string;
  stop(): Promise<void>;
}

/** Where the server's database is: a PostgreSQL URL or a PGlite folder. */
export type ServerDb = { url: string } | { dataDir: string };

export const serverDbOf = (t: BenchDb): ServerDb => (t.url ? { url: t.url } : { dataDir: t.dataDir! });

/** `tsx scripts/server.ts --bench` (what `npm start` runs, plus the bare baseline route) in its own process group. */
export async function startServer(db: ServerDb, opts: { port?: number; extraArgs?: string[] } = {}): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const url = `http://localhost:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    APP_URL: url,
    // A set CRON_SECRET: the embedded server leaves the scheduled jobs to an outside scheduler, so none runs mid-benchmark.
    CRON_SECRET: 'bench-cron-secret-local-only-0000000',
  };
  delete env.DATABASE_URL;
  delete env.SOPWRIGHT_DATA_DIR;
  if ('url' in db) env.DATABASE_URL = db.url;
  else env.SOPWRIGHT_DATA_DIR = db.dataDir;
  const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/server.ts', '--bench', ...(opts.extraArgs ?? [])], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr?.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  return {
    url,
    process: child,
    log: () => out,
    async stop() {
      if (child.exitCode !== null || !child.pid) return;
      const exited = new Promise((r) => child.once('exit', r));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* gone */
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `path` until it answers 200; returns the ms from `since` to that answer. */
export async function waitFor200(url: string, child: ChildProcess | null, since: number, timeoutMs = 120_000, pollMs = 25): Promise<number> {
  const deadline = since + timeoutMs;
  while (performance.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status === 200) return performance.now() - since;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs / 1000} s`);
}

/** Gives every seeded user (bench-…@bench.test) the benchmark password, as the emulator's sign-up would store it. */
export async function setBenchPasswords(t: BenchDb): Promise<void> {
  const hash = bcrypt.hashSync(BENCH_PASSWORD, 4);
  await t.asService((tx) => tx.query("update auth.users set encrypted_password = $1 where email like 'bench-%@bench.test'", [hash]));
}

/** Signs in through the app's embedded auth and returns the Cookie header a browser would send. */
export async function sessionCookie(baseUrl: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const jar = new Map<string, string>();
  const client = createServerClient(baseUrl, EMBEDDED_PUBLISHABLE_KEY, {
    cookieOptions: { name: AUTH_COOKIE_NAME },
    realtime: realtimeTransport,
    cookies: {
      getAll: () => [...jar].map(([name, value]) => ({ name, value })),
      setAll: (list) => {
        for (const { name, value } of list) {
          if (value) jar.set(name, value);
          else jar.delete(name);
        }
      },
    },
  });
  const { error } = await client.auth.signInWithPassword({ email, password });
  if (error) throw new Error(`sign-in of ${email} failed: ${error.message}`);
  if (!jar.size) throw new Error('sign-in set no cookie');
  return [...jar].map(([n, v]) => `${n}=${v}`).join('; ');
}

/** Start the server on db, wait for its first 200 on /api/health, run fn, stop it (printing its log when fn throws). */
export async function withServer<T>(db: ServerDb, fn: (server: RunningServer) => Promise<T>): Promise<T> {
  const server = await startServer(db);
  try {
    await waitFor200(`${server.url}/api/health`, server.process, performance.now());
    return await fn(server);
  } catch (err) {
    console.error(server.log().slice(-4000));
    throw err;
  } finally {
    await server.stop();
  }
}

export type ServerSeed = { t: BenchDb; s: SeedResult; skipped?: undefined } | { skipped: string };

/**
 * A fresh database of this kind, seeded, every user with the benchmark password, and closed so
 * that a server can open it (call t.close() at the end to drop it). PostgreSQL unreachable:
 * `skipped` says why.
 */
export async function seededForServer(kind: Kind, opts: Omit<SeedOptions, 'log'>): Promise<ServerSeed> {
  if (kind === 'postgres') {
    const why = await postgresReachable();
    if (why) return { skipped: `Skipped: no PostgreSQL answered (${why}).` };
  }
  const t = await freshDatabase(kind);
  try {
    const s = await seed(t, opts);
    await setBenchPasswords(t);
    return { t, s };
  } finally {
    await t.db.close();
  }
}
