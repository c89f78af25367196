/**
 * Document control as the database enforces it (21 CFR Part 11; ../shared/PART11.md), through
 * lib/document-control/service as the routes will call it: routing and separation of duties,
 * re-authentication at signing, the lockout, immutability and tamper evidence, exactly one
 * effective version, the effective-date job and the audit trail. The state × action × role
 * matrix is in document-control-matrix.test.ts.
 */
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { DocumentControlError } from '@/lib/document-control/errors';
import {
  historyOf,
  lifecycleOf,
  makeDueVersionsEffective,
  makeVersionEffective,
  myPendingTasks,
  obsoleteSop,
  recordFailedSignature,
  signaturesOf,
  signingPrecheck,
  signVersion,
  submitVersion,
  withdrawVersion,
  type SignMeaning,
  type VersionRef,
} from '@/lib/document-control/service';
import {
  createDcWorld,
  dbNow,
  enrollTotp,
  newVersion,
  nextVersion,
  reauthClaims,
  sessionClaims,
  setClock,
  signed,
  type DcWorld,
  type Person,
} from '../helpers/document-control';
import { claimsFor, createUser, type TestDb } from '../helpers/test-db';
import { createTestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let p: DcWorld['people'];

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'dc');
  p = w.people;
});
afterAll(async () => {
  await t?.close();
});
afterEach(async () => {
  await setClock(t, 0);
});

const DC_TABLES = ['sop_submissions', 'sop_tasks', 'sop_signatures', 'sop_transitions', 'signing_failures', 'signing_lockouts'] as const;

type SubmitOptions = Partial<Omit<Parameters<typeof submitVersion>[1], keyof VersionRef>>;

function submit(ref: VersionRef, by: Person = p.author, opts: SubmitOptions = {}) {
  return signed(t, by, (tx) =>
    submitVersion(tx, { ...ref, revisionKind: 'major', reason: 'First issue of the procedure', reviewers: [p.approver.id], approvers: [p.approver2.id], ...opts }),
  );
}

function sign(ref: VersionRef, by: Person, meaning: SignMeaning, comment?: string) {
  return signed(t, by, (tx) => signVersion(tx, { ...ref, meaning, comment }));
}

const stateOf = async (ref: VersionRef) => (await t.withUser(claimsFor(p.viewer.id), (tx) => lifecycleOf(tx, ref))).state;

/** A new member of org A (for tests that lock someone out or change their name). */
async function member(role: 'approver' | 'author' | 'admin', name: string): Promise<Person> {
  const u = await createUser(t);
  await t.asService(async (tx) => {
    await tx.query('update public.profiles set full_name = $2 where id = $1', [u.id, name]);
    await tx.query('insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)', [w.orgA, u.id, role]);
  });
  return { ...u, name };
}

/** An effective version (1.0 unless the SOP had one), approved by approver2 with no reviewers. */
async function effective(ref?: VersionRef, kind: 'major' | 'minor' = 'major'): Promise<VersionRef> {
  const v = ref ?? (await newVersion(t, w));
  await submit(v, p.author, { reviewers: [], revisionKind: kind });
  await sign(v, p.approver2, 'approved');
  return v;
}

async function events(from: number) {
  return t.asService((tx) =>
    tx.query<{ seq: number; action: string; actor_id: string | null; target_id: string; reason: string; data: Record<string, unknown> }>(
      'select seq, action, actor_id, target_id, reason, data from public.audit_events where org_id = $1 and seq > $2 order by seq',
      [w.orgA, from],
    ),
  );
}
const lastSeq = async () => Number((await t.asService((tx) => tx.query<{ s: number }>('select coalesce(max(seq), 0) as s from public.audit_events')))[0]!.s);

