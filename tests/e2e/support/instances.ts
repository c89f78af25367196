/**
 * Several instances of the built app on one PostgreSQL database, for the two-instance spec
 * (tests/e2e/two-instances.spec.ts): the production build the suite already made
 * (scripts/run-e2e.ts), each instance its own `scripts/server.ts` on a free port in its own
 * process group (so killing it kills Next's children too), all on one fresh database created
 * for the run on the server named by CI_DATABASE_URL, else DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres, migrated once. They share every secret an
 * instance would otherwise make up for itself (the auth emulator's keys live in the database;
 * the audit signing key and the cron secret are set here), and the suite's Resend fake.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

const root = path.resolve(__dirname, '..', '..', '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

export function postgresServerUrl(): string {
  return process.env.CI_DATABASE_URL || process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Why no PostgreSQL can be used at `url` (null when one answers). */
export async function unreachable(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 5, onnotice: () => {} });
  try {
    await sql`select 1`;
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await sql.end({ timeout: 1 }).catch(() => undefined);
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** A new database on the server at `serverUrl`; returns its URL and how to drop it. */
export async function freshDatabase(serverUrl: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `sopwright_twoinst_${randomBytes(6).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const a = postgres(serverUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await a.end();
    },
  };
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited with ${code}:\n${out.slice(-4000)}`))));
  });
}

/** The app's configuration variables that an instance must not inherit from the test runner. */
const APP_VARIABLES = [
  'DATABASE_URL', 'SOPWRIGHT_DATA_DIR', 'APP_URL', 'PORT', 'HOSTNAME', 'TRUST_PROXY', 'NEXT_PUBLIC_SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_ANON_KEY',
  'SUPABASE_SERVICE_ROLE_KEY', 'SOPWRIGHT_MAILBOX', 'CRON_SECRET', 'AUDIT_SIGNING_KEY', 'RESEND_API_KEY', 'RESEND_BASE_URL', 'EMAIL_FROM',
  'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'ANTHROPIC_MODEL', 'DATABASE_LISTEN_URL', 'DRAFT_WORKERS', 'DRAFT_HEARTBEAT_SECONDS', 'UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN', 'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET', 'STRIPE_PRICE_PRO', 'STRIPE_PRICE_TEAM', 'STRIPE_API_BASE_URL', 'SENTRY_DSN',
];

export interface Instance {
  name: string;
  url: string;
  process: ChildProcess;
  /** Everything it printed (for a failure's report). */
  log(): string;
  /** SIGKILL its whole process group, as a crash or an OOM kill would; resolves once it is gone. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited in 5 s. */
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once('exit', () => r()));
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function waitForHealth(inst: Instance, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (inst.process.exitCode !== null) throw new Error(`instance ${inst.name} exited with code ${inst.process.exitCode}:\n${inst.log().slice(-4000)}`);
    try {
      if ((await fetch(`${inst.url}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`instance ${inst.name} did not become healthy at ${inst.url} within ${timeoutMs / 1000} s:\n${inst.log().slice(-4000)}`);
}

export interface Cluster {
  databaseUrl: string;
  instances: Instance[];
  stop(): Promise<void>;
}

/**
 * Migrate a fresh database once, then start one instance per entry of `anthropicUrls` (its
 * Anthropic endpoint: a fake of its own lets a test tell which instance called the model).
 * `resend` is the Resend fake every instance sends its email through.
 */
export async function startCluster(opts: { serverUrl: string; anthropicKey: string; anthropicUrls: string[]; resend: { url: string; key: string } }): Promise<Cluster> {
  const db = await freshDatabase(opts.serverUrl);
  const instances: Instance[] = [];
  const dirs: string[] = [];
  const stop = async () => {
    await Promise.all(instances.map((i) => i.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    await db.drop();
  };
  try {
    const base: NodeJS.ProcessEnv = { ...process.env };
    for (const k of APP_VARIABLES) delete base[k];
    for (const k of Object.keys(base)) if (k.startsWith('E2E_')) delete base[k];
    const shared = {
      ...base,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      DATABASE_URL: db.url,
      // One key for every instance: an audit export verifies whichever instance signed it.
      AUDIT_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      // Set, so no instance runs the scheduled jobs on its own timer (the suite's rule).
      CRON_SECRET: `twoinst-${randomBytes(16).toString('hex')}`,
      ANTHROPIC_API_KEY: opts.anthropicKey,
      RESEND_API_KEY: opts.resend.key,
      RESEND_BASE_URL: opts.resend.url,
      SUPPORT_EMAIL: 'security-reports@sopwright.test',
      // A run whose instance died counts as interrupted after a few missed heartbeats: 1 s apart here, so the test waits seconds, not half a minute.
      DRAFT_HEARTBEAT_SECONDS: '1',
    } as NodeJS.ProcessEnv;
    await run(tsx, ['scripts/db-migrate.ts'], shared);

    for (const [i, anthropicUrl] of opts.anthropicUrls.entries()) {
      const name = String.fromCharCode(65 + i); // A, B, …
      const port = await freePort();
      const url = `http://localhost:${port}`;
      const dataDir = mkdtempSync(path.join(os.tmpdir(), `sopwright-instance-${name}-`));
      dirs.push(dataDir);
      const child = spawn(tsx, ['scripts/server.ts'], {
        cwd: root,
        env: { ...shared, PORT: String(port), APP_URL: url, SOPWRIGHT_DATA_DIR: dataDir, ANTHROPIC_BASE_URL: anthropicUrl },
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
      child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
      instances.push({
        name,
        url,
        process: child,
        log: () => log,
        kill: async () => {
          signalGroup(child, 'SIGKILL');
          await exited(child);
        },
        stop: async () => {
          signalGroup(child, 'SIGTERM');
          const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 5_000);
          await exited(child);
          clearTimeout(timer);
          signalGroup(child, 'SIGKILL'); // Next's workers, if the server left any
        },
      });
    }
    // Never leave servers behind when the worker dies without running afterAll.
    process.once('exit', () => instances.forEach((i) => signalGroup(i.process, 'SIGKILL')));
    await Promise.all(instances.map((i) => waitForHealth(i)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { databaseUrl: db.url, instances, stop };
}
