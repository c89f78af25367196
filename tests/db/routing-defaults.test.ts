/**
 * Review and approval defaults per department (public.routing_defaults and
 * lib/document-control/routing-defaults.ts) under RLS: members read them, owners and admins
 * (sops.control) write them, another organization sees nothing, every change is audited, and
 * only members whose role may approve can be named.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { listRoutingDefaults, removeRoutingDefault, routingDefaultFor, setRoutingDefault } from '@/lib/document-control/routing-defaults';
import { createDcWorld, refusal, type DcWorld, type Person } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let p: DcWorld['people'];

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'routing');
  p = w.people;
});
afterAll(async () => {
  await t?.close();
});

const as = <T,>(u: Person, fn: (tx: Tx) => Promise<T>) => t.withUser(claimsFor(u.id, { email: u.email }), fn);
const events = (action: string) =>
  t.asService((tx) => tx.query<{ actor_id: string; data: { department: string; reviewers: string[]; approvers: string[] } }>('select actor_id, data from public.audit_events where org_id = $1 and action = $2 order by seq', [w.orgA, action]));


describe('routing defaults', () => {
  it('an admin sets them, every member reads them, and the trail says who set what', async () => {
    expect(await as(p.admin, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Production', reviewers: [p.approver.id], approvers: [p.approver2.id, p.owner.id] }))).toBe('saved');
    for (const reader of [p.owner, p.author, p.approver, p.viewer]) {
      const [d, ...more] = await as(reader, (tx) => listRoutingDefaults(tx, w.orgA));
      expect(more).toEqual([]);
      expect(d).toMatchObject({ department: 'Production', reviewers: [p.approver.id], approvers: [p.approver2.id, p.owner.id] });
    }
    const [row] = await t.asService((tx) => tx.query<{ updated_by: string }>('select updated_by from public.routing_defaults where org_id = $1', [w.orgA]));
    expect(row!.updated_by).toBe(p.admin.id);
    const [ev] = await events('routing_defaults.set');
    expect(ev).toEqual({ actor_id: p.admin.id, data: { department: 'Production', reviewers: [p.approver.id], approvers: [p.approver2.id, p.owner.id] } });
  });

  it('another organization sees nothing and changes nothing', async () => {
    expect(await as(p.other_org, (tx) => listRoutingDefaults(tx, w.orgA))).toEqual([]);
    expect((await refusal(as(p.other_org, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Production', reviewers: [], approvers: [p.other_org.id] })))).code).toBe('validation_failed');
    await as(p.other_org, (tx) => removeRoutingDefault(tx, w.orgA, 'Production'));
    expect(await as(p.owner, (tx) => listRoutingDefaults(tx, w.orgA))).toHaveLength(1);
  });

  it('an author, an approver or a viewer cannot write them, through the service or directly', async () => {
    for (const who of [p.author, p.approver, p.viewer]) {
      const err = await refusal(as(who, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Production', reviewers: [], approvers: [who === p.approver ? p.approver.id : p.approver3.id] })));
      expect(err.code).toBe('forbidden');
      await expect(as(who, (tx) => tx.query("insert into public.routing_defaults (org_id, department) values ($1, 'Mine')", [w.orgA]))).rejects.toThrow();
      expect(await as(who, (tx) => tx.query("update public.routing_defaults set approvers = '{}' where org_id = $1 returning id", [w.orgA]))).toEqual([]);
      expect(await as(who, (tx) => tx.query('delete from public.routing_defaults where org_id = $1 returning id', [w.orgA]))).toEqual([]);
    }
    const [d] = await as(p.owner, (tx) => listRoutingDefaults(tx, w.orgA));
    expect(d!.approvers).toEqual([p.approver2.id, p.owner.id]);
  });

  it('names only members whose role may approve', async () => {
    for (const wrong of [p.author.id, p.viewer.id, p.other_org.id, '00000000-0000-4000-8000-000000000000']) {
      const err = await refusal(as(p.owner, (tx) => setRoutingDefault(tx, w.orgA, { department: 'QA', reviewers: [wrong], approvers: [p.approver.id] })));
      expect(err.code).toBe('validation_failed');
    }
  });

  it('applies the department entry, else the "any department" one, and removes an entry with nobody chosen', async () => {
    await as(p.owner, (tx) => setRoutingDefault(tx, w.orgA, { department: '', reviewers: [], approvers: [p.approver3.id] }));
    const all = await as(p.author, (tx) => listRoutingDefaults(tx, w.orgA));
    expect(all.map((d) => d.department)).toEqual(['', 'Production']);
    expect(routingDefaultFor(all, 'Production')!.approvers).toEqual([p.approver2.id, p.owner.id]);
    expect(routingDefaultFor(all, 'Warehouse')!.approvers).toEqual([p.approver3.id]);
    expect(routingDefaultFor(all, 'production')!.department).toBe('');
    expect(routingDefaultFor([], 'Production')).toBeNull();

    expect(await as(p.owner, (tx) => setRoutingDefault(tx, w.orgA, { department: '', reviewers: [], approvers: [] }))).toBe('removed');
    expect((await as(p.author, (tx) => listRoutingDefaults(tx, w.orgA))).map((d) => d.department)).toEqual(['Production']);
    const [removed] = await events('routing_defaults.removed');
    expect(removed).toEqual({ actor_id: p.owner.id, data: { department: '', reviewers: [], approvers: [p.approver3.id] } });
  });

  it('an unchanged save writes no event; a changed one writes one', async () => {
    const before = (await events('routing_defaults.set')).length;
    await as(p.admin, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Production', reviewers: [p.approver.id], approvers: [p.approver2.id, p.owner.id] }));
    expect(await events('routing_defaults.set')).toHaveLength(before);
    await as(p.admin, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Production', reviewers: [], approvers: [p.approver2.id] }));
    expect(await events('routing_defaults.set')).toHaveLength(before + 1);
  });
});
