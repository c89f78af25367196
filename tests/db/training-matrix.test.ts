/**
 * The training matrix (lib/training/matrix.ts) over public.training_status: a status per
 * member × SOP with an effective version, the filters (department, sop, status, q), paging and
 * the summary; a removed member leaves it; another organization's people and SOPs never appear
 * (RLS); a viewer reads it; an export is recorded in the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@/lib/document-control/canonical';
import type { VersionRef } from '@/lib/document-control/service';
import { addAssignment } from '@/lib/training/assignments';
import { fullTrainingMatrix, recordMatrixExport, trainingMatrix, ZMatrixFilters, ZMatrixQuery, type TrainingMatrix } from '@/lib/training/matrix';
import { matrixRecords } from '@/lib/training/matrix-export';
import { createDcWorld, makeEffective, newVersion, nextVersion, setClock, signed, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let sop1: VersionRef;
let sop2: VersionRef;
let draftOnly: VersionRef;

type Who = keyof DcWorld['people'];
const as = <T>(who: Who, fn: Parameters<TestDb['withUser']>[1]) => t.withUser(claimsFor(w.people[who].id, { email: w.people[who].email }), fn) as Promise<T>;
const matrix = (who: Who, q: Record<string, unknown> = {}, org = () => w.orgA) => as<TrainingMatrix>(who, (tx) => trainingMatrix(tx, org(), ZMatrixQuery.parse(q)));

/** The matrix as "person name → SOP title → status" for the assertions. */
function grid(m: TrainingMatrix): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const p of m.people) {
    out[p.name] = {};
    for (const s of m.sops) out[p.name]![s.title] = m.cells.find((c) => c.userId === p.userId && c.sopId === s.sopId)?.status ?? 'MISSING';
  }
  return out;
}

async function acknowledge(who: Who, ref: VersionRef) {
  const [ver] = await t.asService((tx) => tx.query<{ content: unknown }>('select content from public.sop_versions where id = $1', [ref.versionId]));
  await signed(t, w.people[who], (tx) => tx.query('select private.acknowledge_sop($1, $2)', [ref.versionId, contentHash(ver!.content as never)]));
}

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'trm');
  await t.asService((tx) =>
    tx.query(
      `update public.memberships set department = case user_id when $1 then 'Packaging' when $2 then ' packaging ' when $3 then 'Production' end where user_id = any(array[$1, $2, $3]::uuid[])`,
      [w.people.viewer.id, w.people.approver3.id, w.people.author.id],
    ),
  );
  sop1 = await makeEffective(t, w, await newVersion(t, w, 'Line clearance'));
  sop2 = await makeEffective(t, w, await newVersion(t, w, 'Allergen changeover'));
  draftOnly = await newVersion(t, w, 'Still a draft');
  await as('admin', (tx) => addAssignment(tx, { orgId: w.orgA, sopId: sop1.sopId }, { kind: 'department', department: 'Packaging' }));
  await as('admin', (tx) => addAssignment(tx, { orgId: w.orgA, sopId: sop2.sopId }, { kind: 'role', role: 'author' }));
  await as('owner', (tx) => addAssignment(tx, { orgId: w.orgA, sopId: sop2.sopId }, { kind: 'person', userId: w.people.owner.id }));
  await acknowledge('viewer', sop1);
  // 15 days on: the open tasks (due in 14) are overdue; the admin's, assigned now, is pending.
  await setClock(t, 15 * 86400);
  await as('admin', (tx) => addAssignment(tx, { orgId: w.orgA, sopId: sop2.sopId }, { kind: 'person', userId: w.people.admin.id }));
});
afterAll(async () => {
  if (t) await setClock(t, 0);
  await t?.close();
});

