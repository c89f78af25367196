/** Who must read a SOP (lib/training/assignments.ts): owners and admins assign, everyone reads, nobody outside sees them. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAssignment, listAssignments, removeAssignment } from '@/lib/training/assignments';
import { createDcWorld, newVersion, refusal, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'tas');
});
afterAll(async () => t?.close());

const as = <T>(who: keyof DcWorld['people'], fn: Parameters<TestDb['withUser']>[1]) => t.withUser(claimsFor(w.people[who].id), fn) as Promise<T>;

describe('training assignments', () => {
  it('an admin assigns a person, a role and a department; every member reads them; the admin removes one', async () => {
    const ref = await newVersion(t, w);
    const sop = { orgId: w.orgA, sopId: ref.sopId };
    await as('admin', (tx) => addAssignment(tx, sop, { kind: 'person', userId: w.people.viewer.id }));
    await as('owner', (tx) => addAssignment(tx, sop, { kind: 'role', role: 'approver' }));
    const dept = await as<{ id: string }>('admin', (tx) => addAssignment(tx, sop, { kind: 'department', department: '  Packaging ' }));
    const list = await as<Awaited<ReturnType<typeof listAssignments>>>('viewer', (tx) => listAssignments(tx, sop));
    expect(list.map((a) => [a.kind, a.personName ?? a.role ?? a.department])).toEqual([
      ['person', 'Vera Viewer'],
      ['role', 'approver'],
      ['department', 'Packaging'],
    ]);
    await as('admin', (tx) => removeAssignment(tx, { ...sop, assignmentId: dept.id }));
    expect((await as<unknown[]>('viewer', (tx) => listAssignments(tx, sop))).length).toBe(2);
  });

  it('refuses a lower role (403), a duplicate (409), a non-member (422), another org (404) and an unknown assignment (404)', async () => {
    const ref = await newVersion(t, w);
    const sop = { orgId: w.orgA, sopId: ref.sopId };
    expect((await refusal(as('author', (tx) => addAssignment(tx, sop, { kind: 'role', role: 'viewer' })))).status).toBe(403);
    await as('admin', (tx) => addAssignment(tx, sop, { kind: 'department', department: 'QA' }));
    expect((await refusal(as('admin', (tx) => addAssignment(tx, sop, { kind: 'department', department: 'qa ' })))).status).toBe(409);
    expect((await refusal(as('admin', (tx) => addAssignment(tx, sop, { kind: 'person', userId: w.people.other_org.id })))).status).toBe(422);
    expect((await refusal(as('other_org', (tx) => listAssignments(tx, { orgId: w.orgB, sopId: ref.sopId })))).status).toBe(404);
    expect((await refusal(as('admin', (tx) => removeAssignment(tx, { ...sop, assignmentId: '00000000-0000-4000-8000-000000000000' })))).status).toBe(404);
    expect((await refusal(as('viewer', (tx) => removeAssignment(tx, { ...sop, assignmentId: '00000000-0000-4000-8000-000000000000' })))).status).toBe(403);
  });
});