describe('routing and the order of steps', () => {
  it('runs draft → in review → in approval → approved → effective, each signature with printed name, UTC time, meaning and content hash', async () => {
    const ref = await newVersion(t, w);
    expect(await stateOf(ref)).toBe('draft');
    const submitted = await submit(ref, p.author, { reviewers: [p.approver.id], approvers: [p.approver2.id, p.approver3.id], approvalRule: 'all' });
    expect(submitted.state).toBe('in_review');
    expect(submitted.round).toMatchObject({ round: 1, revisionKind: 'major', changeReason: 'First issue of the procedure', approvalRule: 'all', approvalsRequired: 2 });
    expect((await sign(ref, p.approver, 'reviewed', 'Checked against the line layout')).lifecycle.state).toBe('in_approval');
    expect((await sign(ref, p.approver2, 'approved')).lifecycle.state).toBe('in_approval');
    const last = await sign(ref, p.approver3, 'approved');
    expect(last.lifecycle).toMatchObject({ state: 'effective', revisionLabel: '1.0' });
    expect(last.lifecycle.effectiveAt).not.toBeNull();

    const sigs = await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref));
    expect(sigs.map((s) => [s.meaning, s.signerName, s.signerEmail, s.authMethod, s.valid])).toEqual([
      ['authored', 'Ana Author', p.author.email, 'password', true],
      ['reviewed', 'Paul Approver', p.approver.email, 'password', true],
      ['approved', 'Petra Approver', p.approver2.email, 'password', true],
      ['approved', 'Priya Approver', p.approver3.email, 'password', true],
    ]);
    expect(new Set(sigs.map((s) => s.contentHash))).toEqual(new Set([submitted.round!.contentHash]));
    expect(sigs[1]!.comment).toBe('Checked against the line layout');
    expect(sigs.every((s) => s.signedAt.endsWith('Z'))).toBe(true);
    const history = await t.withUser(claimsFor(p.viewer.id), (tx) => historyOf(tx, ref));
    expect(history.map((h) => `${h.fromState}→${h.toState}`)).toEqual(['draft→in_review', 'in_review→in_approval', 'in_approval→approved', 'approved→effective']);
    const [sop] = await t.asService((tx) => tx.query<{ status: string; effective_version_id: string }>('select status, effective_version_id from public.sops where id = $1', [ref.sopId]));
    expect(sop).toEqual({ status: 'effective', effective_version_id: ref.versionId });
  });

  it('refuses approval before review', async () => {
    const ref = await newVersion(t, w);
    await submit(ref);
    const err = await sign(ref, p.approver2, 'approved').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocumentControlError);
    expect(err).toMatchObject({ status: 409, code: 'conflict', message: expect.stringMatching(/every reviewer has signed/) });
    expect(await stateOf(ref)).toBe('in_review');
  });

  it("refuses 'effective' before every required approval", async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [], approvers: [p.approver2.id, p.approver3.id] });
    await sign(ref, p.approver2, 'approved');
    await expect(t.withUser(claimsFor(p.owner.id), (tx) => makeVersionEffective(tx, ref))).rejects.toMatchObject({ status: 409 });
    await expect(t.asService((tx) => tx.query("insert into public.sop_transitions (sop_id, version_id, to_state) values ($1, $2, 'approved')", [ref.sopId, ref.versionId]))).rejects.toMatchObject({
      code: 'DC409',
    });
    expect(await stateOf(ref)).toBe('in_approval');
  });

  it('refuses an author approving their own version as the only approver', async () => {
    const ref = await newVersion(t, w);
    // the version's author (who saved it) and the submitter are both authors
    await expect(submit(ref, p.admin, { reviewers: [], approvers: [p.admin.id] })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/only approver/) });
    await expect(submit(ref, p.admin, { reviewers: [], approvers: [p.author.id] })).rejects.toMatchObject({ status: 422 });
    expect(await stateOf(ref)).toBe('draft');
  });

  it("does not count the author's own approval toward N", async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.admin, { reviewers: [], approvers: [p.admin.id, p.approver2.id], approvalRule: 'any', approvalsRequired: 1 });
    expect((await sign(ref, p.admin, 'approved')).lifecycle.state).toBe('in_approval');
    expect((await sign(ref, p.approver2, 'approved')).lifecycle.state).toBe('effective');
    await expect(submit(await newVersion(t, w), p.admin, { reviewers: [], approvers: [p.admin.id, p.approver2.id], approvalRule: 'any', approvalsRequired: 2 })).rejects.toMatchObject({
      status: 422,
      message: expect.stringMatching(/other than the author \(1\)/),
    });
  });

  it('refuses the author as a reviewer of their own version', async () => {
    await expect(submit(await newVersion(t, w), p.admin, { reviewers: [p.admin.id], approvers: [p.approver2.id] })).rejects.toMatchObject({ status: 422 });
  });

  it("needs every approver under 'all' and N of M under 'any'", async () => {
    const all = await newVersion(t, w);
    await submit(all, p.author, { reviewers: [], approvers: [p.approver.id, p.approver2.id, p.approver3.id], approvalRule: 'all' });
    await sign(all, p.approver, 'approved');
    expect((await sign(all, p.approver2, 'approved')).lifecycle.state).toBe('in_approval');
    expect((await sign(all, p.approver3, 'approved')).lifecycle.state).toBe('effective');

    const any = await newVersion(t, w);
    await submit(any, p.author, { reviewers: [], approvers: [p.approver.id, p.approver2.id, p.approver3.id], approvalRule: 'any', approvalsRequired: 2 });
    expect((await sign(any, p.approver3, 'approved')).lifecycle.state).toBe('in_approval');
    expect((await sign(any, p.approver, 'approved')).lifecycle.state).toBe('effective');
    // the round is over: the third approver's task is no longer pending
    await expect(sign(any, p.approver2, 'approved')).rejects.toMatchObject({ status: 409 });
  });

  it('refuses signing the same version twice with the same meaning, and a second verdict', async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [p.approver.id, p.approver3.id], approvers: [p.approver.id, p.approver2.id] });
    await sign(ref, p.approver, 'reviewed');
    await expect(sign(ref, p.approver, 'reviewed')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already signed/) });
    await sign(ref, p.approver3, 'reviewed');
    await sign(ref, p.approver, 'approved');
    await expect(sign(ref, p.approver, 'approved')).rejects.toMatchObject({ status: 409 });
    await expect(sign(ref, p.approver, 'rejected', 'Changed my mind')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/verdict/) });
    // the unique indexes hold even without the function's checks
    const names = await t.asService((tx) => tx.query<{ indexname: string }>("select indexname from pg_indexes where tablename = 'sop_signatures' order by 1"));
    expect(names.map((n) => n.indexname)).toEqual(expect.arrayContaining(['sop_signatures_once_per_meaning', 'sop_signatures_one_verdict']));
  });

  it('refuses reviewers and approvers who are not members whose role may approve', async () => {
    const ref = await newVersion(t, w);
    for (const bad of [p.viewer.id, p.author.id, p.other_org.id, '00000000-0000-4000-8000-000000000000']) {
      await expect(submit(ref, p.admin, { reviewers: [bad], approvers: [p.approver2.id] })).rejects.toMatchObject({ status: 422 });
      await expect(submit(ref, p.admin, { reviewers: [], approvers: [p.approver2.id, bad] })).rejects.toMatchObject({ status: 422 });
    }
  });

  it('refuses a reviewer or approver who is not assigned to the version', async () => {
    const ref = await newVersion(t, w);
    await submit(ref);
    await expect(sign(ref, p.approver3, 'reviewed')).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/not asked to review/) });
    await expect(sign(ref, p.approver2, 'rejected', 'No')).rejects.toMatchObject({ status: 403 });
    await sign(ref, p.approver, 'reviewed');
    await expect(sign(ref, p.approver3, 'approved')).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/not asked to approve/) });
  });

  it('requires a reason for change, a comment to reject, a reason to withdraw and to make obsolete', async () => {
    const ref = await newVersion(t, w);
    await expect(submit(ref, p.author, { reason: '   ' })).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/reason for change/) });
    await submit(ref);
    await expect(sign(ref, p.approver, 'rejected', ' ')).rejects.toMatchObject({ status: 422 });
    await expect(t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...ref, reason: '' }))).rejects.toMatchObject({ status: 422 });
    const eff = await effective();
    await expect(t.withUser(claimsFor(p.owner.id), (tx) => obsoleteSop(tx, { orgId: w.orgA, sopId: eff.sopId, reason: '' }))).rejects.toMatchObject({ status: 422 });
  });

  it('refuses a second version in flight and an incomplete draft', async () => {
    const ref = await newVersion(t, w);
    await submit(ref);
    const second = await nextVersion(t, w, ref);
    await expect(submit(second)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/already in review/) });
    const partial = await newVersion(t, w);
    const [incomplete] = await t.withUser(claimsFor(p.author.id), (tx) =>
      tx.query<{ id: string }>(
        "insert into public.sop_versions (org_id, sop_id, content, source, complete, author_id) select org_id, sop_id, content, 'ai', false, author_id from public.sop_versions where id = $1 returning id",
        [partial.versionId],
      ),
    );
    await expect(submit({ ...partial, versionId: incomplete!.id })).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/incomplete/) });
  });

  it('keeps a rejected version final: the author revises it as a new version and resubmits that', async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [], approvers: [p.approver.id, p.approver2.id] });
    expect((await sign(ref, p.approver, 'rejected', 'Step 2 misses the torque value')).lifecycle.state).toBe('rejected');
    await expect(submit(ref)).rejects.toMatchObject({ status: 409 });
    const revised = await nextVersion(t, w, ref, 'Torque the clamp to 12 Nm');
    await submit(revised, p.author, { reviewers: [], approvers: [p.approver.id, p.approver2.id] });
    await sign(revised, p.approver, 'approved');
    expect((await sign(revised, p.approver2, 'approved')).lifecycle).toMatchObject({ state: 'effective', revisionLabel: '1.0' });
    const history = await t.withUser(claimsFor(p.author.id), (tx) => historyOf(tx, ref));
    expect(history.at(-1)).toMatchObject({ toState: 'rejected', reason: 'Step 2 misses the torque value', actorName: 'Paul Approver' });
  });

  it('sends a withdrawn version back to draft: it can be resubmitted, and the earlier round stays on record but does not count', async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [p.approver.id], approvers: [p.approver2.id] });
    await sign(ref, p.approver, 'reviewed');
    const withdrawn = await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...ref, reason: 'Wrong approver chosen' }));
    expect(withdrawn.state).toBe('withdrawn');
    const again = await submit(ref, p.author, { reviewers: [p.approver.id], approvers: [p.approver3.id] });
    expect(again).toMatchObject({ state: 'in_review', round: { round: 2 } });
    // the first round's review does not carry over: the reviewer signs this round
    await expect(sign(ref, p.approver3, 'approved')).rejects.toMatchObject({ status: 409 });
    await sign(ref, p.approver, 'reviewed');
    expect((await sign(ref, p.approver3, 'approved')).lifecycle.state).toBe('effective');
    const sigs = await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref));
    expect(sigs.map((s) => s.meaning)).toEqual(['authored', 'reviewed', 'authored', 'reviewed', 'approved']);
    expect(new Set(sigs.map((s) => s.submissionId)).size).toBe(2);
  });

  it('lets only the submitter, an owner or an admin withdraw', async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.admin);
    await expect(t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...ref, reason: 'Mine now' }))).rejects.toMatchObject({
      status: 403,
      message: expect.stringMatching(/submitted this version/),
    });
    expect((await t.withUser(claimsFor(p.owner.id), (tx) => withdrawVersion(tx, { ...ref, reason: 'Routing error' }))).state).toBe('withdrawn');
  });

  it('numbers revisions from the previous effective one: 1.0, then 1.1 for a minor, 2.0 for a major', async () => {
    const v1 = await effective();
    const v11 = await effective(await nextVersion(t, w, v1, 'Typo fixed'), 'minor');
    const v2 = await effective(await nextVersion(t, w, v1, 'New equipment'), 'major');
    const labels = await Promise.all([v1, v11, v2].map(async (v) => (await t.withUser(claimsFor(p.viewer.id), (tx) => lifecycleOf(tx, v))).revisionLabel));
    expect(labels).toEqual(['1.0', '1.1', '2.0']);
  });

  it('keeps exactly one effective version: making 2.0 effective supersedes 1.0 in the same transaction', async () => {
    const v1 = await effective();
    const v2 = await nextVersion(t, w, v1);
    await submit(v2, p.author, { reviewers: [] });
    const xact = await t.withUser(reauthClaims(p.approver2, await dbNow(t)), async (tx) => {
      await signVersion(tx, { ...v2, meaning: 'approved' });
      return (await tx.query<{ x: string }>('select txid_current()::text as x'))[0]!.x;
    });
    const rows = await t.asService((tx) =>
      tx.query<{ version_id: string; to_state: string; label: string; xid: string }>(
        "select version_id, to_state, label, xmin::text as xid from public.sop_transitions where sop_id = $1 and to_state in ('effective', 'superseded') order by seq",
        [v1.sopId],
      ),
    );
    expect(rows.map((r) => [r.version_id, r.to_state, r.label])).toEqual([
      [v1.versionId, 'effective', '1.0'],
      [v2.versionId, 'effective', '2.0'],
      [v1.versionId, 'superseded', '1.0'],
    ]);
    // one transaction wrote 2.0's effective row and 1.0's superseded row
    expect(rows[1]!.xid).toBe(rows[2]!.xid);
    expect(String(BigInt(xact) & 0xffffffffn)).toBe(rows[1]!.xid);
    const states = await t.asService((tx) =>
      tx.query<{ state: string; n: number }>('select state::text, count(*)::int as n from public.sop_version_lifecycle where sop_id = $1 group by 1 order by 1', [v1.sopId]),
    );
    expect(states).toEqual([
      { state: 'effective', n: 1 },
      { state: 'superseded', n: 1 },
    ]);
    const [sop] = await t.asService((tx) => tx.query<{ effective_version_id: string }>('select effective_version_id from public.sops where id = $1', [v1.sopId]));
    expect(sop!.effective_version_id).toBe(v2.versionId);
  });

  it('refuses superseding or a second effective version outside that path, for the service role too', async () => {
    const v1 = await effective();
    await expect(t.asService((tx) => tx.query("insert into public.sop_transitions (sop_id, version_id, to_state, reason) values ($1, $2, 'superseded', 'x')", [v1.sopId, v1.versionId]))).rejects.toMatchObject({
      code: 'DC409',
    });
    const v2 = await nextVersion(t, w, v1);
    await expect(t.asService((tx) => tx.query("insert into public.sop_transitions (sop_id, version_id, to_state) values ($1, $2, 'effective')", [v2.sopId, v2.versionId]))).rejects.toMatchObject({
      code: 'DC409',
    });
  });

  it('refuses at commit a second effective version, even when the supersede step is switched off', async () => {
    const v1 = await effective();
    const v2 = await nextVersion(t, w, v1);
    await submit(v2, p.author, { reviewers: [] });
    const claims = reauthClaims(p.approver2, await dbNow(t));
    const run = t.asService(async (tx) => {
      await tx.query('alter table public.sop_transitions disable trigger sop_transitions_after_insert');
      await tx.query("select set_config('role', 'authenticated', true), set_config('request.jwt.claims', $1, true)", [JSON.stringify(claims)]);
      await tx.query("select private.sign_version($1, 'approved', $2)", [v2.versionId, (await tx.query<{ h: string }>('select content_hash as h from public.sop_submissions where version_id = $1', [v2.versionId]))[0]!.h]);
    });
    await expect(run).rejects.toMatchObject({ code: 'DC409', message: expect.stringMatching(/exactly one effective/) });
    expect([await stateOf(v1), await stateOf(v2)]).toEqual(['effective', 'in_approval']);
  });

  it('keeps a version with a future effective date approved ("effective on …") until the job runs on that date, and the job is idempotent', async () => {
    const v1 = await effective();
    const v2 = await nextVersion(t, w, v1);
    const on = new Date((await dbNow(t)) * 1000 + 3 * 24 * 3600 * 1000);
    await submit(v2, p.author, { reviewers: [], effectiveFrom: on, revisionKind: 'minor' });
    const approved = (await sign(v2, p.approver2, 'approved')).lifecycle;
    expect(approved).toMatchObject({ state: 'approved', revisionLabel: '1.1', effectiveAt: null, round: { effectiveFrom: on.toISOString() } });
    expect(await t.asService((tx) => makeDueVersionsEffective(tx))).toEqual([]);
    await expect(t.withUser(claimsFor(p.owner.id), (tx) => makeVersionEffective(tx, v2))).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/becomes effective on/) });
    expect(await stateOf(v1)).toBe('effective');

    await setClock(t, 3 * 24 * 3600 + 60);
    const before = await lastSeq();
    const ran = await t.asService((tx) => makeDueVersionsEffective(tx));
    expect(ran).toEqual([expect.objectContaining({ versionId: v2.versionId, sopId: v2.sopId, orgId: w.orgA, revisionLabel: '1.1' })]);
    expect([await stateOf(v1), await stateOf(v2)]).toEqual(['superseded', 'effective']);
    const made = await events(before);
    expect(made.map((e) => e.action)).toEqual(['sop.version_effective', 'sop.version_superseded']);
    expect(made[0]).toMatchObject({ actor_id: null, reason: 'Effective date reached' });

    const after = await lastSeq();
    expect(await t.asService((tx) => makeDueVersionsEffective(tx))).toEqual([]);
    expect(await lastSeq()).toBe(after);
  });

  it('makes a SOP obsolete with its effective version, marks the SOP, and takes no new revision', async () => {
    const v1 = await effective();
    const v2 = await nextVersion(t, w, v1);
    await submit(v2);
    await expect(t.withUser(claimsFor(p.owner.id), (tx) => obsoleteSop(tx, { orgId: w.orgA, sopId: v1.sopId, reason: 'Line decommissioned' }))).rejects.toMatchObject({ status: 409 });
    await t.withUser(claimsFor(p.author.id), (tx) => withdrawVersion(tx, { ...v2, reason: 'Line decommissioned' }));
    await expect(t.withUser(claimsFor(p.approver.id), (tx) => obsoleteSop(tx, { orgId: w.orgA, sopId: v1.sopId, reason: 'x' }))).rejects.toMatchObject({ status: 403 });
    await t.withUser(claimsFor(p.admin.id), (tx) => obsoleteSop(tx, { orgId: w.orgA, sopId: v1.sopId, reason: 'Line decommissioned' }));
    expect(await stateOf(v1)).toBe('obsolete');
    const [sop] = await t.withUser(claimsFor(p.viewer.id), (tx) => tx.query<{ status: string; effective_version_id: string | null }>('select status, effective_version_id from public.sops where id = $1', [v1.sopId]));
    expect(sop).toEqual({ status: 'obsolete', effective_version_id: null });
    await expect(submit(v2)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/obsolete/) });
    // still readable, signatures and all
    expect((await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, v1))).length).toBe(2);
  });

  it("answers 404 for another organization's versions and SOPs, in the service and in every SQL function", async () => {
    const ref = await effective();
    const stranger = reauthClaims(p.other_org, await dbNow(t));
    await expect(t.withUser(stranger, (tx) => lifecycleOf(tx, ref))).rejects.toMatchObject({ status: 404 });
    await expect(t.withUser(stranger, (tx) => signaturesOf(tx, ref))).rejects.toMatchObject({ status: 404 });
    // the ids in the URL must fit together: a real version under another SOP is not found
    const elsewhere = await newVersion(t, w);
    await expect(t.withUser(claimsFor(p.viewer.id), (tx) => lifecycleOf(tx, { ...ref, sopId: elsewhere.sopId }))).rejects.toMatchObject({ status: 404 });
    const calls = [
      "select private.submit_version($1, 'major', 'x', repeat('a', 64), '{}', '{}')",
      "select private.sign_version($1, 'approved', repeat('a', 64))",
      "select * from private.signing_precheck($1, 'approved')",
      "select * from private.record_signing_failure($1, 'password')",
      "select private.withdraw_version($1, 'x')",
      'select private.make_version_effective($1)',
    ];
    for (const sql of calls) {
      await expect(t.withUser(stranger, (tx) => tx.query(sql, [ref.versionId])), sql).rejects.toMatchObject({ code: 'DC404' });
    }
    await expect(t.withUser(stranger, (tx) => tx.query("select private.obsolete_sop($1, 'x')", [ref.sopId]))).rejects.toMatchObject({ code: 'DC404' });
  });

  it("lists each person's pending tasks: reviews while in review, approvals once reviews are done", async () => {
    const ref = await newVersion(t, w);
    const reviewer = await member('approver', 'Rita Reviewer');
    const approver = await member('approver', 'Arne Approver');
    await submit(ref, p.author, { reviewers: [reviewer.id], approvers: [approver.id] });
    const tasksOf = (u: Person) => t.withUser(claimsFor(u.id), (tx) => myPendingTasks(tx, w.orgA));
    expect((await tasksOf(reviewer)).map((k) => [k.versionId, k.step])).toEqual([[ref.versionId, 'review']]);
    expect(await tasksOf(approver)).toEqual([]);
    await sign(ref, reviewer, 'reviewed');
    expect(await tasksOf(reviewer)).toEqual([]);
    expect((await tasksOf(approver)).map((k) => [k.versionId, k.step])).toEqual([[ref.versionId, 'approval']]);
    await sign(ref, approver, 'approved');
    expect(await tasksOf(approver)).toEqual([]);
  });
});

