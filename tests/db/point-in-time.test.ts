/**
 * "What was in effect on date X" (lib/point-in-time/service): the answers at moments between
 * the steps of a recorded history are the historical ones, not today's state.
 *
 * The history (database clock moved back, days apart):
 *   -100 d  SOP A 1.0 effective (approved by Petra), assigned to Packaging (Vera, Priya) and to
 *           Ana in person; SOP B 1.0 effective
 *    -90 d  Vera acknowledges A 1.0
 *    -80 d  A 2.0 (major) effective: new tasks for all three; B made obsolete
 *    -70 d  A 2.1 (minor) effective: no new tasks
 *    -68 d  Priya acknowledges A 2.1
 *    -60 d  Ana's assignment removed; Priya leaves; Petra changes her name
 *   now     (a draft SOP C exists, never effective)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@/lib/document-control/canonical';
import { obsoleteSop } from '@/lib/document-control/service';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { sopAtTime, sopsInEffectAt, type InEffect } from '@/lib/point-in-time/service';
import { createDcWorld, makeEffective, newVersion, nextVersion, refusal, sessionClaims, setClock, signed, type DcWorld, type Person } from '../helpers/document-control';
import { createTestDb, type TestDb } from '../helpers/test-db';
import type { VersionRef } from '@/lib/document-control/service';

const DAY = 86_400;
let t: TestDb;
let w: DcWorld;
let a1: VersionRef;
let a2: VersionRef;
let a3: VersionRef;
let b1: VersionRef;
let c1: VersionRef;

const ago = (days: number) => new Date(Date.now() - days * DAY * 1000);

async function acknowledge(p: Person, ref: VersionRef) {
  const [v] = await t.asService((tx) => tx.query<{ content: unknown }>('select content from public.sop_versions where id = $1', [ref.versionId]));
  await signed(t, p, (tx) => tx.query('select private.acknowledge_sop($1, $2)', [ref.versionId, contentHash(v!.content as never)]));
}

const as = <T>(p: Person, fn: (tx: Tx) => Promise<T>) => t.withUser(sessionClaims(p), fn);
const listAt = (days: number, p: Person = w.people.owner) => as(p, (tx) => sopsInEffectAt(tx, w.orgA, ago(days)));
const itemOf = (items: InEffect[], ref: VersionRef) => items.find((i) => i.sopId === ref.sopId);
const names = (people: { name: string }[]) => people.map((x) => x.name).sort();

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'pit');
  const { people } = w;
  await t.asService((tx) => tx.query("update public.memberships set department = 'Packaging' where org_id = $1 and user_id = any($2::uuid[])", [w.orgA, [people.viewer.id, people.approver3.id]]));
  try {
    await setClock(t, -100 * DAY);
    a1 = await newVersion(t, w, 'Line clearance');
    b1 = await newVersion(t, w, 'Forklift check');
    await signed(t, people.admin, async (tx) => {
      await tx.query("insert into public.training_assignments (sop_id, kind, department) values ($1, 'department', 'packaging')", [a1.sopId]);
      await tx.query("insert into public.training_assignments (sop_id, kind, user_id) values ($1, 'person', $2)", [a1.sopId, people.author.id]);
    });
    await makeEffective(t, w, a1);
    await makeEffective(t, w, b1);

    await setClock(t, -90 * DAY);
    await acknowledge(people.viewer, a1);

    await setClock(t, -80 * DAY);
    a2 = await nextVersion(t, w, a1, 'Adds a second check');
    await makeEffective(t, w, a2, 'major');
    await signed(t, people.admin, (tx) => obsoleteSop(tx, { orgId: w.orgA, sopId: b1.sopId, reason: 'Forklifts replaced by conveyors' }));

    await setClock(t, -70 * DAY);
    a3 = await nextVersion(t, w, a1, 'Wording of the second check');
    await makeEffective(t, w, a3, 'minor');

    await setClock(t, -68 * DAY);
    await acknowledge(people.approver3, a3);

    await setClock(t, -60 * DAY);
    await signed(t, people.admin, (tx) => tx.query("delete from public.training_assignments where sop_id = $1 and kind = 'person'", [a1.sopId]));
    await t.asService(async (tx) => {
      await tx.query('delete from public.memberships where org_id = $1 and user_id = $2', [w.orgA, people.approver3.id]);
      await tx.query("update public.profiles set full_name = 'Petra Renamed' where id = $1", [people.approver2.id]);
    });
  } finally {
    await setClock(t, 0);
  }
  c1 = await newVersion(t, w, 'Allergen changeover');
});
afterAll(async () => t?.close());

describe('the list of SOPs in effect at a moment', () => {
  it('is empty before any SOP was effective', async () => {
    const at = ago(200);
    const r = await as(w.people.owner, (tx) => sopsInEffectAt(tx, w.orgA, at));
    expect(r).toEqual({ at: at.toISOString(), items: [], notInEffect: [] });
  });

  it('between 1.0 and the first acknowledgement: 1.0 with its approver as signed, everyone assigned not yet acknowledged', async () => {
    const r = await listAt(95);
    const a = itemOf(r.items, a1)!;
    expect(a.revisionLabel).toBe('1.0');
    expect(a.versionId).toBe(a1.versionId);
    expect(a.approvers.map((x) => [x.meaning, x.name])).toEqual([
      ['authored', 'Ana Author'],
      ['approved', 'Petra Approver'],
    ]);
    expect(Date.parse(a.effectiveFrom)).toBeLessThan(ago(99).getTime());
    expect(a.acknowledged).toEqual([]);
    expect(names(a.notAcknowledged)).toEqual(['Ana Author', 'Priya Approver', 'Vera Viewer']);
    expect(a.notAcknowledged.every((k) => !k.overdue)).toBe(true);
    expect(itemOf(r.items, b1)!.revisionLabel).toBe('1.0');
    expect(r.items.map((i) => i.sopId)).not.toContain(c1.sopId);
  });

  it('after the acknowledgement: Vera acknowledged 1.0; the others overdue by then', async () => {
    const a = itemOf((await listAt(85)).items, a1)!;
    expect(a.acknowledged.map((x) => [x.name, x.revisionLabel, x.versionId])).toEqual([['Vera Viewer', '1.0', a1.versionId]]);
    expect(names(a.notAcknowledged)).toEqual(['Ana Author', 'Priya Approver']);
    expect(a.notAcknowledged.every((k) => k.overdue)).toBe(true);
  });

  it('after the major revision: 2.0, nobody has acknowledged it; B is obsolete by then; Priya, who left later, is listed (named from the trail)', async () => {
    const r = await listAt(75);
    const a = itemOf(r.items, a1)!;
    expect(a.revisionLabel).toBe('2.0');
    expect(a.versionId).toBe(a2.versionId);
    expect(a.acknowledged).toEqual([]);
    expect(names(a.notAcknowledged)).toEqual(['Ana Author', 'Priya Approver', 'Vera Viewer']);
    expect(a.notAcknowledged.find((k) => k.userId === w.people.approver3.id)!.formerMember).toBe(true);
    expect(a.notAcknowledged.find((k) => k.userId === w.people.viewer.id)!.formerMember).toBe(false);
    expect(a.notAcknowledged.some((k) => k.overdue)).toBe(false);
    expect(itemOf(r.items, b1)).toBeUndefined();
    expect(r.notInEffect.find((s) => s.sopId === b1.sopId)).toMatchObject({ status: 'obsolete', docNumber: expect.any(String) });
  });

  it('a reader without the audit trail sees a person who has left as "Former member"', async () => {
    const a = itemOf((await listAt(75, w.people.viewer)).items, a1)!;
    expect(a.notAcknowledged.find((k) => k.userId === w.people.approver3.id)!.name).toBe('Former member');
  });

  it('after the minor revision: 2.1; an acknowledgement of 2.1 counts for the major revision; the removed assignment is still shown for the past', async () => {
    let a = itemOf((await listAt(69)).items, a1)!;
    expect(a.revisionLabel).toBe('2.1');
    expect(a.versionId).toBe(a3.versionId);
    expect(a.acknowledged).toEqual([]);
    expect(a.notAcknowledged).toHaveLength(3);
    a = itemOf((await listAt(62)).items, a1)!;
    expect(a.acknowledged.map((x) => [x.name, x.revisionLabel])).toEqual([['Priya Approver', '2.1']]);
    expect(names(a.notAcknowledged)).toEqual(['Ana Author', 'Vera Viewer']);
    expect(a.notAcknowledged.every((k) => k.overdue)).toBe(true);
    expect(a.approvers.find((x) => x.meaning === 'approved')!.name).toBe('Petra Approver');
  });

  it('now: Ana is no longer assigned, Priya (gone) still acknowledged, the approver under the name she signed with; C not yet effective', async () => {
    const r = await as(w.people.owner, (tx) => sopsInEffectAt(tx, w.orgA));
    const a = itemOf(r.items, a1)!;
    expect(a.revisionLabel).toBe('2.1');
    expect(a.acknowledged.map((x) => x.name)).toEqual(['Priya Approver']);
    expect(names(a.notAcknowledged)).toEqual(['Vera Viewer']);
    expect(a.approvers.find((x) => x.meaning === 'approved')!.name).toBe('Petra Approver');
    expect(r.notInEffect.find((s) => s.sopId === c1.sopId)).toMatchObject({ status: 'not_yet_effective', effectiveLater: null });
    expect(r.notInEffect.find((s) => s.sopId === b1.sopId)!.status).toBe('obsolete');
  });

  it('runs a fixed number of queries whatever the number of SOPs and people', async () => {
    let n = 0;
    const count = (tx: Tx): Tx => ({ query: (text, params) => (n++, tx.query(text, params)), execScript: (s) => tx.execScript(s) });
    await as(w.people.owner, (tx) => sopsInEffectAt(count(tx), w.orgA, ago(62)));
    expect(n).toBeLessThanOrEqual(5);
  });

  it('refuses a moment in the future, allows one within a minute of the clock', async () => {
    const err = await refusal(as(w.people.owner, (tx) => sopsInEffectAt(tx, w.orgA, new Date(Date.now() + 3600_000))));
    expect(err.code).toBe('unprocessable');
    expect(err.message).toMatch(/is in the future/);
    await expect(as(w.people.owner, (tx) => sopsInEffectAt(tx, w.orgA, new Date(Date.now() + 20_000)))).resolves.toMatchObject({ items: expect.any(Array) });
  });

  it('shows nothing of another organization', async () => {
    const r = await as(w.people.other_org, (tx) => sopsInEffectAt(tx, w.orgA, ago(62)));
    expect(r.items).toEqual([]);
    expect(r.notInEffect).toEqual([]);
  });
});

describe('one SOP at a moment', () => {
  it('gives the revision in effect with the revisions before and after', async () => {
    const r = await as(w.people.owner, (tx) => sopAtTime(tx, w.orgA, a1.sopId, ago(75)));
    expect(r.sop.status).toBe('effective');
    expect(r.effective!.revisionLabel).toBe('2.0');
    expect(r.previous).toMatchObject({ versionId: a1.versionId, revisionLabel: '1.0' });
    // superseded in the transaction that made 2.0 effective, a moment later
    expect(Date.parse(r.previous!.effectiveUntil!) - Date.parse(r.effective!.effectiveFrom)).toBeGreaterThanOrEqual(0);
    expect(Date.parse(r.previous!.effectiveUntil!) - Date.parse(r.effective!.effectiveFrom)).toBeLessThan(1000);
    expect(r.next).toMatchObject({ versionId: a3.versionId, revisionLabel: '2.1', effectiveUntil: null });
  });

  it('before the first revision: none in effect, the next is 1.0', async () => {
    const r = await as(w.people.owner, (tx) => sopAtTime(tx, w.orgA, a1.sopId, ago(150)));
    expect(r.effective).toBeNull();
    expect(r.sop.status).toBe('not_yet_effective');
    expect(r.previous).toBeNull();
    expect(r.next!.revisionLabel).toBe('1.0');
  });

  it('an obsolete SOP: obsolete by then, its last revision before', async () => {
    const r = await as(w.people.owner, (tx) => sopAtTime(tx, w.orgA, b1.sopId, ago(75)));
    expect(r.effective).toBeNull();
    expect(r.sop.status).toBe('obsolete');
    expect(r.obsoleteAt).not.toBeNull();
    expect(r.previous!.revisionLabel).toBe('1.0');
    expect(r.next).toBeNull();
    expect((await as(w.people.owner, (tx) => sopAtTime(tx, w.orgA, b1.sopId, ago(95)))).effective!.revisionLabel).toBe('1.0');
  });

  it("another organization's SOP id is not found", async () => {
    const err = await refusal(as(w.people.other_org, (tx) => sopAtTime(tx, w.orgB, a1.sopId, ago(75))));
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('not_found');
  });
});
