/**
 * The scheduled jobs against the database: the effective-date job (lib/jobs/effective-dates)
 * makes approved versions effective on their date, supersedes the previous effective version
 * in the same transaction, audits both with no actor and is idempotent; `npm run jobs:run`
 * (lib/jobs/run) runs every job even when one fails; and the routes a scheduler calls in hosted
 * mode (app/api/jobs/*) answer only to `Authorization: Bearer $CRON_SECRET` and are off (404)
 * without it. The routes run their real code on this test database.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { lifecycleOf, signVersion, submitVersion, type VersionRef } from '@/lib/document-control/service';
import { makeDueVersionsEffectiveJob } from '@/lib/jobs/effective-dates';
import { runAllJobs } from '@/lib/jobs/run';
import { createDcWorld, dbNow, newVersion, nextVersion, setClock, signed, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

const SECRET = 'cron-secret-used-by-this-test-only-0123';

let t: TestDb;
let w: DcWorld;

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'jobs');
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(t.db);
});
afterAll(async () => {
  delete (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')];
  await t?.close();
});
afterEach(async () => {
  await setClock(t, 0);
  delete process.env.CRON_SECRET;
  vi.resetModules();
});

const DAY = 24 * 3600;
const stateOf = async (ref: VersionRef) => (await t.withUser(claimsFor(w.people.viewer.id), (tx) => lifecycleOf(tx, ref))).state;
const lastSeq = async () => Number((await t.asService((tx) => tx.query<{ s: number }>('select coalesce(max(seq), 0) as s from public.audit_events')))[0]!.s);

/** Submit (no reviewers, approver2) and approve; effective now, or approved until `inDays`. */
async function approve(ref: VersionRef, kind: 'major' | 'minor', inDays?: number): Promise<void> {
  const effectiveFrom = inDays === undefined ? null : new Date(((await dbNow(t)) + inDays * DAY) * 1000);
  await signed(t, w.people.author, (tx) =>
    submitVersion(tx, { ...ref, revisionKind: kind, reason: 'Scheduled change', reviewers: [], approvers: [w.people.approver2.id], effectiveFrom }),
  );
  await signed(t, w.people.approver2, (tx) => signVersion(tx, { ...ref, meaning: 'approved' }));
}

/** 1.0 effective now, 1.1 approved and effective in `inDays` days. */
async function scheduled(inDays: number): Promise<{ v1: VersionRef; v2: VersionRef }> {
  const v1 = await newVersion(t, w);
  await approve(v1, 'major');
  const v2 = await nextVersion(t, w, v1);
  await approve(v2, 'minor', inDays);
  return { v1, v2 };
}

describe('the effective-date job', () => {
  it('leaves a future date alone, then on that date makes the version effective and supersedes the previous one in the same transaction, audited with no actor; a second run does nothing', async () => {
    const { v1, v2 } = await scheduled(2);
    expect(await makeDueVersionsEffectiveJob(t.asService)).toEqual({ madeEffective: [] });
    expect([await stateOf(v1), await stateOf(v2)]).toEqual(['effective', 'approved']);

    await setClock(t, 2 * DAY + 60);
    const before = await lastSeq();
    const { madeEffective } = await makeDueVersionsEffectiveJob(t.asService);
    expect(madeEffective).toEqual([{ versionId: v2.versionId, sopId: v2.sopId, orgId: w.orgA, revisionLabel: '1.1', effectiveAt: expect.stringMatching(/Z$/) }]);
    expect([await stateOf(v1), await stateOf(v2)]).toEqual(['superseded', 'effective']);

    const rows = await t.asService((tx) =>
      tx.query<{ version_id: string; to_state: string; actor_id: string | null; xid: string }>(
        "select version_id, to_state, actor_id, xmin::text as xid from public.sop_transitions where sop_id = $1 and to_state in ('effective', 'superseded') order by seq",
        [v1.sopId],
      ),
    );
    expect(rows.map((r) => [r.version_id, r.to_state, r.actor_id])).toEqual([
      [v1.versionId, 'effective', expect.any(String)],
      [v2.versionId, 'effective', null],
      [v1.versionId, 'superseded', null],
    ]);
    expect(rows[1]!.xid, 'one transaction made 1.1 effective and superseded 1.0').toBe(rows[2]!.xid);
    const [sop] = await t.asService((tx) => tx.query<{ effective_version_id: string; status: string }>('select effective_version_id, status from public.sops where id = $1', [v1.sopId]));
    expect(sop).toEqual({ effective_version_id: v2.versionId, status: 'effective' });

    const events = await t.asService((tx) =>
      tx.query<{ action: string; actor_id: string | null; target_id: string; reason: string; data: { old: { state: string }; new: { state: string } } }>(
        'select action, actor_id, target_id, reason, data from public.audit_events where seq > $1 order by seq',
        [before],
      ),
    );
    expect(events.map((e) => [e.action, e.actor_id, e.target_id, e.data.old.state, e.data.new.state, e.reason])).toEqual([
      ['sop.version_effective', null, v2.versionId, 'approved', 'effective', 'Effective date reached'],
      ['sop.version_superseded', null, v1.versionId, 'effective', 'superseded', 'Superseded by revision 1.1'],
    ]);

    const after = await lastSeq();
    expect(await makeDueVersionsEffectiveJob(t.asService)).toEqual({ madeEffective: [] });
    expect(await lastSeq(), 'the second run writes nothing').toBe(after);
  });

  it('jobs:run runs every job, and one failing job does not keep the others from running', async () => {
    const { v2 } = await scheduled(1);
    await setClock(t, DAY + 60);
    let calls = 0;
    const flaky: TestDb['asService'] = (fn) => (++calls === 1 ? Promise.reject(new Error('purge could not connect')) : t.asService(fn));
    const ctx = (asService: TestDb['asService']) => ({ asService, sendEmail: async () => true, appUrl: 'http://localhost:3000' });
    const outcomes = await runAllJobs(ctx(flaky));
    expect(outcomes).toMatchObject({
      purge: { ok: false, error: 'purge could not connect' },
      'effective-dates': { ok: true, result: { madeEffective: [expect.objectContaining({ versionId: v2.versionId, revisionLabel: '1.1' })] } },
    });
    expect(await stateOf(v2)).toBe('effective');
    expect(await runAllJobs(ctx(t.asService))).toMatchObject({ purge: { ok: true, result: { purged: 0 } }, 'effective-dates': { ok: true, result: { madeEffective: [] } } });
  });
});