describe('re-authentication at signing (11.200, 11.300)', () => {
  let ref: VersionRef;
  beforeAll(async () => {
    ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [], approvers: [p.approver.id, p.approver2.id, p.approver3.id], approvalRule: 'all' });
  });
  const tryApprove = (claims: Parameters<TestDb['withUser']>[0]) => t.withUser(claims, (tx) => signVersion(tx, { ...ref, meaning: 'approved' }));

  it('refuses signing in an ordinary session, without a password entered for this signature', async () => {
    const err = await tryApprove(sessionClaims(p.approver)).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', needs: 'password' });
    await expect(tryApprove(claimsFor(p.approver.id))).rejects.toMatchObject({ status: 401 });
    const draft = await newVersion(t, w);
    await expect(t.withUser(sessionClaims(p.author), (tx) => submitVersion(tx, { ...draft, revisionKind: 'major', reason: 'x', reviewers: [], approvers: [p.approver.id] }))).rejects.toMatchObject({
      status: 401,
    });
  });

  it('refuses a password re-authentication older than the two-minute window', async () => {
    const now = await dbNow(t);
    await expect(tryApprove(reauthClaims(p.approver, now, { passwordAt: now - 125 }))).rejects.toMatchObject({ status: 401, needs: 'password' });
    const [window] = await t.asService((tx) => tx.query<{ s: number }>('select extract(epoch from (private.signing_policy()).reauth_window)::int as s'));
    expect(window!.s).toBe(120);
    expect((await tryApprove(reauthClaims(p.approver, now, { passwordAt: now - 60 }))).signature.authMethod).toBe('password');
  });

  it('refuses other sign-in methods (magic link, recovery) as re-authentication', async () => {
    const now = await dbNow(t);
    for (const method of ['otp', 'recovery', 'magiclink', 'totp']) {
      await expect(tryApprove(claimsFor(p.approver2.id, { amr: [{ method, timestamp: now }] }))).rejects.toMatchObject({ status: 401 });
    }
  });

  it('refuses a TOTP-enrolled signer without a fresh TOTP at aal2, and records password+totp when given', async () => {
    const signer = await member('approver', 'Tom Totp');
    await enrollTotp(t, signer);
    const v = await newVersion(t, w);
    await submit(v, p.author, { reviewers: [], approvers: [signer.id] });
    const now = await dbNow(t);
    const approve = (claims: Parameters<TestDb['withUser']>[0]) => t.withUser(claims, (tx) => signVersion(tx, { ...v, meaning: 'approved' }));
    await expect(approve(reauthClaims(signer, now))).rejects.toMatchObject({ status: 401, needs: 'totp' });
    await expect(approve(claimsFor(signer.id, { aal: 'aal1', amr: [{ method: 'totp', timestamp: now }, { method: 'password', timestamp: now }] }))).rejects.toMatchObject({ needs: 'totp' });
    await expect(approve(claimsFor(signer.id, { aal: 'aal2', amr: [{ method: 'totp', timestamp: now - 600 }, { method: 'password', timestamp: now }] }))).rejects.toMatchObject({ needs: 'totp' });
    const precheck = await t.withUser(claimsFor(signer.id), (tx) => signingPrecheck(tx, { ...v, meaning: 'approved' }));
    expect(precheck).toEqual({ factors: ['password', 'totp'], signerName: 'Tom Totp', signerEmail: signer.email });
    const ok = await approve(reauthClaims(signer, now, { totp: true }));
    expect(ok.signature.authMethod).toBe('password+totp');
  });

  it('never signs for anyone but the signed-in signer: the service role can neither sign nor forge a signature row', async () => {
    await expect(t.asService((tx) => tx.query("select private.sign_version($1, 'approved', repeat('a', 64))", [ref.versionId]))).rejects.toMatchObject({ code: 'DC404' });
    await expect(
      t.asService((tx) =>
        tx.query(
          "insert into public.sop_signatures (org_id, sop_id, version_id, signer_id, signer_name, signer_email, meaning, content_hash, auth_method) values ($1, $2, $3, $4, 'Forged', 'f@x.test', 'approved', repeat('a', 64), 'password')",
          [ref.orgId, ref.sopId, ref.versionId, p.approver3.id],
        ),
      ),
    ).rejects.toMatchObject({ code: 'DC403' });
  });

  it('signs with the printed name and email as they are at signing, read by the database and not from the caller', async () => {
    const signer = await member('approver', 'Maria Before');
    const v = await newVersion(t, w);
    await submit(v, p.author, { reviewers: [], approvers: [signer.id] });
    const claims = claimsFor(signer.id, { email: 'spoofed@evil.test', user_metadata: { full_name: 'Someone Else' }, amr: [{ method: 'password', timestamp: await dbNow(t) }] });
    await t.withUser(claims, (tx) => signVersion(tx, { ...v, meaning: 'approved' }));
    await t.asService((tx) => tx.query("update public.profiles set full_name = 'Maria After' where id = $1", [signer.id]));
    const [sig] = (await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, v))).filter((s) => s.meaning === 'approved');
    expect(sig).toMatchObject({ signerId: signer.id, signerName: 'Maria Before', signerEmail: signer.email });
  });

  it('refuses a signer without a printed name, before and at signing', async () => {
    const signer = await member('approver', '');
    const v = await newVersion(t, w);
    await submit(v, p.author, { reviewers: [], approvers: [signer.id] });
    await expect(t.withUser(claimsFor(signer.id), (tx) => signingPrecheck(tx, { ...v, meaning: 'approved' }))).rejects.toMatchObject({ status: 422, message: expect.stringMatching(/full name/) });
    await expect(sign(v, signer, 'approved')).rejects.toMatchObject({ status: 422 });
  });

  it('answers the precheck before any password: 403 for a viewer, 409 out of order, the factors otherwise', async () => {
    await expect(t.withUser(claimsFor(p.viewer.id), (tx) => signingPrecheck(tx, { ...ref, meaning: 'approved' }))).rejects.toMatchObject({ status: 403, message: expect.stringMatching(/role/) });
    await expect(t.withUser(claimsFor(p.approver.id), (tx) => signingPrecheck(tx, { ...ref, meaning: 'reviewed' }))).rejects.toMatchObject({ status: 409 });
    await expect(t.withUser(claimsFor(p.author.id), (tx) => signingPrecheck(tx, { ...ref, meaning: 'authored' }))).rejects.toMatchObject({ status: 409 });
    expect(await t.withUser(claimsFor(p.approver3.id), (tx) => signingPrecheck(tx, { ...ref, meaning: 'approved' }))).toEqual({
      factors: ['password'],
      signerName: 'Priya Approver',
      signerEmail: p.approver3.email,
    });
  });
});

