/**
 * What a reviewer, an approver and an auditor read about document control, through the
 * services the pages and routes call: "My tasks" (lib/document-control/service myPendingTasks
 * and myPendingTaskCounts) and the revision history of an SOP (revision-history.ts), under RLS.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { revisionHistory, versionStates } from '@/lib/document-control/revision-history';
import { myPendingTaskCounts, myPendingTasks, signVersion, submitVersion, withdrawVersion, type SignMeaning, type VersionRef } from '@/lib/document-control/service';
import { createDcWorld, dbNow, newVersion, nextVersion, setClock, signed, type DcWorld, type Person } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let p: DcWorld['people'];
const SLUG = 'tasks';

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, SLUG);
  p = w.people;
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await setClock(t, 0);
});

type SubmitOptions = Partial<Omit<Parameters<typeof submitVersion>[1], keyof VersionRef>>;

const submit = (ref: VersionRef, opts: SubmitOptions = {}) =>
  signed(t, p.author, (tx) => submitVersion(tx, { ...ref, revisionKind: 'major', reason: 'First issue of the procedure', reviewers: [p.approver.id], approvers: [p.approver2.id], ...opts }));
const sign = (ref: VersionRef, by: Person, meaning: SignMeaning, comment?: string) => signed(t, by, (tx) => signVersion(tx, { ...ref, meaning, comment }));
const as = <T,>(u: Person, fn: (tx: Tx) => Promise<T>) => t.withUser(claimsFor(u.id, { email: u.email }), fn);
const tasksOf = (u: Person, orgId: string | undefined = w.orgA) => as(u, (tx) => myPendingTasks(tx, orgId));
const history = (u: Person, ref: VersionRef, orgId = w.orgA) => as(u, (tx) => revisionHistory(tx, { orgId, orgSlug: `${SLUG}-a`, sopId: ref.sopId }));

/** An effective version approved by approver2 with no reviewers. */
async function effective(ref: VersionRef, kind: 'major' | 'minor' = 'major') {
  await submit(ref, { reviewers: [], revisionKind: kind });
  await sign(ref, p.approver2, 'approved');
  return ref;
}