describe('the scheduled job routes (hosted mode)', () => {
  type Route = { GET: (r: Request) => Promise<Response>; POST: (r: Request) => Promise<Response> };
  const routes = async () => ({
    effective: (await import('@/app/api/jobs/effective-dates/route')) as Route,
    purge: (await import('@/app/api/jobs/purge/route')) as Route,
  });
  const call = (route: Route, method: 'GET' | 'POST', authorization?: string) =>
    route[method](new Request(`http://localhost/api/jobs/x`, { method, headers: authorization === undefined ? {} : { authorization } }));

  it('answers 401 to a missing or wrong token and runs the job for Bearer $CRON_SECRET, by POST or by GET (Vercel Cron)', async () => {
    process.env.CRON_SECRET = SECRET;
    const { effective, purge } = await routes();
    const { v2 } = await scheduled(1);
    await setClock(t, DAY + 60);
    for (const route of [effective, purge]) {
      for (const bad of [undefined, '', SECRET, `Bearer ${SECRET.slice(0, -1)}x`, `Bearer ${SECRET}x`, `bearer ${SECRET}`, `Basic ${SECRET}`]) {
        const res = await call(route, 'POST', bad);
        expect(res.status, String(bad)).toBe(401);
        expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'A valid job token is required.' } });
      }
    }
    expect(await stateOf(v2), 'nothing ran on a refused call').toBe('approved');

    let res = await call(effective, 'POST', `Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ madeEffective: [expect.objectContaining({ versionId: v2.versionId, revisionLabel: '1.1' })] });
    expect(await stateOf(v2)).toBe('effective');
    res = await call(effective, 'GET', `Bearer ${SECRET}`);
    expect(await res.json()).toEqual({ madeEffective: [] });
    res = await call(purge, 'GET', `Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ purged: 0 });
  });

  it('is off without CRON_SECRET: 404, whatever the token', async () => {
    const { effective, purge } = await routes();
    for (const route of [effective, purge]) {
      for (const token of [undefined, `Bearer ${SECRET}`, 'Bearer ', 'Bearer undefined']) {
        const res = await call(route, 'POST', token);
        expect(res.status).toBe(404);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
      }
    }
  });

  it('POST /api/jobs/run runs every job for Bearer $CRON_SECRET and answers each one\'s result; 401 without it', async () => {
    process.env.CRON_SECRET = SECRET;
    const run = (await import('@/app/api/jobs/run/route')) as Route;
    const { v2 } = await scheduled(1);
    await setClock(t, DAY + 60);
    expect((await call(run, 'POST', `Bearer ${SECRET}x`)).status).toBe(401);
    expect(await stateOf(v2)).toBe('approved');
    const res = await call(run, 'POST', `Bearer ${SECRET}`);
    expect(res.status).toBe(200);
    const { jobs } = (await res.json()) as { jobs: Record<string, { ok: boolean }> };
    expect(Object.keys(jobs)).toEqual(['purge', 'effective-dates', 'review-reminders', 'training-reminders']);
    expect(Object.values(jobs).every((j) => j.ok)).toBe(true);
    expect(await stateOf(v2)).toBe('effective');
  });
});

describe('the browser suite\'s clock (POST /api/test/clock)', () => {
  const post = async (body: unknown) =>
    ((await import('@/app/api/test/clock/route')) as { POST: (r: Request) => Promise<Response> }).POST(
      new Request('http://localhost/api/test/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    );

  it('is a 404 in a process not started with --test-clock, and the clock stays', async () => {
    const before = await dbNow(t);
    const res = await post({ seconds: 30 * DAY });
    expect(res.status).toBe(404);
    expect(Math.abs((await dbNow(t)) - before)).toBeLessThan(60);
  });

  it('with the mark, moves the database clock by whole seconds from real time and back; refuses a malformed body', async () => {
    const { enableTestClock } = await import('@/lib/test-clock');
    enableTestClock();
    try {
      expect((await post({ seconds: '30 days' })).status).toBe(400);
      expect((await post({ seconds: 1.5 })).status).toBe(400);
      const res = await post({ seconds: 30 * DAY });
      expect(res.status).toBe(200);
      expect((await dbNow(t)) - Math.floor(Date.now() / 1000)).toBeGreaterThan(30 * DAY - 60);
      expect((await post({ seconds: 0 })).status).toBe(200);
      expect(Math.abs((await dbNow(t)) - Math.floor(Date.now() / 1000))).toBeLessThan(60);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.testClock')];
    }
  });
});