describe('failed signing attempts and the lockout (11.300(d))', () => {
  it('locks signing for 15 minutes after 5 failures within 15 minutes, audits it, and names the owners to email', async () => {
    const signer = await member('approver', 'Luke Locked');
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [], approvers: [signer.id] });
    const before = await lastSeq();
    const fail = () => t.withUser(claimsFor(signer.id), (tx) => recordFailedSignature(tx, { ...ref, method: 'password' }));
    for (let i = 1; i <= 4; i++) expect(await fail()).toMatchObject({ failures: i, lockedUntil: null, lockoutStarted: false, notify: [] });
    const fifth = await fail();
    expect(fifth).toMatchObject({ failures: 5, lockoutStarted: true, orgName: 'Plant A', notify: [p.owner.email] });
    const [lock] = await t.asService((tx) =>
      tx.query<{ minutes: number; until: Date }>('select extract(epoch from locked_until - locked_at)::int / 60 as minutes, locked_until as until from public.signing_lockouts where user_id = $1', [signer.id]),
    );
    expect(lock!.minutes).toBe(15);
    expect(new Date(lock!.until).toISOString()).toBe(fifth.lockedUntil);
    const sixth = await fail();
    expect(sixth).toMatchObject({ lockoutStarted: false, lockedUntil: fifth.lockedUntil });

    const audited = await events(before);
    expect(audited.filter((e) => e.action === 'signature.failed')).toHaveLength(6);
    const locked = audited.filter((e) => e.action === 'signature.locked');
    expect(locked).toHaveLength(1);
    expect(locked[0]!.actor_id).toBe(signer.id);
    expect(locked[0]!.data).toMatchObject({ failures: 5, user: { id: signer.id, name: 'Luke Locked' } });

    // locked: refused even with the right password, and so is the precheck
    const err = await sign(ref, signer, 'approved').catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 423, lockedUntil: fifth.lockedUntil!.replace(/\.\d+Z$/, 'Z') });
    expect(Number((err as DocumentControlError).headers['Retry-After'])).toBeGreaterThan(0);
    await expect(t.withUser(claimsFor(signer.id), (tx) => signingPrecheck(tx, { ...ref, meaning: 'approved' }))).rejects.toMatchObject({ status: 423 });

    // 15 minutes later the lock is lifted and the old failures no longer count
    await setClock(t, 15 * 60 + 5);
    expect((await sign(ref, signer, 'approved')).lifecycle.state).toBe('effective');
  });

  it('counts only failures within 15 minutes', async () => {
    const signer = await member('approver', 'Slow Typist');
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [], approvers: [signer.id] });
    const fail = () => t.withUser(claimsFor(signer.id), (tx) => recordFailedSignature(tx, { ...ref, method: 'totp' }));
    for (let i = 0; i < 4; i++) await fail();
    await setClock(t, 16 * 60);
    expect(await fail()).toMatchObject({ failures: 1, lockoutStarted: false });
    expect((await sign(ref, signer, 'approved')).signature.meaning).toBe('approved');
  });

  it('lets a person read their own failed attempts and audit readers everyone’s, no one else', async () => {
    const signer = await member('author', 'Fumbling Author');
    const ref = await newVersion(t, w);
    await t.withUser(claimsFor(signer.id), (tx) => recordFailedSignature(tx, { ...ref, method: 'password' }));
    const visible = async (u: Person) => (await t.withUser(claimsFor(u.id), (tx) => tx.query('select 1 from public.signing_failures where user_id = $1', [signer.id]))).length;
    expect(await visible(signer)).toBe(1);
    expect(await visible(p.approver)).toBe(1);
    expect(await visible(p.author)).toBe(0);
    expect(await visible(p.viewer)).toBe(0);
  });
});

