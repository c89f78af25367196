import { afterAll, beforeAll, expect, it } from 'vitest';
import { contentHash } from '@/lib/document-control/canonical';
import { createDcWorld, makeEffective, newVersion, nextVersion, setClock, signed, type DcWorld } from '../helpers/document-control';
import { createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'trs');
});
afterAll(async () => t?.close());

const tasks = (sopId: string) =>
  t.asService((tx) =>
    tx.query<{ assignee_id: string; major: number; closed: string | null; acked: boolean; reason: string }>(
      `select k.assignee_id, k.major, k.reason, c.reason as closed, exists (select 1 from public.training_acknowledgements a where a.task_id = k.id) as acked
         from public.training_tasks k left join public.training_task_closures c on c.task_id = k.id where k.sop_id = $1 order by k.created_at, k.assignee_id`,
      [sopId],
    ),
  );

it('smoke: department assignment, major/minor, acknowledgement, leaving, review schedule', async () => {
  const v1 = await newVersion(t, w);
  await t.asService((tx) => tx.query("update public.memberships set department = 'Packaging' where user_id = any($1)", [[w.people.viewer.id, w.people.approver3.id]]));
  await signed(t, w.people.admin, (tx) => tx.query("insert into public.training_assignments (sop_id, kind, department) values ($1, 'department', 'packaging')", [v1.sopId]));
  expect(await tasks(v1.sopId)).toEqual([]);
  await makeEffective(t, w, v1);
  expect((await tasks(v1.sopId)).length).toBe(2);
  const [ver] = await t.asService((tx) => tx.query<{ content: unknown }>('select content from public.sop_versions where id = $1', [v1.versionId]));
  const hash = contentHash(ver!.content as never);
  await signed(t, w.people.viewer, (tx) => tx.query('select private.acknowledge_sop($1, $2)', [v1.versionId, hash]));
  expect((await tasks(v1.sopId)).filter((k) => k.acked).length).toBe(1);
  const v2 = await nextVersion(t, w, v1);
  await makeEffective(t, w, v2, 'minor');
  expect((await tasks(v1.sopId)).length).toBe(2);
  const v3 = await nextVersion(t, w, v1, 'Third');
  await makeEffective(t, w, v3, 'major');
  const after = await tasks(v1.sopId);
  expect(after.length).toBe(4);
  expect(after.filter((k) => k.closed === 'superseded').length).toBe(1);
  await t.asService((tx) => tx.query('delete from public.memberships where user_id = $1 and org_id = $2', [w.people.approver3.id, w.orgA]));
  const left = await tasks(v1.sopId);
  expect(left.filter((k) => k.closed === 'left').length).toBe(1);
  expect(left.filter((k) => k.acked).length).toBe(1);
  const [sched] = await t.asService((tx) => tx.query<{ next_review_at: Date; interval_months: number }>('select * from public.sop_review_schedule where sop_id = $1', [v1.sopId]));
  expect(sched!.interval_months).toBe(24);
  expect(sched!.next_review_at).toBeInstanceOf(Date);
  const status = await signed(t, w.people.viewer, (tx) => tx.query<{ user_id: string; status: string }>('select user_id, status from public.training_status where sop_id = $1 order by status', [v1.sopId]));
  expect(status.find((r) => r.user_id === w.people.viewer.id)!.status).toBe('pending');
  expect(status.find((r) => r.user_id === w.people.approver3.id)).toBeUndefined();
  expect(status.filter((r) => r.status === 'not_assigned').length).toBe(5);
  await setClock(t, 15 * 86400);
  const later = await signed(t, w.people.viewer, (tx) => tx.query<{ user_id: string; status: string }>('select user_id, status from public.training_status where sop_id = $1', [v1.sopId]));
  expect(later.find((r) => r.user_id === w.people.viewer.id)!.status).toBe('overdue');
  await setClock(t, 0);
});
