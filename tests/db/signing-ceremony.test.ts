/**
 * The signing ceremony (lib/document-control/ceremony.ts) end to end on the database, with the
 * real auth emulator in process: supabase-js does the password grant and the TOTP challenge
 * against it, getClaims verifies the new token against its JWKS, and the database checks the
 * fresh amr. Only the client's fetch is pointed at the in-process emulator (the ceremony's one
 * optional parameter). Signers' ordinary sessions carry an old password amr, so a signature
 * that lands proves the ceremony's fresh claims were used.
 */
import { generateSync } from 'otplib';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { contentHash } from '@/lib/document-control/canonical';
import { DocumentControlError } from '@/lib/document-control/errors';
import { signaturesOf, submitVersion, type VersionRef } from '@/lib/document-control/service';
import { PASSWORD, authHarnessForFile } from '../helpers/auth-harness';
import { ceremonyWorld } from '../helpers/ceremony-world';
import { newVersion, refusal as refusalOf, sessionClaims, signed, type DcWorld, type Person } from '../helpers/document-control';

const h = authHarnessForFile();
const SLUG = 'ceremony';
let ceremony: typeof import('@/lib/document-control/ceremony');
let w: DcWorld;
let totpSecret: string;

const authClient = () => h.client();
const asUser = (p: Person): CurrentUser => ({ id: p.id, email: p.email, claims: sessionClaims(p), aal: 'aal1', hasMfa: false });
const wrongCode = () => (generateSync({ secret: totpSecret }) === '000000' ? '111111' : '000000');

beforeAll(async () => {
  // approver2 signs with an authenticator app as well as the password.
  ({ ceremony, w, totpSecret } = await ceremonyWorld(h, SLUG, 'approver2'));
});
beforeEach(() => {
  h.calls.length = 0;
});

/** A new version submitted by the author to the three approvers ("all must sign"). */
async function routed(): Promise<VersionRef> {
  const ref = await newVersion(h.t, w);
  const { approver, approver2, approver3 } = w.people;
  await signed(h.t, w.people.author, (tx) => submitVersion(tx, { ...ref, revisionKind: 'major', reason: 'First issue', reviewers: [], approvers: [approver.id, approver2.id, approver3.id] }));
  return ref;
}

const args = (ref: VersionRef, p: Person, extra: { password?: string; code?: string } = {}) => ({
  user: asUser(p),
  orgSlug: `${SLUG}-a`,
  sopId: ref.sopId,
  versionId: ref.versionId,
  meaning: 'approved' as const,
  password: PASSWORD,
  ...extra,
});

const refusal = (p: Promise<unknown>) => refusalOf(p, DocumentControlError);

