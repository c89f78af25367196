/**
 * The overview's figures (lib/orgs/dashboard.ts) on a real schema: SOPs by status, periodic
 * review buckets moving with the database clock (later → due within 30 days → overdue),
 * training completion per SOP and per department from public.training_status, the versions
 * waiting for review, approval or their effective date, and nothing of another organization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '@/lib/document-control/canonical';
import { signVersion, submitVersion } from '@/lib/document-control/service';
import { loadDashboard } from '@/lib/orgs/dashboard';
import { createSop } from '@/lib/sops/service';
import { addAssignment } from '@/lib/training/assignments';
import { createDcWorld, makeEffective, newVersion, sessionClaims, setClock, signed, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'dsh');
});
afterAll(async () => {
  await setClock(t, 0);
  await t?.close();
});

const DAY = 86_400;
const dashboardOf = (who: keyof DcWorld['people'], orgId = w.orgA) => t.withUser(sessionClaims(w.people[who]), (tx) => loadDashboard(tx, orgId));

const acknowledge = async (who: keyof DcWorld['people'], versionId: string) => {
  const [v] = await t.asService((tx) => tx.query<{ content: unknown }>('select content from public.sop_versions where id = $1', [versionId]));
  await signed(t, w.people[who], (tx) => tx.query('select private.acknowledge_sop($1, $2)', [versionId, contentHash(v!.content as never)]));
};

describe('the overview dashboard', () => {
  it('an organization with nothing in it: every figure is zero, no bars, nothing waiting', async () => {
    const d = await dashboardOf('owner');
    expect(d.sopsByStatus).toEqual({ draft: 0, in_review: 0, approved: 0, effective: 0, obsolete: 0 });
    expect(d.reviews.buckets).toEqual({ overdue: 0, due30: 0, later: 0, exempt: 0, not_effective: 0 });
    expect(d.reviews.soonest).toEqual([]);
    expect(d.training).toMatchObject({ effectiveSops: 0, unassignedSops: 0, sopCount: 0, bySop: [], byDepartment: [], total: { current: 0, pending: 0, overdue: 0 } });
    expect(d.approvals).toEqual({ inFlight: 0, approved: 0, pending: [], scheduled: [] });
    expect(Number.isNaN(Date.parse(d.now))).toBe(false);
  });

  let effective: Awaited<ReturnType<typeof newVersion>>;
  let exempt: Awaited<ReturnType<typeof newVersion>>;
  let inReview: Awaited<ReturnType<typeof newVersion>>;
  let scheduled: Awaited<ReturnType<typeof newVersion>>;

  it('counts SOPs by status, lists the versions waiting with who has yet to sign, and approved ones with their date', async () => {
    effective = await makeEffective(t, w, await newVersion(t, w, 'Line clearance'));
    exempt = await makeEffective(t, w, await newVersion(t, w, 'Visitor hygiene'));
    inReview = await newVersion(t, w, 'Allergen changeover');
    await signed(t, w.people.author, (tx) =>
      submitVersion(tx, { ...inReview, revisionKind: 'major', reason: 'First issue', reviewers: [w.people.approver.id], approvers: [w.people.approver3.id] }),
    );
    scheduled = await newVersion(t, w, 'Metal detection');
    await signed(t, w.people.author, (tx) =>
      submitVersion(tx, { ...scheduled, revisionKind: 'major', reason: 'First issue', reviewers: [], approvers: [w.people.approver2.id], effectiveFrom: new Date(Date.now() + 20 * DAY * 1000) }),
    );
    await signed(t, w.people.approver2, (tx) => signVersion(tx, { ...scheduled, meaning: 'approved' }));
    await newVersion(t, w, 'Pest control'); // a draft

    const d = await dashboardOf('viewer');
    expect(d.sopsByStatus).toEqual({ draft: 1, in_review: 1, approved: 1, effective: 2, obsolete: 0 });
    expect(d.approvals.inFlight).toBe(1);
    expect(d.approvals.approved).toBe(1);
    expect(d.approvals.pending).toEqual([
      expect.objectContaining({ sopId: inReview.sopId, versionId: inReview.versionId, title: 'Allergen changeover', state: 'in_review', revisionKind: 'major', waitingFor: ['Paul Approver'] }),
    ]);
    expect(d.approvals.pending[0]!.waitedSeconds).toBeGreaterThanOrEqual(0);
    expect(d.approvals.pending[0]!.waitedSeconds).toBeLessThan(3600);
    expect(d.approvals.scheduled).toEqual([expect.objectContaining({ sopId: scheduled.sopId, versionId: scheduled.versionId, state: 'approved', waitingFor: [] })]);
    expect(d.approvals.scheduled[0]!.effectiveFrom!.slice(0, 10)).toBe(new Date(Date.now() + 20 * DAY * 1000).toISOString().slice(0, 10));

    // The reviewer signs: the version moves to approval and waits for the approver.
    await signed(t, w.people.approver, (tx) => signVersion(tx, { ...inReview, meaning: 'reviewed' }));
    const after = await dashboardOf('viewer');
    expect(after.approvals.pending).toEqual([expect.objectContaining({ versionId: inReview.versionId, state: 'in_approval', waitingFor: ['Priya Approver'] })]);
    expect(after.sopsByStatus.in_review).toBe(1);
  });

  it('periodic reviews fall in buckets by the database clock: later, then due within 30 days, then overdue; exempt and not effective apart', async () => {
    await signed(t, w.people.owner, (tx) => tx.query('select private.set_review_interval($1, null, $2)', [exempt.sopId, 'Reference only: reviewed with the site plan']));
    let d = await dashboardOf('viewer');
    // Drafts, in review and approved SOPs have no review scheduled yet.
    expect(d.reviews.buckets).toEqual({ overdue: 0, due30: 0, later: 1, exempt: 1, not_effective: 3 });
    expect(d.reviews.soonest).toEqual([]);

    // Monthly: the next review is a month after it became effective (28 to 31 days from now).
    await signed(t, w.people.owner, (tx) => tx.query('select private.set_review_interval($1, 1, null)', [effective.sopId]));
    await setClock(t, 5 * DAY);
    d = await dashboardOf('viewer');
    expect(d.reviews.buckets).toMatchObject({ overdue: 0, due30: 1, later: 0, exempt: 1 });
    expect(d.reviews.soonest).toEqual([expect.objectContaining({ sopId: effective.sopId, title: 'Line clearance', overdue: false })]);
    expect(d.reviews.soonest[0]!.days).toBeGreaterThanOrEqual(22);
    expect(d.reviews.soonest[0]!.days).toBeLessThanOrEqual(26);
    // The waiting version has waited five days by the same clock.
    expect(d.approvals.pending[0]!.waitedSeconds).toBeGreaterThanOrEqual(5 * DAY);

    await setClock(t, 40 * DAY);
    d = await dashboardOf('viewer');
    expect(d.reviews.buckets).toMatchObject({ overdue: 1, due30: 0, later: 0, exempt: 1 });
    expect(d.reviews.soonest).toEqual([expect.objectContaining({ sopId: effective.sopId, overdue: true })]);
    expect(d.reviews.soonest[0]!.days).toBeLessThan(0);
    await setClock(t, 0);
  });

  it('training completion per SOP and per department: current of those required, overdue by the clock, unassigned SOPs counted', async () => {
    await t.asService(async (tx) => {
      await tx.query("update public.memberships set department = 'Packaging' where org_id = $1 and user_id = any($2)", [w.orgA, [w.people.viewer.id, w.people.approver3.id]]);
      await tx.query("update public.memberships set department = 'QA' where org_id = $1 and user_id = $2", [w.orgA, w.people.author.id]);
    });
    await signed(t, w.people.admin, async (tx) => {
      await addAssignment(tx, effective, { kind: 'department', department: 'Packaging' });
      await addAssignment(tx, effective, { kind: 'person', userId: w.people.author.id });
    });
    await acknowledge('viewer', effective.versionId);

    let d = await dashboardOf('viewer');
    expect(d.training.effectiveSops).toBe(2);
    expect(d.training.unassignedSops).toBe(1); // "Visitor hygiene": no one must read it
    expect(d.training.sopCount).toBe(1);
    expect(d.training.bySop).toEqual([{ sopId: effective.sopId, docNumber: expect.stringMatching(/^SOP-\d{4}$/), title: 'Line clearance', current: 1, pending: 2, overdue: 0 }]);
    expect(d.training.total).toEqual({ current: 1, pending: 2, overdue: 0 });
    const dept = Object.fromEntries(d.training.byDepartment.map((x) => [x.department, x]));
    expect(dept.Packaging).toMatchObject({ current: 1, pending: 1, overdue: 0, members: 2 });
    expect(dept.QA).toMatchObject({ current: 0, pending: 1, overdue: 0, members: 1 });
    expect(dept['']).toMatchObject({ current: 0, pending: 0, overdue: 0, members: 4 }); // owner, admin, two approvers: nothing to read
    // Lowest completion first, nothing-required last.
    expect(d.training.byDepartment.map((x) => x.department)).toEqual(['QA', 'Packaging', '']);

    // The due date (14 days) passes: open tasks are overdue, the acknowledged one stays current.
    await setClock(t, 15 * DAY);
    d = await dashboardOf('viewer');
    expect(d.training.bySop[0]).toMatchObject({ current: 1, pending: 0, overdue: 2 });
    expect(Object.fromEntries(d.training.byDepartment.map((x) => [x.department, x])).Packaging).toMatchObject({ current: 1, overdue: 1 });
    await setClock(t, 0);
  });

  it('shows nothing of another organization: a stranger reading org A sees zeros, and org B’s SOPs do not count in A', async () => {
    await t.withUser(claimsFor(w.people.other_org.id), (tx) => createSop(tx, { orgId: w.orgB, userId: w.people.other_org.id, title: 'Plant B only' }));
    const stranger = await dashboardOf('other_org', w.orgA);
    expect(stranger.sopsByStatus).toEqual({ draft: 0, in_review: 0, approved: 0, effective: 0, obsolete: 0 });
    expect(stranger.reviews.buckets).toEqual({ overdue: 0, due30: 0, later: 0, exempt: 0, not_effective: 0 });
    expect(stranger.training).toMatchObject({ effectiveSops: 0, bySop: [], byDepartment: [] });
    expect(stranger.approvals).toEqual({ inFlight: 0, approved: 0, pending: [], scheduled: [] });

    const own = await dashboardOf('other_org', w.orgB);
    expect(own.sopsByStatus.draft).toBe(1);
    expect(own.approvals.pending).toEqual([]);
    const a = await dashboardOf('owner');
    expect(a.sopsByStatus.draft).toBe(1);
  });

  it('an obsolete SOP leaves the review chart and the training charts', async () => {
    await signed(t, w.people.owner, (tx) => tx.query('select private.obsolete_sop($1, $2)', [exempt.sopId, 'Replaced by the site plan']));
    const d = await dashboardOf('viewer');
    expect(d.sopsByStatus.obsolete).toBe(1);
    expect(d.reviews.buckets.exempt).toBe(0);
    expect(d.training.effectiveSops).toBe(1);
    expect(d.training.unassignedSops).toBe(0);
  });

  it('runs a fixed number of statements whatever the organization holds', async () => {
    const statements: string[] = [];
    await t.withUser(sessionClaims(w.people.owner), (tx) =>
      loadDashboard({ query: (text, params) => (statements.push(text), tx.query(text, params)), execScript: (s) => tx.execScript(s) }, w.orgA),
    );
    expect(statements.length).toBe(4);
  });
});
