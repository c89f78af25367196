/**
 * Read-and-understood training (issue 15) against the database, under RLS: tasks follow the
 * assignments and the lifecycle (major revision: a task each; minor: none; joining, moving,
 * leaving, unassigning), the acknowledgement and its refusals (lib/training/service.ts over
 * private.acknowledge_sop), departments set by owners and admins (an owner's too), and the
 * scheduled emails (lib/jobs/training-reminders.ts): each once, a refused send retried, the
 * escalation once per ISO week. Runs on PGlite and on PostgreSQL (DATABASE_URL).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { contentHash } from '@/lib/document-control/canonical';
import { refusalsMapped } from '@/lib/document-control/errors';
import { myPendingTaskCounts, signingPrecheck, type VersionRef } from '@/lib/document-control/service';
import type { EmailMessage } from '@/lib/email/sender';
import type { JobContext } from '@/lib/jobs/context';
import { sendTrainingReminders } from '@/lib/jobs/training-reminders';
import { changeRole, listMembers, setMemberDepartment } from '@/lib/orgs/service';
import { addAssignment, removeAssignment } from '@/lib/training/assignments';
import { acknowledge, myTrainingTasks, sopTraining, versionToAcknowledge } from '@/lib/training/service';
import { createDcWorld, enrollTotp, makeEffective, newVersion, nextVersion, refusal, sessionClaims, setClock, signed, type DcWorld, type Person } from '../helpers/document-control';
import { createUser, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'trn');
});
afterAll(async () => t?.close());
afterEach(async () => setClock(t, 0));

const DAY = 86400;
const as = <T>(p: Person, fn: (tx: Tx) => Promise<T>): Promise<T> => t.withUser(sessionClaims(p), fn);

type TaskRow = { assignee_id: string; major: number; closed: string | null; acked: boolean; reason: string };
const tasks = (sopId: string) =>
  t.asService((tx) =>
    tx.query<TaskRow>(
      `select k.assignee_id, k.major, k.reason, c.reason as closed, exists (select 1 from public.training_acknowledgements a where a.task_id = k.id) as acked
         from public.training_tasks k left join public.training_task_closures c on c.task_id = k.id where k.sop_id = $1 order by k.created_at, k.assignee_id`,
      [sopId],
    ),
  );
const openOf = (rows: TaskRow[]) => rows.filter((k) => !k.closed && !k.acked).map((k) => k.assignee_id).sort();
const setDept = (p: Person, department: string) => t.asService((tx) => tx.query('update public.memberships set department = $3 where org_id = $1 and user_id = $2', [w.orgA, p.id, department]));
const assign = (ref: { sopId: string }, input: Parameters<typeof addAssignment>[2]) => as(w.people.admin, (tx) => addAssignment(tx, { orgId: w.orgA, sopId: ref.sopId }, input));
const ack = (p: Person, ref: VersionRef, opts: { totp?: boolean } = {}) => signed(t, p, (tx) => acknowledge(tx, ref), opts);
const sorted = (...ps: Person[]) => ps.map((p) => p.id).sort();

describe(`read-and-understood training (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('a major revision gives every assignee (person, role, department) a task; a minor revision none; acknowledging makes them current', async () => {
    const p = w.people;
    await setDept(p.viewer, 'Packaging');
    const v1 = await newVersion(t, w);
    await assign(v1, { kind: 'department', department: ' packaging ' });
    await assign(v1, { kind: 'role', role: 'author' });
    await assign(v1, { kind: 'person', userId: p.approver.id });
    expect(await tasks(v1.sopId)).toEqual([]); // nothing before a version is effective
    const before = await as(p.viewer, (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v1.sopId }));
    expect(before.effective).toBeNull();
    expect(before.assignments.map((a) => a.kind)).toEqual(['person', 'role', 'department']);

    await makeEffective(t, w, v1);
    expect(openOf(await tasks(v1.sopId))).toEqual(sorted(p.viewer, p.author, p.approver));
    const mine = await as(p.viewer, (tx) => myTrainingTasks(tx, w.orgA));
    expect(mine).toMatchObject([{ sopId: v1.sopId, revision: '1.0', status: 'pending', href: `/o/trn-a/sops/${v1.sopId}` }]);
    expect(Date.parse(mine[0]!.dueAt) - Date.parse(mine[0]!.assignedAt)).toBe(14 * DAY * 1000);
    expect((await as(p.viewer, (tx) => myPendingTaskCounts(tx)))[w.orgA]).toBe(1);

    const a = await ack(p.viewer, v1);
    expect(a).toMatchObject({ versionId: v1.versionId, revision: '1.0', signerName: 'Vera Viewer', authMethod: 'password' });
    const [sig] = await t.asService((tx) => tx.query<{ meaning: string; submission_id: string | null }>('select meaning, submission_id from public.sop_signatures where id = $1', [a.signatureId]));
    expect(sig).toEqual({ meaning: 'read_understood', submission_id: null });
    const st = await as(p.admin, (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v1.sopId }));
    expect(st.counts).toEqual({ current: 1, pending: 2, overdue: 0, total: 3 });
    expect(st.people.find((x) => x.userId === p.viewer.id)).toMatchObject({ status: 'current', acknowledgedRevision: '1.0' });
    expect(await as(p.viewer, (tx) => myTrainingTasks(tx, w.orgA))).toEqual([]);
    expect((await as(p.viewer, (tx) => myPendingTaskCounts(tx)))[w.orgA]).toBeUndefined();

    // A minor revision: no new task; the open ones stay and acknowledging 1.1 completes them.
    const v2 = await nextVersion(t, w, v1);
    await makeEffective(t, w, v2, 'minor');
    expect((await tasks(v1.sopId)).length).toBe(3);
    const st2 = await as(p.viewer, (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v1.sopId }));
    expect(st2.effective).toMatchObject({ versionId: v2.versionId, label: '1.1', major: 1 });
    expect(st2.people.find((x) => x.userId === p.viewer.id)!.status).toBe('current');
    await ack(p.author, v2);
    expect((await as(p.admin, (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v1.sopId }))).people.find((x) => x.userId === p.author.id)!.acknowledgedRevision).toBe('1.1');

    // A major revision: everyone again; the open task of 1.x is superseded.
    const v3 = await nextVersion(t, w, v1, 'Third');
    await makeEffective(t, w, v3, 'major');
    const after = await tasks(v1.sopId);
    expect(after.filter((k) => k.major === 2).map((k) => k.reason).sort()).toEqual(['new_version', 'new_version', 'new_version']);
    expect(after.filter((k) => k.closed === 'superseded').map((k) => k.assignee_id)).toEqual([p.approver.id]);
    expect((await as(p.admin, (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v1.sopId }))).counts).toEqual({ current: 0, pending: 3, overdue: 0, total: 3 });
  });

  it('a new member of an assigned department gets a task at once; a department or role change, and unassigning, close open tasks', async () => {
    const p = w.people;
    const v = await newVersion(t, w);
    await makeEffective(t, w, v);
    await assign(v, { kind: 'department', department: 'Warehouse' });
    const approverRole = await assign(v, { kind: 'role', role: 'approver' });
    expect(openOf(await tasks(v.sopId))).toEqual(sorted(p.approver, p.approver2, p.approver3));

    const newcomer = await createUser(t, `newcomer-${Date.now()}@dc.test`);
    await t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role, department) values ($1, $2, 'viewer', 'WAREHOUSE')", [w.orgA, newcomer.id]));
    expect(openOf(await tasks(v.sopId))).toContain(newcomer.id);

    // department change (by an admin, through the service): the newcomer's task closes
    await as(p.admin, (tx) => setMemberDepartment(tx, w.orgA, newcomer.id, 'Office'));
    expect((await tasks(v.sopId)).find((k) => k.assignee_id === newcomer.id)!.closed).toBe('unassigned');
    // role change: approver3 becomes a viewer
    await as(p.owner, (tx) => changeRole(tx, w.orgA, p.approver3.id, 'viewer'));
    expect((await tasks(v.sopId)).find((k) => k.assignee_id === p.approver3.id)!.closed).toBe('unassigned');
    await as(p.owner, (tx) => changeRole(tx, w.orgA, p.approver3.id, 'approver'));
    expect(openOf(await tasks(v.sopId))).toContain(p.approver3.id); // back in: a new task
    // unassigning the role closes the rest
    await as(p.admin, (tx) => removeAssignment(tx, { orgId: w.orgA, sopId: v.sopId, assignmentId: approverRole.id }));
    expect(openOf(await tasks(v.sopId))).toEqual([]);
    const events = await t.asService((tx) => tx.query<{ action: string }>("select action from public.audit_events where org_id = $1 and action like 'training.%' and data ->> 'sop_id' = $2", [w.orgA, v.sopId]));
    expect(new Set(events.map((e) => e.action))).toEqual(new Set(['training.assigned', 'training.unassigned', 'training.task_created', 'training.task_closed']));
  });

  it('owners and admins set departments (an owner’s too, audited with a department key); others cannot; a removed member drops out of the status, their acknowledgement stays', async () => {
    const p = w.people;
    await as(p.admin, (tx) => setMemberDepartment(tx, w.orgA, p.owner.id, '  Quality  '));
    expect((await as(p.viewer, (tx) => listMembers(tx, w.orgA))).find((m) => m.userId === p.owner.id)!.department).toBe('Quality');
    const [ev] = await t.asService((tx) =>
      tx.query<{ data: { department: { old: string; new: string } } }>("select data from public.audit_events where org_id = $1 and action = 'member.role_changed' and data ? 'department' order by seq desc limit 1", [w.orgA]),
    );
    expect(ev!.data.department).toEqual({ old: '', new: 'Quality' });
    expect((await refusal(as(p.admin, (tx) => changeRole(tx, w.orgA, p.owner.id, 'viewer')))).status).toBe(403); // the role stays guarded
    expect((await refusal(as(p.author, (tx) => setMemberDepartment(tx, w.orgA, p.viewer.id, 'X')))).status).toBe(403);
    expect((await refusal(as(p.other_org, (tx) => setMemberDepartment(tx, w.orgA, p.viewer.id, 'X')))).status).toBe(403);

    const leaver = await createUser(t, `leaver-${Date.now()}@dc.test`);
    await t.asService((tx) => tx.query("update public.profiles set full_name = 'Lee Leaver' where id = $1", [leaver.id]));
    await t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role, department) values ($1, $2, 'viewer', 'Quality')", [w.orgA, leaver.id]));
    const v = await newVersion(t, w);
    await assign(v, { kind: 'department', department: 'quality' });
    await makeEffective(t, w, v);
    const a = await ack({ id: leaver.id, email: leaver.email, name: 'Lee Leaver' }, v);
    await t.asService((tx) => tx.query('delete from public.memberships where org_id = $1 and user_id = $2', [w.orgA, leaver.id]));
    const st = await as(p.admin, (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v.sopId }));
    expect(st.people.map((x) => x.userId)).toEqual([p.owner.id]);
    const kept = await as(p.admin, (tx) => tx.query<{ signer_name: string }>('select g.signer_name from public.training_acknowledgements k join public.sop_signatures g on g.id = k.signature_id where k.signature_id = $1', [a.signatureId]));
    expect(kept).toEqual([{ signer_name: 'Lee Leaver' }]);
  });

  it('two tabs signing at once: one signature, the other answered 409', async () => {
    const p = w.people;
    const v = await newVersion(t, w);
    await assign(v, { kind: 'person', userId: p.author.id });
    await makeEffective(t, w, v);
    const both = await Promise.allSettled([ack(p.author, v), ack(p.author, v)]);
    expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect((failed.reason as { status: number }).status).toBe(409);
    const [{ n }] = (await t.asService((tx) => tx.query<{ n: number }>("select count(*)::int as n from public.sop_signatures where version_id = $1 and meaning = 'read_understood'", [v.versionId]))) as [{ n: number }];
    expect(n).toBe(1);
  });

  it('refuses acknowledgements: nothing to acknowledge 409, a changed hash 409, not the effective version 409, another org 404, locked 423, TOTP when enrolled', async () => {
    const p = w.people;
    const v1 = await newVersion(t, w);
    await assign(v1, { kind: 'person', userId: p.approver2.id });
    expect((await refusal(as(p.approver2, (tx) => versionToAcknowledge(tx, { orgId: w.orgA, sopId: v1.sopId })))).status).toBe(409); // not effective yet
    expect((await refusal(ack(p.approver2, v1))).status).toBe(409);
    await makeEffective(t, w, v1);
    expect((await refusal(ack(p.viewer, v1))).status).toBe(409); // no task
    expect((await refusal(as(p.viewer, (tx) => signingPrecheck(tx, { ...v1, meaning: 'read_understood' })))).status).toBe(409);
    const wrongHash = await refusal(signed(t, p.approver2, (tx) => refusalsMapped(() => tx.query('select private.acknowledge_sop($1, $2)', [v1.versionId, contentHash({ other: true })]))));
    expect(wrongHash.status).toBe(409);
    expect(wrongHash.message).toMatch(/not the co/);
    expect((await refusal(ack(p.other_org, v1))).status).toBe(404);
    expect((await refusal(t.withUser(sessionClaims(p.other_org), (tx) => sopTraining(tx, { orgId: w.orgA, sopId: v1.sopId })))).status).toBe(404);
    expect((await refusal(ack(p.approver2, { ...v1, orgId: w.orgB }))).status).toBe(404);
    expect((await refusal(t.withUser(sessionClaims(p.approver2), (tx) => acknowledge(tx, v1)))).status).toBe(401); // no fresh password

    // a superseded version is not acknowledged
    const v2 = await nextVersion(t, w, v1);
    await makeEffective(t, w, v2, 'minor');
    expect((await refusal(ack(p.approver2, v1))).status).toBe(409);

    // locked after repeated failures
    const v3 = await newVersion(t, w);
    await assign(v3, { kind: 'person', userId: p.approver3.id });
    await makeEffective(t, w, v3);
    for (let i = 0; i < 5; i++) await as(p.approver3, (tx) => tx.query("select * from private.record_signing_failure($1, 'password')", [v3.versionId]));
    expect((await refusal(as(p.approver3, (tx) => signingPrecheck(tx, { ...v3, meaning: 'read_understood' })))).status).toBe(423);
    expect((await refusal(ack(p.approver3, v3))).status).toBe(423);
    // TOTP enrolled: the precheck asks for it, a password-only signature is refused
    await enrollTotp(t, p.approver2);
    expect((await as(p.approver2, (tx) => signingPrecheck(tx, { ...v2, meaning: 'read_understood' }))).factors).toContain('totp');
    expect((await refusal(ack(p.approver2, v2))).status).toBe(401);
    expect((await ack(p.approver2, v2, { totp: true })).authMethod).toBe('password+totp');

  });

});

describe('the training email job', () => {
  let jw: DcWorld;
  const outbox: EmailMessage[] = [];
  let refuse: (m: EmailMessage) => boolean = () => false;
  const ctx = (): JobContext => ({
    asService: t.asService,
    appUrl: 'https://app.example.test',
    sendEmail: async (m) => {
      if (refuse(m)) return false;
      outbox.push(m);
      return true;
    },
  });
  const mine = () => outbox.filter((m) => Object.values(jw.people).some((p) => p.email === m.to));
  const run = async () => {
    outbox.length = 0;
    await sendTrainingReminders(ctx());
    return mine().map((m) => `${m.to.split('-')[0]}: ${m.subject}`).sort();
  };

  beforeAll(async () => {
    jw = await createDcWorld(t, 'trj');
    await sendTrainingReminders({ ...ctx(), sendEmail: async () => true }); // the other tests' tasks, sent once
  });

  it('emails each new task once, retries a refused send, reminds once when overdue and escalates to owners and admins once per ISO week', async () => {
    const p = jw.people;
    const v = await newVersion(t, jw, 'Line clearance');
    await signed(t, p.admin, (tx) => addAssignment(tx, { orgId: jw.orgA, sopId: v.sopId }, { kind: 'role', role: 'approver' }));
    await makeEffective(t, jw, v);
    const [{ doc_number: doc }] = (await t.asService((tx) => tx.query<{ doc_number: string }>('select doc_number from public.sops where id = $1', [v.sopId]))) as [{ doc_number: string }];
    const [{ due }] = (await t.asService((tx) => tx.query<{ due: string }>("select to_char(min(due_at) at time zone 'UTC', 'YYYY-MM-DD') as due from public.training_tasks where sop_id = $1", [v.sopId]))) as [{ due: string }];

    refuse = (m) => m.to === p.approver3.email;
    const first = await run();
    expect(first).toEqual([
      `approver2: Read and understood: ${doc} Line clearance, revision 1.0, due ${due}`,
      `approver: Read and understood: ${doc} Line clearance, revision 1.0, due ${due}`,
    ].sort());
    const link = mine()[0]!;
    expect(link.text).toContain(`https://app.example.test/o/trj-a/sops/${v.sopId}`);
    expect(link.html).toContain(`href="https://app.example.test/o/trj-a/sops/${v.sopId}"`);
    refuse = () => false;
    expect(await run()).toEqual([`approver3: Read and understood: ${doc} Line clearance, revision 1.0, due ${due}`]); // the refused one, retried
    expect(await run()).toEqual([]); // nothing twice

    await signed(t, p.approver, (tx) => acknowledge(tx, v));
    await setClock(t, 15 * DAY);
    const late = await run();
    expect(late.filter((s) => s.includes('Overdue:'))).toEqual([
      `approver2: Overdue: read and understood ${doc} Line clearance, revision 1.0, was due ${due}`,
      `approver3: Overdue: read and understood ${doc} Line clearance, revision 1.0, was due ${due}`,
    ].sort());
    expect(late.filter((s) => s.includes('Overdue training'))).toEqual(['admin: Overdue training at Plant A: 2 acknowledgements', 'owner: Overdue training at Plant A: 2 acknowledgements']);
    const escalation = mine().find((m) => m.subject.startsWith('Overdue training'))!;
    expect(escalation.text).toContain(`Petra Approver: ${doc} Line clearance, revision 1.0, due ${due}`);
    expect(escalation.text).toContain('Priya Approver');
    expect(escalation.text).not.toContain('Paul Approver');
    expect(await run()).toEqual([]); // same week: nothing again
    await setClock(t, 22 * DAY);
    expect(await run()).toEqual(['admin: Overdue training at Plant A: 2 acknowledgements', 'owner: Overdue training at Plant A: 2 acknowledgements']); // the next ISO week
  });

  it('escapes names and titles in the HTML', async () => {
    const p = jw.people;
    await t.asService((tx) => tx.query("update public.profiles set full_name = '<b>Bold</b> & Co' where id = $1", [p.viewer.id]));
    const v = await newVersion(t, jw, 'Mix <script>alert(1)</script>');
    await signed(t, p.admin, (tx) => addAssignment(tx, { orgId: jw.orgA, sopId: v.sopId }, { kind: 'person', userId: p.viewer.id }));
    await makeEffective(t, jw, v);
    await run();
    const m = mine().find((x) => x.to === p.viewer.email)!;
    expect(m.html).toContain('Mix &lt;script&gt;');
    expect(m.html).not.toContain('<script>');
  });
});