describe('My tasks', () => {
  it('gives each task what the assignee needs: SOP title and number, versions, step, submitter as signed, reason, times and the link', async () => {
    const ref = await newVersion(t, w, 'Allergen changeover');
    await submit(ref, { reason: 'New allergen matrix\nfrom the 2026 audit', revisionKind: 'major' });
    const [task, ...more] = await tasksOf(p.approver);
    expect(more).toEqual([]);
    const [sop] = await t.asService((tx) => tx.query<{ doc_number: string }>('select doc_number from public.sops where id = $1', [ref.sopId]));
    expect(task).toEqual({
      taskId: expect.any(String),
      orgId: w.orgA,
      orgSlug: `${SLUG}-a`,
      orgName: 'Plant A',
      sopId: ref.sopId,
      sopTitle: 'Allergen changeover',
      docNumber: sop!.doc_number,
      versionId: ref.versionId,
      versionLabel: '0.1',
      revisionKind: 'major',
      resultingRevision: '1.0',
      step: 'review',
      round: 1,
      submittedBy: { id: p.author.id, name: 'Ana Author' },
      submittedAt: expect.stringMatching(/Z$/),
      changeReason: 'New allergen matrix\nfrom the 2026 audit',
      effectiveFrom: null,
      assignedAt: expect.stringMatching(/Z$/),
      href: `/o/${SLUG}-a/sops/${ref.sopId}/versions/${ref.versionId}`,
    });
    // The approver's task appears once the review is signed, and carries the same round.
    expect(await tasksOf(p.approver2)).toEqual([]);
    await sign(ref, p.approver, 'reviewed');
    expect(await tasksOf(p.approver)).toEqual([]);
    expect(await tasksOf(p.approver2)).toEqual([expect.objectContaining({ versionId: ref.versionId, step: 'approval', changeReason: 'New allergen matrix\nfrom the 2026 audit' })]);
    await sign(ref, p.approver2, 'approved');
    expect(await tasksOf(p.approver2)).toEqual([]);
  });

  it('names the submitter as they signed, even after they change their name', async () => {
    const ref = await newVersion(t, w);
    await submit(ref, { reviewers: [], approvers: [p.approver3.id] });
    await t.asService((tx) => tx.query("update public.profiles set full_name = 'Ana Renamed' where id = $1", [p.author.id]));
    try {
      expect((await tasksOf(p.approver3)).find((k) => k.versionId === ref.versionId)?.submittedBy).toEqual({ id: p.author.id, name: 'Ana Author' });
    } finally {
      await t.asService((tx) => tx.query("update public.profiles set full_name = 'Ana Author' where id = $1", [p.author.id]));
      await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...ref, reason: 'Test done' }));
    }
  });

  it('predicts the revision the approval will give: 1.1 for a minor and 2.0 for a major after 1.0, as the database then labels it', async () => {
    const v1 = await effective(await newVersion(t, w));
    for (const [kind, expected] of [['minor', '1.1'], ['major', '2.0']] as const) {
      const next = await nextVersion(t, w, v1, `A ${kind} change`);
      await submit(next, { reviewers: [], approvers: [p.approver3.id], revisionKind: kind, reason: `A ${kind} change` });
      const task = (await tasksOf(p.approver3)).find((k) => k.versionId === next.versionId)!;
      expect(task).toMatchObject({ revisionKind: kind, resultingRevision: expected, versionLabel: kind === 'minor' ? '0.2' : '0.3' });
      const { lifecycle } = await sign(next, p.approver3, 'approved');
      expect(lifecycle.revisionLabel).toBe(task.resultingRevision);
    }
  });

  it('shows a requested effective date', async () => {
    const ref = await newVersion(t, w);
    const on = new Date((await dbNow(t)) * 1000 + 7 * 24 * 3600 * 1000);
    await submit(ref, { reviewers: [], approvers: [p.approver3.id], effectiveFrom: on });
    expect((await tasksOf(p.approver3)).find((k) => k.versionId === ref.versionId)?.effectiveFrom).toBe(on.toISOString());
    await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...ref, reason: 'Test done' }));
    expect((await tasksOf(p.approver3)).find((k) => k.versionId === ref.versionId), 'a withdrawn version is no task').toBeUndefined();
  });

  it('counts the waiting tasks per organization for the nav badges, and shows another organization nothing', async () => {
    const a = await newVersion(t, w);
    const b = await newVersion(t, w);
    await submit(a, { reviewers: [], approvers: [p.approver3.id] });
    await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...a, reason: 'Resubmitted with both' }));
    await submit(a, { reviewers: [p.approver3.id], approvers: [p.approver2.id] });
    await submit(b, { reviewers: [], approvers: [p.approver3.id] });
    const mine = await tasksOf(p.approver3);
    expect(mine.map((k) => [k.versionId, k.step, k.round])).toEqual([
      [a.versionId, 'review', 2],
      [b.versionId, 'approval', 1],
    ]);
    expect(await as(p.approver3, (tx) => myPendingTaskCounts(tx))).toEqual({ [w.orgA]: 2 });
    expect(await tasksOf(p.approver3, undefined)).toEqual(mine);
    // The stranger, a member of org B only: nothing of org A, by org or across orgs.
    expect(await tasksOf(p.other_org)).toEqual([]);
    expect(await tasksOf(p.other_org, undefined)).toEqual([]);
    expect(await as(p.other_org, (tx) => myPendingTaskCounts(tx))).toEqual({});
    // A viewer has no tasks, and sees nobody else's.
    expect(await as(p.viewer, (tx) => myPendingTaskCounts(tx))).toEqual({});
    for (const ref of [a, b]) await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...ref, reason: 'Test done' }));
    expect(await as(p.approver3, (tx) => myPendingTaskCounts(tx))).toEqual({});
  });
});

