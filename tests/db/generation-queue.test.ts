/**
 * Drafting runs on the queue, across instances: "A" is this process's drafting over the app's
 * database handle with no worker (it only enqueues and watches, as a web instance with
 * DRAFT_WORKERS=0), "B" and "C" are other instances with workers, each on a connection of its
 * own on PostgreSQL (one PGlite is one process, so there they share the handle: the same
 * mechanism, in-process). The model is the local fake, holding its stream mid-run where a test
 * needs a run in progress. Staleness is made by ageing the heartbeat in SQL, never by waiting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import type { CurrentUser } from '@/lib/auth/session';
import { openPostgres } from '@/lib/db/postgres';
import type { Database } from '@/lib/db/types';
import type { Drafting } from '@/lib/generation/runtime';
import type { Generation } from '@/lib/generation/store';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

const API_KEY = 'sk-ant-test-queue-0123456789';
process.env.DRAFT_WORKERS = '0'; // this process's own drafting ("A") runs no worker
let t: TestDb;
let fake: FakeAnthropic;
let author: CurrentUser;
let runtime: typeof import('@/lib/generation/runtime');
let start: typeof import('@/lib/generation/start');
let stream: typeof import('@/lib/generation/stream');
let gens: typeof import('@/lib/generation/store');
let scope: typeof import('@/lib/orgs/scope');
let A: Drafting;
const others: { d: Drafting; db: Database }[] = [];
let orgId: string;

const content = draftOffline({ title: 'Filler sanitation', processDescription: '1. Operator rinses the filler\n2. QA swabs with ATP and records the result', frameworks: ['HACCP'] });
const input = { title: 'Filler sanitation', processDescription: '1. Rinse the filler\n2. Swab and record', frameworks: ['HACCP'], detail: 'standard' as const };

/** Another instance on the same database: its own connection on PostgreSQL. */
async function instance(name: string, heartbeatSeconds = 60): Promise<Drafting> {
  const db = t.url ? openPostgres(t.url, { max: 3 }) : t.db;
  const d = await runtime.startDrafting(db, { workers: 2, heartbeatSeconds, pollingIntervalSeconds: 0.5, workerId: `instance-${name}` });
  others.push({ d, db });
  return d;
}

const workerOf = async (id: string) => (await t.asService((tx) => tx.query<{ worker_id: string }>('select worker_id from public.generations where id = $1', [id])))[0]!.worker_id;
const read = (id: string) => t.withUser(author.claims, (tx) => gens.requireGeneration(tx, orgId, id));

async function until(id: string, done: (g: Generation) => boolean): Promise<Generation> {
  for (;;) {
    const g = await read(id);
    if (done(g)) return g;
    await new Promise((r) => setTimeout(r, 20));
  }
}
const finished = (id: string) => until(id, (g) => gens.FINISHED.includes(g.status));

/** Start a draft on A as the generate route does: recorded in one inOrg() transaction, enqueued once it committed. */
function startOnA(start: (tx: Parameters<typeof import('@/lib/generation/start').startDraft>[0], org: import('@/lib/orgs/service').OrgSummary) => Promise<import('@/lib/generation/start').Started>) {
  return scope.inOrg(author, 'queue-foods', undefined, async ({ tx, org }) => {
    const started = await start(tx, org);
    return scope.afterCommit(async () => (await A.enqueue(started), started.generation));
  });
}
const draftOnA = () => startOnA((tx, org) => start.startDraft(tx, author, org, input));

/** A draft whose model stream the fake holds after the first sections, once those are stored. */
async function heldDraftOnA(): Promise<Generation> {
  const json = JSON.stringify(content);
  fake.script({ kind: 'tool', holdAfter: Math.floor(json.indexOf('"responsibilities"') / 24) + 3 });
  const g = await draftOnA();
  await until(g.id, (cur) => 'purpose' in cur.partialContent);
  return g;
}

/** GET …/events on A, read to its end. */
async function eventsOnA(id: string): Promise<string> {
  const w = await t.withUser(author.claims, (tx) => stream.watchStored(tx, author, orgId, id));
  return stream.eventResponse(w).text();
}

