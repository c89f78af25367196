/**
 * Document-control fixtures: an organization with one person per role (each with a printed
 * name, which signing requires), a stranger in another organization, complete versions to
 * route, claims carrying a fresh re-authentication, and the test clock.
 */
import { expect } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import type { Tx } from '@/lib/db/types';
import { signVersion, submitVersion, type VersionRef } from '@/lib/document-control/service';
import { AppError } from '@/lib/errors';
import { prepareContent } from '@/lib/sops/prepare';
import { createSop, createVersion } from '@/lib/sops/service';
import { clockFunctionSql } from '@/lib/test-clock';
import { claimsFor, createUser, type TestDb } from './test-db';

export interface Person {
  id: string;
  email: string;
  name: string;
}

export const ORG_ROLES = ['owner', 'admin', 'author', 'approver', 'viewer'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];

export interface DcWorld {
  orgA: string;
  orgB: string;
  people: Record<OrgRole | 'approver2' | 'approver3' | 'other_org', Person>;
}

async function person(t: TestDb, key: string, name: string): Promise<Person> {
  const u = await createUser(t, `${key}-${Math.random().toString(36).slice(2, 8)}@dc.test`);
  await t.asService((tx) => tx.query('update public.profiles set full_name = $2 where id = $1', [u.id, name]));
  return { ...u, name };
}

/** Org A: owner, admin, author, approver (+ two more approvers), viewer; org B: a stranger. */
export async function createDcWorld(t: TestDb, slug: string): Promise<DcWorld> {
  const people = {
    owner: await person(t, 'owner', 'Olivia Owner'),
    admin: await person(t, 'admin', 'Adam Admin'),
    author: await person(t, 'author', 'Ana Author'),
    approver: await person(t, 'approver', 'Paul Approver'),
    approver2: await person(t, 'approver2', 'Petra Approver'),
    approver3: await person(t, 'approver3', 'Priya Approver'),
    viewer: await person(t, 'viewer', 'Vera Viewer'),
    other_org: await person(t, 'stranger', 'Sam Stranger'),
  };
  const orgA = (await t.withUser(claimsFor(people.owner.id), (tx) => tx.query<{ id: string }>('select id from private.create_organization($1, $2)', ['Plant A', `${slug}-a`])))[0]!.id;
  const orgB = (await t.withUser(claimsFor(people.other_org.id), (tx) => tx.query<{ id: string }>('select id from private.create_organization($1, $2)', ['Plant B', `${slug}-b`])))[0]!.id;
  await t.asService(async (tx) => {
    for (const [key, role] of [['admin', 'admin'], ['author', 'author'], ['approver', 'approver'], ['approver2', 'approver'], ['approver3', 'approver'], ['viewer', 'viewer']] as const) {
      await tx.query('insert into public.memberships (org_id, user_id, role) values ($1, $2, $3)', [orgA, people[key].id, role]);
    }
  });
  return { orgA, orgB, people };
}

/** The database clock (private.clock()) in whole seconds, as an amr timestamp. */
export async function dbNow(t: TestDb): Promise<number> {
  const [row] = await t.asService((tx) => tx.query<{ now: number }>('select floor(extract(epoch from private.clock()))::int as now'));
  return Number(row!.now);
}

/** Claims as a password grant (and, with totp, an MFA verify) just now would give them. */
export function reauthClaims(p: Person, now: number, opts: { totp?: boolean; passwordAt?: number } = {}) {
  const amr = [{ method: 'password', timestamp: opts.passwordAt ?? now }];
  if (opts.totp) amr.unshift({ method: 'totp', timestamp: now });
  return claimsFor(p.id, { email: p.email, amr, aal: opts.totp ? 'aal2' : 'aal1' });
}

/** Run fn as p with a fresh password re-authentication (committed). */
export async function signed<T>(t: TestDb, p: Person, fn: (tx: Tx) => Promise<T>, opts: { totp?: boolean } = {}): Promise<T> {
  return t.withUser(reauthClaims(p, await dbNow(t), opts), fn);
}

