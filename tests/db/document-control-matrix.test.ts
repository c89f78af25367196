/**
 * 21 CFR 11.10(f) "operational system checks to enforce permitted sequencing of steps":
 * every state of a version × every action × every role. Each state is built once; each cell
 * runs its action in a transaction that is rolled back, with a fresh password
 * re-authentication in the claims (so a refusal is about role and order, never about
 * re-authentication), and expects either success — and the state it leads to — or a
 * refusal with its HTTP status: 404 for another organization, 403 for a role or assignment
 * that does not allow it, 409 for the wrong state.
 *
 * Routing of every fixture: the author submits; reviewers and approvers are the owner, the
 * admin and the approver (without whoever submits), approvals "any 1".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import type { Tx } from '@/lib/db/types';
import {
  lifecycleOf,
  makeVersionEffective,
  obsoleteSop,
  signVersion,
  submitVersion,
  withdrawVersion,
  type VersionRef,
} from '@/lib/document-control/service';
import { attempt, createDcWorld, dbNow, newVersion, nextVersion, reauthClaims, setClock, signed, type DcWorld, type Person } from '../helpers/document-control';
import { createTestDb, type TestDb } from '../helpers/test-db';

const STATES = ['draft', 'in_review', 'in_approval', 'approved', 'approved_due', 'effective', 'superseded', 'rejected', 'withdrawn', 'obsolete'] as const;
type State = (typeof STATES)[number];
const ACTIONS = ['submit', 'review', 'approve', 'reject', 'withdraw', 'make_effective', 'obsolete'] as const;
type Action = (typeof ACTIONS)[number];
const ROLES = ['owner', 'admin', 'author', 'approver', 'viewer', 'other_org'] as const;
type Role = (typeof ROLES)[number];

const DESCRIBE: Record<State, string> = {
  draft: 'a draft',
  in_review: 'a version in review',
  in_approval: 'a version in approval',
  approved: 'an approved version whose effective date is ahead',
  approved_due: 'an approved version whose effective date has come',
  effective: 'the effective version',
  superseded: 'a superseded version',
  rejected: 'a rejected version',
  withdrawn: 'a withdrawn version',
  obsolete: 'the obsolete version of an obsolete SOP',
};

/** The rules, as the issue states them. */
const LEGAL_IN: Record<Action, readonly State[]> = {
  submit: ['draft', 'withdrawn'],
  review: ['in_review'],
  approve: ['in_approval'],
  reject: ['in_review', 'in_approval'],
  withdraw: ['in_review', 'in_approval', 'approved', 'approved_due'],
  make_effective: ['approved_due'],
  // nothing may be in flight; a SOP that is already obsolete stays so
  obsolete: ['draft', 'effective', 'superseded', 'rejected', 'withdrawn'],
};
const MAY: Record<Action, readonly Role[]> = {
  submit: ['owner', 'admin', 'author'],
  review: ['owner', 'admin', 'approver'],
  approve: ['owner', 'admin', 'approver'],
  reject: ['owner', 'admin', 'approver'],
  withdraw: ['owner', 'admin', 'author'], // the author as the submitter; owners and admins control documents
  make_effective: ['owner', 'admin'],
  obsolete: ['owner', 'admin'],
};
/** What a legal action leaves: the version's state (the SOP's status for obsolete). */
const LEADS_TO: Record<Action, string> = {
  submit: 'in_review',
  review: 'in_review',
  approve: 'effective',
  reject: 'rejected',
  withdraw: 'withdrawn',
  make_effective: 'effective',
  obsolete: 'sop obsolete',
};

function expected(state: State, action: Action, role: Role): 'ok' | 403 | 404 | 409 {
  if (role === 'other_org') return 404;
  if (!MAY[action].includes(role)) return 403;
  return LEGAL_IN[action].includes(state) ? 'ok' : 409;
}

let t: TestDb;
let w: DcWorld;
const fixtures = {} as Record<State, VersionRef>;
const people = (): Record<Role, Person> => w.people;
const routingWithout = (submitter: Person) => [w.people.owner, w.people.admin, w.people.approver].filter((x) => x.id !== submitter.id).map((x) => x.id);

