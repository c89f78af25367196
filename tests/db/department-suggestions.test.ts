/**
 * The departments New SOP suggests (lib/sops/departments.ts): those of the organization's
 * SOPs and of its review and approval defaults, each once, as typed; nothing of another
 * organization.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { setRoutingDefault } from '@/lib/document-control/routing-defaults';
import { departmentSuggestions } from '@/lib/sops/departments';
import { createSop } from '@/lib/sops/service';
import { createDcWorld, type DcWorld, type Person } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'depts');
});
afterAll(async () => {
  await t?.close();
});

const as = <T,>(u: Person, fn: (tx: Tx) => Promise<T>) => t.withUser(claimsFor(u.id, { email: u.email }), fn);

describe('department suggestions for New SOP', () => {
  it('lists the SOPs’ departments and those with defaults, each once, never the empty one', async () => {
    const p = w.people;
    await as(p.author, async (tx) => {
      for (const [title, department] of [['Line clearance', 'Production'], ['Swab test', 'QA  Lab'], ['Untitled area', ''], ['Second line', 'Production']] as const) {
        await createSop(tx, { orgId: w.orgA, userId: p.author.id, title, department });
      }
    });
    await as(p.admin, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Warehouse', reviewers: [p.approver.id], approvers: [p.approver2.id] }));
    await as(p.admin, (tx) => setRoutingDefault(tx, w.orgA, { department: 'Production', reviewers: [], approvers: [p.approver2.id] }));
    await as(p.admin, (tx) => setRoutingDefault(tx, w.orgA, { department: '', reviewers: [], approvers: [p.approver2.id] }));
    for (const reader of [p.author, p.viewer]) {
      expect(await as(reader, (tx) => departmentSuggestions(tx, w.orgA))).toEqual(['Production', 'QA  Lab', 'Warehouse']);
    }
  });

  it('shows another organization nothing', async () => {
    expect(await as(w.people.other_org, (tx) => departmentSuggestions(tx, w.orgA))).toEqual([]);
  });
});