/** Claims of an ordinary session: signed in a while ago, no fresh password. */
export const sessionClaims = (p: Person) => claimsFor(p.id, { email: p.email, amr: [{ method: 'password', timestamp: 1_700_000_000 }] });

/**
 * Move the database clock by `seconds` from real time (0 puts it back). Test-only: it
 * replaces private.clock() in this throwaway database; the migration's version is plain
 * clock_timestamp().
 */
export async function setClock(t: TestDb, seconds: number): Promise<void> {
  await t.asService((tx) => tx.query(clockFunctionSql(seconds)));
}

let titles = 0;

/** A new SOP with one complete version, saved by the author. */
export async function newVersion(t: TestDb, w: DcWorld, title = `Line clearance ${++titles}`): Promise<VersionRef> {
  const content = prepareContent(draftOffline({ title, processDescription: '1. Operator clears the line\n2. QA verifies the clearance and records it', frameworks: ['HACCP'] }));
  return t.withUser(claimsFor(w.people.author.id, { email: w.people.author.email }), async (tx) => {
    const sop = await createSop(tx, { orgId: w.orgA, userId: w.people.author.id, title });
    const v = await createVersion(tx, { orgId: w.orgA, sopId: sop.id, authorId: w.people.author.id, content, source: 'manual' });
    return { orgId: w.orgA, sopId: sop.id, versionId: v.id };
  });
}

/** A further complete version of the same SOP (a revision), saved by the author. */
export async function nextVersion(t: TestDb, w: DcWorld, ref: VersionRef, change = 'Adds a second check'): Promise<VersionRef> {
  const content = prepareContent(draftOffline({ title: 'Revision', processDescription: `1. Operator clears the line\n2. ${change}\n3. QA records it`, frameworks: ['HACCP'] }));
  return t.withUser(claimsFor(w.people.author.id, { email: w.people.author.email }), async (tx) => {
    const v = await createVersion(tx, { orgId: ref.orgId, sopId: ref.sopId, authorId: w.people.author.id, content, source: 'manual', changeSummary: change });
    return { orgId: ref.orgId, sopId: ref.sopId, versionId: v.id };
  });
}

/** Give p a verified TOTP factor (as the emulator's enroll + verify would leave it). */
export async function enrollTotp(t: TestDb, p: Person): Promise<void> {
  await t.asService((tx) =>
    tx.query("insert into auth.mfa_factors (id, user_id, friendly_name, factor_type, status, secret) values (gen_random_uuid(), $1, 'phone', 'totp', 'verified', 'JBSWY3DPEHPK3PXP')", [p.id]),
  );
}

class Rollback extends Error {
  constructor(readonly value: unknown) {
    super('rollback');
  }
}

/** Run fn in a transaction that is rolled back afterwards; returns its value or its error. */
export async function attempt<T>(t: TestDb, claims: Parameters<TestDb['withUser']>[0], fn: (tx: Tx) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  try {
    await t.withUser(claims, async (tx) => {
      throw new Rollback(await fn(tx));
    });
    throw new Error('unreachable');
  } catch (err) {
    if (err instanceof Rollback) return { ok: true, value: err.value as T };
    return { ok: false, error: err };
  }
}

/** The AppError (or the given subclass) the work is refused with; the test fails when it succeeds or throws anything else. */
export async function refusal<E extends AppError = AppError>(work: Promise<unknown>, type: abstract new (...args: never[]) => E = AppError as never): Promise<E> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(type);
  return err as E;
}

/** Submit ref (no reviewers, approver2 approves) and sign it: effective now (1.0, or the next major/minor label). */
export async function makeEffective(t: TestDb, w: DcWorld, ref: VersionRef, kind: 'major' | 'minor' = 'major'): Promise<VersionRef> {
  await signed(t, w.people.author, (tx) =>
    submitVersion(tx, { ...ref, revisionKind: kind, reason: kind === 'major' ? 'New issue of the procedure' : 'Wording corrected', reviewers: [], approvers: [w.people.approver2.id] }),
  );
  await signed(t, w.people.approver2, (tx) => signVersion(tx, { ...ref, meaning: 'approved' }));
  return ref;
}