beforeAll(async () => {
  t = await createTestDb();
  fake = await startFakeAnthropic({ apiKey: API_KEY, defaultInput: content });
  process.env.ANTHROPIC_API_KEY = API_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
  delete process.env.ANTHROPIC_MODEL;
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(t.db);
  [runtime, start, stream, gens, scope] = await Promise.all([import('@/lib/generation/runtime'), import('@/lib/generation/start'), import('@/lib/generation/stream'), import('@/lib/generation/store'), import('@/lib/orgs/scope')]);
  A = await runtime.drafting();
  const u = await createUser(t, 'queue@gen.test');
  author = { id: u.id, email: u.email, claims: claimsFor(u.id, { email: u.email }), aal: 'aal1', hasMfa: false };
  orgId = (await t.withUser(author.claims, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Queue Foods', 'queue-foods')")))[0]!.id;
});
afterAll(async () => {
  fake?.release();
  for (const { d } of others) await d.stop().catch(() => undefined);
  await runtime?.stopDrafting();
  for (const { db } of others) if (db !== t?.db) await db.close();
  await fake?.close();
  await t?.close();
});

describe('drafting runs on the queue across instances', () => {
  it('a run enqueued on A (no worker) is executed by B\'s worker, and A streams its sections and end', async () => {
    expect(A.worker).toBeNull();
    const B = await instance('b');
    const g = await draftOnA();
    const body = await eventsOnA(g.id); // watched on A while B runs it
    const done = await read(g.id);
    expect(done.status).toBe('succeeded');
    const [row] = await t.asService((tx) => tx.query<{ worker_id: string }>('select worker_id from public.generations where id = $1', [g.id]));
    expect(row!.worker_id).toBe(B.worker!.id);
    expect(body.match(/^event: section$/gm)?.length).toBe(9);
    expect(body).toMatch(/event: done\n/);
  });

  it('signals a listener on another connection when a section is stored and when Cancel is recorded, never for a heartbeat', async () => {
    // A run claimed by a worker that is not running it, so that only this test writes to it.
    const g = await t.withUser(author.claims, async (tx) => {
      const sop = await (await import('@/lib/sops/service')).createSop(tx, { orgId, userId: author.id, title: 'Signalled' });
      return gens.createGeneration(tx, { orgId, sopId: sop.id, userId: author.id, kind: 'draft', source: 'ai', input, redactions: [] });
    });
    const B = await instance('signals');
    await B.scopes.asService((tx) => gens.claimRun(tx, g.id, 'instance-elsewhere', 'claude-sonnet-5-5'));
    const kinds: string[] = [];
    const off = A.signals.on(g.id, (kind) => kinds.push(kind));
    /** NOTIFYs arrive in commit order: once this one is heard, every earlier one was. */
    const heardUpToNow = async () => {
      const mark = crypto.randomUUID();
      const heard = new Promise<void>((resolve) => A.signals.on(mark, () => resolve()));
      await B.scopes.asService((tx) => tx.query("select pg_notify('sopwright_generation', $1 || ' changed')", [mark]));
      await heard;
    };
    expect(await B.scopes.asService((tx) => gens.heartbeat(tx, g.id, 'instance-elsewhere'))).toEqual({ alive: true, cancelRequested: false });
    await heardUpToNow();
    expect(kinds).toEqual([]);
    await B.scopes.withUser(author.claims, (tx) => gens.recordSection(tx, g.id, 'purpose', 'Keep it clean.'));
    await heardUpToNow();
    expect(kinds).toEqual(['changed']);
    await B.scopes.withUser(author.claims, (tx) => gens.requestCancel(tx, orgId, g.id));
    await heardUpToNow();
    expect(kinds).toEqual(['changed', 'cancel']);
    expect(await B.scopes.asService((tx) => gens.heartbeat(tx, g.id, 'instance-elsewhere'))).toEqual({ alive: true, cancelRequested: true });
    off();
  });

  it('Cancel recorded through A stops the run on B (the NOTIFY, with no heartbeat due) and keeps what was written', async () => {
    await instance('c');
    const g = await heldDraftOnA();
    const owner = await workerOf(g.id);
    expect(owner).toMatch(/^instance-/);
    const running = others.find((o) => o.d.worker?.id === owner)!.d.worker!;
    expect(running.running()).toContain(g.id);
    await A.scopes.withUser(author.claims, (tx) => gens.requestCancel(tx, orgId, g.id));
    const done = await finished(g.id); // the fake still holds the stream: only the cancel ends it
    expect(done.status).toBe('cancelled');
    expect(done.versionId).not.toBeNull();
    const v = await t.asService((tx) => tx.query<{ complete: boolean; content: { purpose: string } }>('select complete, content from public.sop_versions where id = $1', [done.versionId]));
    expect(v[0]).toMatchObject({ complete: false, content: { purpose: content.purpose } });
    fake.release();
  });

  it('cancels a run still waiting in the queue at once: no worker ever runs it', async () => {
    // Only A, which runs no worker, is up for this one: every other instance stops first.
    for (const { d } of others.splice(0)) await d.stop();
    const g = await draftOnA();
    const after = await A.scopes.withUser(author.claims, (tx) => gens.requestCancel(tx, orgId, g.id));
    expect(after.status).toBe('cancelled');
    expect((await read(g.id)).status).toBe('cancelled');
    const late = await instance('late');
    const [claimed] = await late.scopes.asService((tx) => gens.claimRun(tx, g.id, 'instance-late', 'offline').then((r) => [r]));
    expect(claimed).toBeNull();
  });

  it('a worker killed mid-run leaves the run as it was written; once its heartbeat is stale a viewer on A closes it as interrupted, and Retry finishes it elsewhere', async () => {
    for (const { d } of others.splice(0)) await d.stop();
    const B = await instance('doomed');
    const g = await heldDraftOnA();
    await B.kill();
    await until(g.id, () => B.worker!.running().length === 0);
    const during = await read(g.id);
    expect(during.status).toBe('running'); // nobody closed it: the instance just died
    expect(during.partialContent.purpose).toBe(content.purpose); // what was written is stored
    expect(await t.asService((tx) => gens.isStale(tx, orgId, g.id, 30))).toBe(false); // a fresh heartbeat: not yet interrupted
    await t.asService((tx) => tx.query("update public.generations set heartbeat_at = now() - interval '1 hour' where id = $1", [g.id]));
    fake.release();

    const body = await eventsOnA(g.id);
    expect(body).toMatch(/event: error\ndata: \{"code":"interrupted"/);
    const stopped = await read(g.id);
    expect(stopped).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    const kept = await t.asService((tx) => tx.query<{ complete: boolean; content: { purpose: string } }>('select complete, content from public.sop_versions where id = $1', [stopped.versionId]));
    expect(kept[0]).toMatchObject({ complete: false, content: { purpose: content.purpose } });

    await instance('rescue');
    const retry = await startOnA((tx, org) => start.startRetry(tx, author, org, g.id));
    expect(retry.sopId).toBe(g.sopId);
    expect((await finished(retry.id)).status).toBe('succeeded');
  });

  it('a worker that stops (a deploy) ends its runs as interrupted at once, keeping what they wrote', async () => {
    for (const { d } of others.splice(0)) await d.stop();
    const B = await instance('deployed');
    const g = await heldDraftOnA();
    await B.stop();
    const done = await read(g.id);
    expect(done).toMatchObject({ status: 'failed', errorCode: 'interrupted' });
    expect(done.versionId).not.toBeNull();
    fake.release();
  });
});

describe('who can reach the queue', () => {
  it('no user role reaches the pgboss schema (it holds the starters\' claims)', async () => {
    const [privs] = await t.asService((tx) =>
      tx.query<Record<string, boolean>>(
        `select has_schema_privilege('authenticated', 'pgboss', 'USAGE') as authenticated, has_schema_privilege('anon', 'pgboss', 'USAGE') as anon,
                has_schema_privilege('service_role', 'pgboss', 'USAGE') as service_role,
                has_table_privilege('authenticated', 'pgboss.job', 'SELECT') as job_select`,
      ),
    );
    expect(privs).toEqual({ authenticated: false, anon: false, service_role: false, job_select: false });
    await expect(t.withUser(author.claims, (tx) => tx.query('select count(*) from pgboss.job'))).rejects.toMatchObject({ code: '42501' });
    await expect(t.withAnon((tx) => tx.query('select count(*) from pgboss.job'))).rejects.toMatchObject({ code: '42501' });
  });

  it('a user cannot write a run\'s heartbeat or worker', async () => {
    const [g] = await t.asService((tx) => tx.query<{ id: string }>('select id from public.generations where org_id = $1 limit 1', [orgId]));
    await expect(t.withUser(author.claims, (tx) => tx.query('update public.generations set heartbeat_at = now() where id = $1', [g!.id]))).rejects.toMatchObject({ code: '42501' });
    await expect(t.withUser(author.claims, (tx) => tx.query("update public.generations set worker_id = 'me' where id = $1", [g!.id]))).rejects.toMatchObject({ code: '42501' });
  });
});
