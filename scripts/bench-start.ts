/**
 * npm run bench -- start [--only=postgres|pglite]
 *
 * Cold start of the production server (`npm start` = `tsx scripts/db-migrate.ts`, then
 * `tsx scripts/server.ts`): ms from spawning to the first 200 on /api/health, on a fresh
 * database (an empty PGlite folder / a new empty PostgreSQL database, so the migrations run)
 * and on an existing one (seeded, migrated), then the first SOP list call after it (signed in
 * first, timed apart). Baselines in the same run: a bare `node -e` HTTP server's time to its
 * first 200, and the same server's warm list call (median of 10).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { benchCommand, eachKind, fmtMs, machineLine, median, postgresAdminUrl, ratio, table, wholeRun } from './bench-report';
import { freshDatabase, postgresReachable, seed, type Kind } from './bench-seed';
import { freePort } from '../tests/e2e/support/instances';
import { ensureBuild, serverDbOf, sessionCookie, setBenchPasswords, startServer, waitFor200, type ServerDb } from './bench-server';

const root = path.resolve(__dirname, '..');

/** A bare Node HTTP server: ms from spawn to its first 200. */
async function nodeBaseline(): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['-e', `require('http').createServer((q, s) => s.end('ok')).listen(${port})`], { stdio: 'ignore' });
  try {
    return await waitFor200(`http://127.0.0.1:${port}/`, child, started);
  } finally {
    child.kill('SIGTERM');
  }
}

function migrateMs(db: ServerDb): number {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'production' };
  delete env.DATABASE_URL;
  delete env.SOPWRIGHT_DATA_DIR;
  if ('url' in db) env.DATABASE_URL = db.url;
  else env.SOPWRIGHT_DATA_DIR = db.dataDir;
  const started = performance.now();
  const r = spawnSync(path.join(root, 'node_modules', '.bin', 'tsx'), ['scripts/db-migrate.ts'], { cwd: root, env, stdio: 'ignore' });
  if (r.status !== 0) throw new Error(`db:migrate failed (${r.status})`);
  return performance.now() - started;
}

interface Start {
  migrate: number;
  health: number;
  signIn?: number;
  firstList?: number;
  warmList?: number;
}

async function coldStart(db: ServerDb, user?: { email: string; slug: string }): Promise<Start> {
  const migrate = migrateMs(db);
  const started = performance.now();
  const server = await startServer(db);
  try {
    const health = await waitFor200(`${server.url}/api/health`, server.process, started, 180_000, 10);
    if (!user) return { migrate, health };
    let t = performance.now();
    const cookie = await sessionCookie(server.url, user.email);
    const signIn = performance.now() - t;
    const listUrl = `${server.url}/api/v1/orgs/${user.slug}/sops`;
    t = performance.now();
    const first = await fetch(listUrl, { headers: { cookie } });
    await first.text();
    const firstList = performance.now() - t;
    if (first.status !== 200) throw new Error(`first list call answered ${first.status}`);
    const warm: number[] = [];
    for (let i = 0; i < 12; i++) {
      t = performance.now();
      await (await fetch(listUrl, { headers: { cookie } })).text();
      if (i >= 2) warm.push(performance.now() - t);
    }
    return { migrate, health, signIn, firstList, warmList: median(warm) };
  } catch (err) {
    console.error(server.log().slice(-4000));
    throw err;
  } finally {
    await server.stop();
  }
}

async function startOne(kind: Kind, baseline: number, log: (s: string) => void): Promise<string[]> {
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  if (kind === 'postgres') {
    const why = await postgresReachable();
    if (why) return [`### ${label}`, '', `Skipped: no PostgreSQL answered (${why}).`];
  }
  // Fresh: nothing there yet, the migrations run.
  let fresh: Start;
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sopwright-bench-fresh-'));
    try {
      fresh = await coldStart({ dataDir: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } else {
    const name = `sopwright_bench_fresh_${Date.now().toString(36)}`;
    const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const u = new URL(postgresAdminUrl());
    u.pathname = `/${name}`;
    try {
      fresh = await coldStart({ url: u.toString() });
    } finally {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  }
  log(`start ${label}, fresh: migrate ${fmtMs(fresh.migrate)}, server to first 200 ${fmtMs(fresh.health)}`);
  // Existing: seeded and migrated; two starts, the second is reported beside the first.
  const t = await freshDatabase(kind);
  const version = t.version;
  const s = await seed(t, { orgs: 20, sops: 100, versions: 2, big: [] });
  await setBenchPasswords(t);
  await t.db.close();
  const rows: string[][] = [];
  const fmt = (x: number | undefined) => (x === undefined ? '—' : fmtMs(x));
  rows.push(['fresh (empty database)', fmt(fresh.migrate), `**${fmt(fresh.health)}**`, ratio(fresh.health, baseline), ratio(fresh.migrate + fresh.health, baseline), '—', '—', '—', '—']);
  try {
    for (const n of [1, 2]) {
      const e = await coldStart(serverDbOf(t), { email: s.orgs[0]!.ownerEmail, slug: s.orgs[0]!.slug });
      log(`start ${label}, existing #${n}: migrate ${fmtMs(e.migrate)}, first 200 ${fmtMs(e.health)}, sign-in ${fmt(e.signIn)}, first list ${fmt(e.firstList)} (warm ${fmt(e.warmList)})`);
      rows.push([`existing (2,000 SOPs), start ${n}`, fmt(e.migrate), `**${fmt(e.health)}**`, ratio(e.health, baseline), ratio(e.migrate + e.health, baseline), fmt(e.signIn), `**${fmt(e.firstList)}**`, fmt(e.warmList), ratio(e.firstList ?? NaN, e.warmList ?? NaN)]);
    }
  } finally {
    await t.close();
  }
  return [
    `### ${label} (${version})`,
    '',
    table(['database', 'db:migrate', 'server: spawn → first 200 /api/health', '÷ node -e', 'migrate + server ÷ node -e', 'sign-in', 'first SOP list call', 'warm list call', 'first ÷ warm'], rows),
  ];
}

export async function benchStart(args: readonly string[]): Promise<{ markdown: string }> {
  const log = (s: string) => console.log(s);
  const started = performance.now();
  const build = ensureBuild(log);
  const baselines: number[] = [];
  for (let i = 0; i < 3; i++) baselines.push(await nodeBaseline());
  const baseline = median(baselines);
  log(`start: ${build}; node -e server to first 200: ${fmtMs(baseline)}`);
  const parts = await eachKind(args, (kind) => startOne(kind, baseline, log));
  return {
    markdown: [
      `## Cold start (\`${benchCommand('start', args)}\`)`,
      '',
      machineLine([wholeRun(started), build]),
      '',
      `\`npm start\` is \`db:migrate\` then \`scripts/server.ts\`; both are timed from spawn (\`tsx\` included), the server until /api/health first answers 200 (polled every 10 ms), then a sign-in and the first \`GET /api/v1/orgs/{org}/sops\`. Baselines: a bare \`node -e\` HTTP server's spawn → first 200 (median of 3: **${fmtMs(baseline)}**), and the same server's warm list call (median of 10 after 2). Goal: first 200 ≤ 3 s, first list call ≤ 500 ms. The OS file cache is warm (the build was just read), as on a server restart.`,
      '',
      ...parts,
    ].join('\n'),
  };
}