describe('revision history', () => {
  it('lists per version the revision, state, reason for change, who signed with printed name and UTC time, and the effective and superseded dates', async () => {
    const v1 = await newVersion(t, w, 'Line clearance history');
    await submit(v1, { reason: 'First issue', reviewers: [p.approver.id], approvers: [p.approver2.id] });
    await sign(v1, p.approver, 'reviewed');
    await sign(v1, p.approver2, 'approved');
    const v2 = await nextVersion(t, w, v1, 'Second check added');
    await submit(v2, { reason: 'Adds a second check', reviewers: [], approvers: [p.approver3.id], revisionKind: 'minor' });
    await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...v2, reason: 'Wrong approver' }));
    await submit(v2, { reason: 'Adds a second check (resubmitted)', reviewers: [], approvers: [p.approver2.id], revisionKind: 'minor' });
    await sign(v2, p.approver2, 'approved');
    const v3 = await nextVersion(t, w, v1, 'Draft only');

    const h = await history(p.viewer, v1);
    expect(h.obsolete).toBeNull();
    expect(h.versions.map((r) => [r.version.label, r.state, r.revisionLabel])).toEqual([
      ['0.3', 'draft', null],
      ['0.2', 'effective', '1.1'],
      ['0.1', 'superseded', '1.0'],
    ]);
    const [draft, second, first] = h.versions;
    expect(draft).toMatchObject({ submission: null, signatures: [], transitions: [], effectiveAt: null, href: `/o/${SLUG}-a/sops/${v3.sopId}/versions/${v3.versionId}` });

    expect(first!.submission).toMatchObject({ round: 1, revisionKind: 'major', changeReason: 'First issue', effectiveFrom: null });
    expect(first!.signatures.map((g) => [g.meaning, g.signerName, g.valid])).toEqual([
      ['authored', 'Ana Author', true],
      ['reviewed', 'Paul Approver', true],
      ['approved', 'Petra Approver', true],
    ]);
    expect(first!.signatures.every((g) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/.test(g.signedAt))).toBe(true);
    expect(first!.transitions.map((s) => s.toState)).toEqual(['in_review', 'in_approval', 'approved', 'effective', 'superseded']);
    expect(first!.effectiveAt).toBe(first!.transitions[3]!.at);
    expect(first!.supersededAt).toBe(first!.transitions[4]!.at);
    expect(first!.supersededAt! >= second!.effectiveAt!, 'superseded when 1.1 became effective').toBe(true);
    expect(first!.transitions[4]).toMatchObject({ reason: 'Superseded by revision 1.1', actorId: p.approver2.id, actorName: 'Petra Approver' });

    // The latest round's reason and signatures; the withdrawn round's stay on record, apart.
    expect(second!.submission).toMatchObject({ round: 2, revisionKind: 'minor', changeReason: 'Adds a second check (resubmitted)' });
    expect(second!.signatures.map((g) => [g.meaning, g.signerName])).toEqual([
      ['authored', 'Ana Author'],
      ['approved', 'Petra Approver'],
    ]);
    expect(second!.earlierSignatures.map((g) => [g.meaning, g.signerName])).toEqual([['authored', 'Ana Author']]);
    expect(second!.transitions.map((s) => [s.toState, s.reason])).toEqual([
      ['in_approval', 'Adds a second check'],
      ['withdrawn', 'Wrong approver'],
      ['in_approval', 'Adds a second check (resubmitted)'],
      ['approved', 'Every required approval signed'],
      ['effective', 'Approved'],
    ]);
    expect(second!.supersededAt).toBeNull();
  });

  it('shows a signature whose content no longer matches as invalid', async () => {
    const ref = await effective(await newVersion(t, w));
    // A superuser working around the triggers, as only a database administrator could.
    await t.asService(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      await tx.query(`update public.sop_versions set content = jsonb_set(content, '{titleBlock,title}', '"Quietly changed"') where id = $1`, [ref.versionId]);
    });
    const [row] = (await history(p.viewer, ref)).versions;
    expect(row!.signatures.map((g) => g.valid)).toEqual([false, false]);
  });

  it('shows another organization nothing, and answers with a fixed number of queries however long the history', async () => {
    const v1 = await effective(await newVersion(t, w));
    expect(await history(p.other_org, v1)).toEqual({ versions: [], obsolete: null });
    expect((await history(p.other_org, v1, w.orgB)).versions).toEqual([]);
    expect((await as(p.other_org, (tx) => versionStates(tx, w.orgA, v1.sopId))).size).toBe(0);

    const queriesFor = async () => {
      let n = 0;
      await as(p.viewer, (tx) => {
        const counting: Tx = {
          query: (text, params) => (n++, tx.query(text, params)),
          execScript: (sql) => tx.execScript(sql),
        };
        return revisionHistory(counting, { orgId: w.orgA, orgSlug: `${SLUG}-a`, sopId: v1.sopId });
      });
      return n;
    };
    const short = await queriesFor();
    let last = v1;
    for (let i = 0; i < 3; i++) last = await effective(await nextVersion(t, w, last, `Change ${i}`), 'minor');
    expect((await history(p.viewer, v1)).versions.map((r) => r.revisionLabel)).toEqual(['1.3', '1.2', '1.1', '1.0']);
    expect(await queriesFor()).toBe(short);
    expect(short).toBeLessThanOrEqual(5);
  });

  it('gives the version list its states and revision labels', async () => {
    const v1 = await effective(await newVersion(t, w));
    const v2 = await nextVersion(t, w, v1);
    const states = await as(p.viewer, (tx) => versionStates(tx, w.orgA, v1.sopId));
    expect(states.get(v1.versionId)).toEqual({ state: 'effective', revisionLabel: '1.0' });
    expect(states.get(v2.versionId)).toEqual({ state: 'draft', revisionLabel: null });
  });
});