describe('immutability and tamper evidence (11.10(e), 11.70)', () => {
  it('refuses update, delete and truncate of every document-control table, for the service role too', async () => {
    await effective();
    const lock = await member('approver', 'For A Lockout');
    const ref = await newVersion(t, w);
    for (let i = 0; i < 5; i++) await t.withUser(claimsFor(lock.id), (tx) => recordFailedSignature(tx, { ...ref, method: 'password' }));
    for (const table of DC_TABLES) {
      const [row] = await t.asService((tx) => tx.query<{ id: string }>(`select id from public.${table} limit 1`));
      expect(row, table).toBeDefined();
      await expect(t.asService((tx) => tx.query(`update public.${table} set id = id where id = $1`, [row!.id])), `update ${table}`).rejects.toMatchObject({ code: '42501' });
      await expect(t.asService((tx) => tx.query(`delete from public.${table} where id = $1`, [row!.id])), `delete ${table}`).rejects.toMatchObject({ code: '42501' });
      await expect(t.asService((tx) => tx.query(`truncate public.${table} cascade`)), `truncate ${table}`).rejects.toMatchObject({ code: '42501' });
      await expect(t.withUser(claimsFor(p.owner.id), (tx) => tx.query(`update public.${table} set id = id where id = $1`, [row!.id])), `owner update ${table}`).rejects.toMatchObject({
        code: '42501',
      });
    }
  });

  it('refuses to change a submitted version, for the service role too', async () => {
    const ref = await newVersion(t, w);
    await submit(ref);
    await expect(t.asService((tx) => tx.query("update public.sop_versions set content = '{}'::jsonb where id = $1", [ref.versionId]))).rejects.toMatchObject({ code: '42501' });
  });

  /** A superuser working around the triggers, as only a database administrator could. */
  const tamper = (sql: string, params: unknown[]) =>
    t.asService(async (tx: Tx) => {
      await tx.query('set local session_replication_role = replica');
      await tx.query(sql, params);
    });

  it('shows every signature of a version as invalid once a superuser altered its content, and refuses new signatures on it', async () => {
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [], approvers: [p.approver2.id, p.approver3.id] });
    await sign(ref, p.approver2, 'approved');
    const read = () => t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref));
    expect((await read()).map((s) => s.valid)).toEqual([true, true]);
    await tamper("update public.sop_versions set content = jsonb_set(content, '{titleBlock,title}', '\"Quietly changed\"') where id = $1", [ref.versionId]);
    expect((await read()).map((s) => s.valid)).toEqual([false, false]);
    await expect(sign(ref, p.approver3, 'approved')).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/not the content that was submitted/) });
  });

  it("shows a signature as invalid once a superuser altered its content hash", async () => {
    const ref = await effective();
    const [approval] = (await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref))).filter((s) => s.meaning === 'approved');
    await tamper("update public.sop_signatures set content_hash = repeat('0', 64) where id = $1", [approval!.id]);
    const after = await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref));
    expect(after.map((s) => [s.meaning, s.valid])).toEqual([
      ['authored', true],
      ['approved', false],
    ]);
  });
});