describe('training matrix', () => {
  it('has one cell per member × SOP with an effective version, with the status the view defines', async () => {
    const m = await matrix('owner');
    expect(m.sops.map((s) => [s.title, s.label])).toEqual([
      ['Line clearance', '1.0'],
      ['Allergen changeover', '1.0'],
    ]);
    expect(m.sops.map((s) => s.sopId)).not.toContain(draftOnly.sopId);
    expect(grid(m)).toEqual({
      'Adam Admin': { 'Line clearance': 'not_assigned', 'Allergen changeover': 'pending' },
      'Ana Author': { 'Line clearance': 'not_assigned', 'Allergen changeover': 'overdue' },
      'Olivia Owner': { 'Line clearance': 'not_assigned', 'Allergen changeover': 'overdue' },
      'Paul Approver': { 'Line clearance': 'not_assigned', 'Allergen changeover': 'not_assigned' },
      'Petra Approver': { 'Line clearance': 'not_assigned', 'Allergen changeover': 'not_assigned' },
      'Priya Approver': { 'Line clearance': 'overdue', 'Allergen changeover': 'not_assigned' },
      'Vera Viewer': { 'Line clearance': 'current', 'Allergen changeover': 'not_assigned' },
    });
    expect(m.summary).toEqual({ cells: 14, required: 5, current: 1, pending: 1, overdue: 3, notAssigned: 9 });
    const vera = m.people.find((p) => p.name === 'Vera Viewer')!;
    expect(vera).toMatchObject({ email: w.people.viewer.email, department: 'Packaging', role: 'viewer' });
    const ack = m.cells.find((c) => c.userId === vera.userId && c.sopId === sop1.sopId)!;
    expect(ack).toMatchObject({ status: 'current', acknowledgedVersionId: sop1.versionId, acknowledgedLabel: '1.0' });
    expect(Date.parse(ack.acknowledgedAt!)).toBeGreaterThan(0);
    const pending = m.cells.find((c) => c.userId === w.people.admin.id && c.sopId === sop2.sopId)!;
    expect(Date.parse(pending.dueAt!)).toBeGreaterThan(Date.parse(m.asOf));
    const overdue = m.cells.find((c) => c.userId === w.people.author.id && c.sopId === sop2.sopId)!;
    expect(Date.parse(overdue.dueAt!)).toBeLessThan(Date.parse(m.asOf));
    expect(m.paging.people).toMatchObject({ page: 1, total: 7, from: 1, to: 7 });
    expect(m.paging.sops).toMatchObject({ page: 1, total: 2, from: 1, to: 2 });
  });

  it('filters by department (without case and spaces), SOP, status and name or email', async () => {
    const names = (m: TrainingMatrix) => m.people.map((p) => p.name);
    expect(names(await matrix('owner', { department: 'PACKAGING ' }))).toEqual(['Priya Approver', 'Vera Viewer']);
    expect(names(await matrix('owner', { department: 'Nowhere' }))).toEqual([]);

    const one = await matrix('owner', { sop: sop2.sopId });
    expect(one.sops.map((s) => s.title)).toEqual(['Allergen changeover']);
    expect(one.people.length).toBe(7);
    expect(one.summary).toEqual({ cells: 7, required: 3, current: 0, pending: 1, overdue: 2, notAssigned: 4 });

    const overdue = await matrix('owner', { status: 'overdue' });
    expect(names(overdue)).toEqual(['Ana Author', 'Olivia Owner', 'Priya Approver']);
    expect(overdue.sops.length).toBe(2); // every column stays; the page highlights the overdue cells
    expect(overdue.summary.overdue).toBe(3);
    expect(names(await matrix('owner', { status: 'overdue', sop: sop1.sopId }))).toEqual(['Priya Approver']);
    expect(names(await matrix('owner', { status: 'pending', sop: sop1.sopId }))).toEqual([]);
    expect(names(await matrix('owner', { status: 'current' }))).toEqual(['Vera Viewer']);
    expect(names(await matrix('owner', { status: 'not_assigned', department: 'packaging' }))).toEqual(['Priya Approver', 'Vera Viewer']);

    expect(names(await matrix('owner', { q: 'vera' }))).toEqual(['Vera Viewer']);
    expect(names(await matrix('owner', { q: w.people.author.email.slice(0, 10).toUpperCase() }))).toEqual(['Ana Author']);
    expect(names(await matrix('owner', { q: '%' }))).toEqual([]); // pattern characters are literal
    expect(names(await matrix('owner', { q: 'approver', department: 'packaging', status: 'overdue' }))).toEqual(['Priya Approver']);
    // Empty fields of the GET form mean "any".
    expect(names(await matrix('owner', { department: '', sop: '', status: '', q: '  ' })).length).toBe(7);
  });

  it('refuses malformed filters as 4xx input errors', async () => {
    for (const bad of [{ sop: 'not-a-uuid' }, { status: 'late' }, { department: 'x'.repeat(121) }, { q: 'q'.repeat(201) }, { page: '0' }, { sopPage: 'two' }]) {
      expect(ZMatrixQuery.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('pages people and SOPs, and counts the summary over every page', async () => {
    const second = await matrix('owner', { page: 2 });
    expect(second.people).toEqual([]);
    expect(second.paging.people).toMatchObject({ page: 2, total: 7, from: 0, to: 0 });
    expect(second.summary.cells).toBe(14);
    const noColumns = await matrix('owner', { sopPage: 2 });
    expect(noColumns.sops).toEqual([]);
    expect(noColumns.cells).toEqual([]);
    expect(noColumns.paging.sops.total).toBe(2);
  });

  it('a viewer reads the same matrix', async () => {
    expect(grid(await matrix('viewer'))).toEqual(grid(await matrix('owner')));
  });

  it('a minor revision keeps the acknowledgement current and says which revision was read', async () => {
    const v11 = await nextVersion(t, w, sop1, 'Adds a torch check');
    await makeEffective(t, w, v11, 'minor');
    const m = await matrix('viewer', { sop: sop1.sopId });
    expect(m.sops[0]).toMatchObject({ label: '1.1', versionId: v11.versionId });
    expect(m.cells.find((c) => c.userId === w.people.viewer.id)).toMatchObject({ status: 'current', acknowledgedLabel: '1.0', acknowledgedVersionId: sop1.versionId });
  });

  it("never shows another organization's people or SOPs", async () => {
    const own = await matrix('other_org', {}, () => w.orgB);
    expect(own.people.map((p) => p.name)).toEqual(['Sam Stranger']);
    expect(own.sops).toEqual([]);
    expect(own.cells).toEqual([]);
    expect((await matrix('other_org', { sop: sop1.sopId }, () => w.orgB)).sops).toEqual([]);
    // Asked for org A directly (past the route's membership check), RLS returns nothing.
    const peek = await matrix('other_org');
    expect(peek.people).toEqual([]);
    expect(peek.sops).toEqual([]);
    expect(peek.summary.cells).toBe(0);
  });

  it('exports every row with the same filters and records the export in the audit trail', async () => {
    const full = await as<TrainingMatrix>('approver', (tx) => fullTrainingMatrix(tx, w.orgA, ZMatrixFilters.parse({ department: 'packaging' })));
    const records = matrixRecords(full);
    expect(records.length).toBe(4);
    expect(records.find((r) => r.person === 'Vera Viewer' && r.title === 'Line clearance')).toMatchObject({ status: 'current', revision: '1.1', acknowledgedRevision: '1.0', dueAt: null });
    expect(records.find((r) => r.person === 'Priya Approver' && r.title === 'Line clearance')!.dueAt).toBeTruthy();
    await as('viewer', (tx) => recordMatrixExport(tx, w.orgA, 'csv', full));
    const [event] = await t.asService((tx) =>
      tx.query<{ actor_id: string; data: { format: string; filters: Record<string, string>; people: number } }>(
        "select actor_id, data from public.audit_events where org_id = $1 and action = 'training.matrix_exported' order by seq desc limit 1",
        [w.orgA],
      ),
    );
    expect(event).toMatchObject({ actor_id: w.people.viewer.id, data: { format: 'csv', filters: { department: 'packaging' }, people: 2 } });
    // Someone outside cannot write such an event into org A.
    await expect(as('other_org', (tx) => recordMatrixExport(tx, w.orgA, 'csv', full))).rejects.toThrow(/not a member/);
  });

  it('a removed member is gone from the matrix (their records stay in the tables)', async () => {
    await t.asService((tx) => tx.query('delete from public.memberships where org_id = $1 and user_id = $2', [w.orgA, w.people.approver3.id]));
    const m = await matrix('owner');
    expect(m.people.map((p) => p.name)).not.toContain('Priya Approver');
    expect(m.cells.some((c) => c.userId === w.people.approver3.id)).toBe(false);
    expect(m.summary.overdue).toBe(2);
    const [kept] = await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.training_tasks where assignee_id = $1', [w.people.approver3.id]));
    expect(kept!.n).toBe(1);
  });

  it('pages 200 people at a time with the summary over all of them; an export over its limit is refused with a message', async () => {
    await t.asService(async (tx) => {
      await tx.query(
        `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data)
         select gen_random_uuid(), 'authenticated', 'authenticated', format('bulk-%s@trm.test', lpad(i::text, 3, '0')), now(), '{"provider":"email","providers":["email"]}'
           from generate_series(1, 201) i`,
      );
      await tx.query("update public.profiles set full_name = 'Bulk ' || split_part(email, '@', 1) where email like 'bulk-%@trm.test'");
      await tx.query("insert into public.memberships (org_id, user_id, role) select $1, id, 'author' from public.profiles where email like 'bulk-%@trm.test'", [w.orgA]);
    });
    const first = await matrix('viewer');
    const second = await matrix('viewer', { page: 2 });
    expect(first.people.length).toBe(200);
    expect(first.paging.people).toMatchObject({ page: 1, perPage: 200, total: 207, from: 1, to: 200 });
    expect(second.paging.people).toMatchObject({ page: 2, total: 207, from: 201, to: 207 });
    expect(new Set([...first.people, ...second.people].map((p) => p.userId)).size).toBe(207);
    expect(first.cells.length).toBe(400);
    // Every new author is assigned SOP 2 by role: 201 more pending cells, counted across pages.
    expect(first.summary).toMatchObject({ cells: 414, pending: 202, overdue: 2 });
    const err = await as<unknown>('viewer', (tx) => fullTrainingMatrix(tx, w.orgA, {}, 400)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unprocessable', message: expect.stringContaining('414 records (207 people × 2 SOPs); one export holds at most 400') });
    expect((await as<TrainingMatrix>('viewer', (tx) => fullTrainingMatrix(tx, w.orgA, {}))).people.length).toBe(207);
  });
});