async function submit(ref: VersionRef, effectiveInSeconds?: number) {
  const effectiveFrom = effectiveInSeconds === undefined ? null : new Date(((await dbNow(t)) + effectiveInSeconds) * 1000);
  const routing = routingWithout(w.people.author);
  await signed(t, w.people.author, (tx) =>
    submitVersion(tx, { ...ref, revisionKind: 'major', reason: 'Matrix', reviewers: routing, approvers: routing, approvalRule: 'any', approvalsRequired: 1, effectiveFrom }),
  );
}
const sign = (ref: VersionRef, by: Person, meaning: 'reviewed' | 'approved' | 'rejected') => signed(t, by, (tx) => signVersion(tx, { ...ref, meaning, comment: meaning === 'rejected' ? 'Unclear' : '' }));
async function reviewAll(ref: VersionRef) {
  for (const r of [w.people.owner, w.people.admin, w.people.approver]) await sign(ref, r, 'reviewed');
}
async function toEffective(ref: VersionRef) {
  await submit(ref);
  await reviewAll(ref);
  await sign(ref, w.people.approver, 'approved');
}

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'matrix');
  const own = async (s: State) => (fixtures[s] = await newVersion(t, w, `Matrix ${s}`));
  await own('draft');
  await submit(await own('in_review'));
  await submit(await own('in_approval'));
  await reviewAll(fixtures.in_approval);
  // "ahead" stays ahead after the clock moves an hour; "has come" is then past
  for (const [s, ahead] of [['approved', 7 * 24 * 3600], ['approved_due', 60]] as const) {
    await submit(await own(s), ahead);
    await reviewAll(fixtures[s]);
    await sign(fixtures[s], w.people.approver, 'approved');
  }
  await toEffective(await own('effective'));
  await toEffective(await own('superseded'));
  await toEffective(await nextVersion(t, w, fixtures.superseded));
  await submit(await own('rejected'));
  await sign(fixtures.rejected, w.people.owner, 'rejected');
  await submit(await own('withdrawn'));
  await signed(t, w.people.author, (tx) => withdrawVersion(tx, { ...fixtures.withdrawn, reason: 'Matrix' }));
  await toEffective(await own('obsolete'));
  await signed(t, w.people.owner, (tx) => obsoleteSop(tx, { orgId: w.orgA, sopId: fixtures.obsolete.sopId, reason: 'Matrix' }));
  await setClock(t, 3600);
});
afterAll(async () => {
  await t?.close();
});

function act(action: Action, ref: VersionRef, actor: Person): (tx: Tx) => Promise<unknown> {
  switch (action) {
    case 'submit':
      return (tx) => submitVersion(tx, { ...ref, revisionKind: 'minor', reason: 'Matrix resubmission', reviewers: routingWithout(actor), approvers: routingWithout(actor), approvalRule: 'any' });
    case 'review':
      return (tx) => signVersion(tx, { ...ref, meaning: 'reviewed' });
    case 'approve':
      return (tx) => signVersion(tx, { ...ref, meaning: 'approved' });
    case 'reject':
      return (tx) => signVersion(tx, { ...ref, meaning: 'rejected', comment: 'Step 2 is unclear' });
    case 'withdraw':
      return (tx) => withdrawVersion(tx, { ...ref, reason: 'Routing error' });
    case 'make_effective':
      return (tx) => makeVersionEffective(tx, ref);
    case 'obsolete':
      return (tx) => obsoleteSop(tx, { orgId: ref.orgId, sopId: ref.sopId, reason: 'Process retired' });
  }
}

async function outcome(tx: Tx, action: Action, ref: VersionRef): Promise<string> {
  if (action === 'obsolete') {
    return `sop ${(await tx.query<{ status: string }>('select status from public.sops where id = $1', [ref.sopId]))[0]!.status}`;
  }
  return (await lifecycleOf(tx, ref)).state;
}

describe(`document-control transition matrix (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('has a fixture in every state it claims', async () => {
    for (const s of STATES) {
      const got = await t.withUser(reauthClaims(w.people.viewer, await dbNow(t)), (tx) => lifecycleOf(tx, fixtures[s]));
      expect(got.state, s).toBe(s === 'approved_due' ? 'approved' : s);
    }
  });

  const cells = STATES.flatMap((s) => ACTIONS.flatMap((a) => ROLES.map((r) => [s, a, r] as const)));
  const title = (s: State, a: Action, r: Role) => {
    const want = expected(s, a, r);
    const who = r === 'other_org' ? 'a member of another organization' : `the ${r}`;
    return want === 'ok' ? `${a} on ${DESCRIBE[s]} by ${who}: allowed, leads to ${LEADS_TO[a]}` : `${a} on ${DESCRIBE[s]} by ${who}: refused with ${want}`;
  };

  it.each(cells.map(([s, a, r]) => [title(s, a, r), s, a, r] as const))('%s', async (_name, state, action, role) => {
    const actor = people()[role];
    const ref = fixtures[state];
    const want = expected(state, action, role);
    const got = await attempt(t, reauthClaims(actor, await dbNow(t)), async (tx) => {
      await act(action, ref, actor)(tx);
      return outcome(tx, action, ref);
    });
    if (want === 'ok') {
      if (!got.ok) throw got.error;
      expect(got.value).toBe(LEADS_TO[action]);
    } else {
      expect(got.ok, 'should be refused').toBe(false);
      const error = (got as { error: unknown }).error;
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).status).toBe(want);
      expect((error as AppError).message.length).toBeGreaterThan(10);
    }
  });
});