describe('audit trail (11.10(e), Annex 11 §9)', () => {
  it('writes an event for every submission, assignment, signature, transition, failed signature and lockout, with old and new state and the reason, and the chain verifies', async () => {
    const before = await lastSeq();
    const signer = await member('approver', 'Audit Approver');
    const ref = await newVersion(t, w);
    await submit(ref, p.author, { reviewers: [p.approver.id], approvers: [signer.id], reason: 'New filler model' });
    await sign(ref, p.approver, 'reviewed', 'Fine');
    const fumbler = await member('approver', 'Audit Fumbler');
    for (let i = 0; i < 5; i++) await t.withUser(claimsFor(fumbler.id), (tx) => recordFailedSignature(tx, { ...ref, method: 'password' }));
    await sign(ref, signer, 'rejected', 'Step 3 is unsafe');
    const got = (await events(before)).filter((e) => !['member.joined', 'sop.created', 'sop.version_created', 'sop.updated'].includes(e.action));
    expect(got.map((e) => e.action)).toEqual([
      'sop.version_submitted',
      'sop.task_assigned',
      'sop.task_assigned',
      'signature.signed',
      'sop.version_in_review',
      'signature.signed',
      'sop.version_in_approval',
      ...Array(5).fill('signature.failed'),
      'signature.locked',
      'signature.signed',
      'sop.version_rejected',
    ]);
    const byAction = (a: string) => got.filter((e) => e.action === a);
    expect(byAction('sop.version_submitted')[0]).toMatchObject({ actor_id: p.author.id, reason: 'New filler model', data: { revision_kind: 'major', round: 1 } });
    expect(byAction('sop.version_in_review')[0]).toMatchObject({ reason: 'New filler model', data: { old: { state: 'draft' }, new: { state: 'in_review' } } });
    expect(byAction('sop.version_rejected')[0]).toMatchObject({ actor_id: signer.id, reason: 'Step 3 is unsafe', data: { old: { state: 'in_approval' }, new: { state: 'rejected' } } });
    expect(byAction('signature.signed').map((e) => [(e.data as { meaning: string }).meaning, e.reason])).toEqual([
      ['authored', ''],
      ['reviewed', 'Fine'],
      ['rejected', 'Step 3 is unsafe'],
    ]);
    expect(byAction('sop.task_assigned').map((e) => (e.data as { step: string; assignee: { name: string } }).assignee.name)).toEqual(['Paul Approver', 'Audit Approver']);
    const status = (await events(before)).filter((e) => e.action === 'sop.updated' && 'status' in e.data).map((e) => e.data.status);
    expect(status).toEqual([{ old: 'draft', new: 'in_review' }, { old: 'in_review', new: 'draft' }]);
    const [chain] = await t.asService((tx) => tx.query<{ broken: string | null }>('select private.verify_audit_chain($1)::text as broken', [w.orgA]));
    expect(chain!.broken).toBeNull();
  });
});