const failuresOf = async (p: Person) =>
  Number((await h.t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.signing_failures where user_id = $1', [p.id])))[0]!.n);
const sessionsOf = (p: Person) => h.t.asService(async (tx) => (await tx.query<{ id: string }>('select id from auth.sessions where user_id = $1 order by id', [p.id])).map((r) => r.id));
const grants = () => h.calls.filter((c) => c === 'POST /auth/v1/token').length;

describe(`signing ceremony with the auth emulator (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('signs with the right password and records the signature with printed name, meaning and content hash', async () => {
    const ref = await routed();
    const { signature, lifecycle } = await ceremony.signWithCeremony(args(ref, w.people.approver), authClient);
    expect(grants()).toBe(1);
    expect(signature).toMatchObject({ signerId: w.people.approver.id, signerName: 'Paul Approver', signerEmail: w.people.approver.email, meaning: 'approved', authMethod: 'password', valid: true });
    expect(signature.contentHash).toBe(lifecycle.round!.contentHash);
    const [stored] = await h.t.asService((tx) => tx.query<{ content: unknown }>('select content from public.sop_versions where id = $1', [ref.versionId]));
    expect(signature.contentHash).toBe(contentHash(stored!.content));
    const all = await signed(h.t, w.people.viewer, (tx) => signaturesOf(tx, ref));
    expect(all.map((g) => [g.signerName, g.meaning, g.valid])).toEqual([
      ['Ana Author', 'authored', true],
      ['Paul Approver', 'approved', true],
    ]);
  });

  it('submits with the author’s password: the authored signature is made by the ceremony', async () => {
    const ref = await newVersion(h.t, w);
    const lifecycle = await ceremony.submitWithCeremony(
      { user: asUser(w.people.author), orgSlug: `${SLUG}-a`, sopId: ref.sopId, versionId: ref.versionId, password: PASSWORD, revisionKind: 'major', reason: 'First issue', reviewers: [w.people.approver.id], approvers: [w.people.approver3.id] },
      authClient,
    );
    expect(lifecycle.state).toBe('in_review');
    const all = await signed(h.t, w.people.viewer, (tx) => signaturesOf(tx, ref));
    expect(all.map((g) => [g.signerName, g.meaning, g.authMethod])).toEqual([['Ana Author', 'authored', 'password']]);
  });

  it('refuses a wrong password with 401 and counts it; the fifth failure locks signing (423) and emails the owners', async () => {
    const ref = await routed();
    const signer = w.people.approver3;
    for (let i = 1; i <= 4; i++) {
      const err = await refusal(ceremony.signWithCeremony(args(ref, signer, { password: `wrong password ${i}` }), authClient));
      expect([err.status, err.needs, err.message]).toEqual([401, 'password', 'The password is not correct. Nothing was signed; failed attempts are counted.']);
      expect(await failuresOf(signer)).toBe(i);
    }
    expect(await h.mails(w.people.owner.email, 'signing-lockout')).toEqual([]);

    const fifth = await refusal(ceremony.signWithCeremony(args(ref, signer, { password: 'wrong password 5' }), authClient));
    expect(fifth.status).toBe(423);
    expect(Number(fifth.headers['Retry-After'])).toBeGreaterThan(0);
    const [mail, ...more] = await h.mails(w.people.owner.email, 'signing-lockout');
    expect(more).toEqual([]);
    expect(mail!.subject).toBe('Signing locked for Priya Approver in Plant A');
    expect(mail!.text).toContain(signer.email);
    expect(await h.mails(w.people.admin.email, 'signing-lockout')).toEqual([]); // owners only

    // Locked: even the right password is refused before it reaches the auth server, and not counted.
    h.calls.length = 0;
    const locked = await refusal(ceremony.signWithCeremony(args(ref, signer), authClient));
    expect(locked.status).toBe(423);
    expect(grants()).toBe(0);
    expect(await failuresOf(signer)).toBe(5);
  });

  it('asks a TOTP-enrolled signer for the code and refuses a wrong one', async () => {
    const ref = await routed();
    const signer = w.people.approver2;
    const before = await failuresOf(signer);

    const noCode = await refusal(ceremony.signWithCeremony(args(ref, signer), authClient));
    expect([noCode.status, noCode.needs]).toEqual([401, 'totp']);
    expect(grants()).toBe(0); // asked for before the password is tried
    expect(await failuresOf(signer)).toBe(before);

    const wrong = await refusal(ceremony.signWithCeremony(args(ref, signer, { code: wrongCode() }), authClient));
    expect([wrong.status, wrong.needs, wrong.message]).toEqual([401, 'totp', 'The code from your authenticator app is not correct. Nothing was signed; failed attempts are counted.']);
    expect(await failuresOf(signer)).toBe(before + 1);

    const spaced = generateSync({ secret: totpSecret }).replace(/^(\d{3})/, '$1 '); // as authenticator apps show it
    const { signature } = await ceremony.signWithCeremony(args(ref, signer, { code: spaced }), authClient);
    expect([signature.signerName, signature.meaning, signature.authMethod]).toEqual(['Petra Approver', 'approved', 'password+totp']);
  });

  it('a viewer is refused with 403 before any password is checked (no failure recorded)', async () => {
    const ref = await routed();
    const err = await refusal(ceremony.signWithCeremony(args(ref, w.people.viewer, { password: 'not even the right one' }), authClient));
    expect(err.status).toBe(403);
    expect(h.calls).toEqual([]);
    expect(await failuresOf(w.people.viewer)).toBe(0);
  });

  it('is rate limited per user before the auth server is asked (429 with Retry-After)', async () => {
    const ref = await routed();
    const { getRateLimiter } = await import('@/lib/ratelimit');
    await getRateLimiter().check(ceremony.SIGNING_PER_USER, w.people.admin.id, ceremony.SIGNING_PER_USER.limit);
    const err = await ceremony.signWithCeremony(args(ref, w.people.admin), authClient).then(() => null, (e: unknown) => e as { status: number; headers: Record<string, string> });
    expect(err?.status).toBe(429);
    expect(Number(err?.headers['Retry-After'])).toBeGreaterThan(0);
    expect(h.calls).toEqual([]);
  });

  it('leaves no extra session behind (auth.sessions count unchanged)', async () => {
    const ref = await routed();
    // Each signer has an ordinary session of their own, which must survive the ceremony (the
    // TOTP user's at aal2, as the app requires: verifying a factor ends the user's aal1 sessions).
    for (const p of [w.people.approver, w.people.approver2]) {
      const c = h.client();
      expect((await c.auth.signInWithPassword({ email: p.email, password: PASSWORD })).error).toBeNull();
      if (p === w.people.approver2) {
        const factorId = (await c.auth.mfa.listFactors()).data!.totp[0]!.id;
        expect((await c.auth.mfa.challengeAndVerify({ factorId, code: generateSync({ secret: totpSecret }) })).error).toBeNull();
      }
    }
    const before = { approver: await sessionsOf(w.people.approver), approver2: await sessionsOf(w.people.approver2) };
    expect(before.approver.length).toBeGreaterThan(0);
    h.calls.length = 0;

    await ceremony.signWithCeremony(args(ref, w.people.approver), authClient); // signed
    await refusal(ceremony.signWithCeremony(args(ref, w.people.approver2, { code: wrongCode() }), authClient)); // password right, code wrong
    await ceremony.signWithCeremony(args(ref, w.people.approver2, { code: generateSync({ secret: totpSecret }) }), authClient); // aal2 session
    expect(grants()).toBe(3);
    expect(h.calls.filter((c) => c === 'POST /auth/v1/logout')).toHaveLength(3);
    expect({ approver: await sessionsOf(w.people.approver), approver2: await sessionsOf(w.people.approver2) }).toEqual(before);
  });
});
