/**
 * 21 CFR 11.100(a): a signature belongs to one person for good. Deleting an account the way
 * the app does it (Account → Delete: private.delete_my_account(), then the purge job erases
 * the auth user 30 days later) leaves every signature row readable with the printed name and
 * email as signed, the author's versions intact, and the trail names the removed member.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteMyAccount } from '@/lib/account/service';
import { signaturesOf, signVersion, submitVersion } from '@/lib/document-control/service';
import { purgeDeletedAccounts } from '@/lib/jobs/purge';
import { listVersions } from '@/lib/sops/service';
import { createDcWorld, newVersion, sessionClaims, signed, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'outlive');
});
afterAll(async () => {
  await t?.close();
});

describe('signatures outlive their signers (11.100(a))', () => {
  it('keeps a deleted and purged signer’s signature readable with the printed name, and never reuses the id', async () => {
    const p = w.people;
    const ref = await newVersion(t, w);
    await signed(t, p.author, (tx) => submitVersion(tx, { ...ref, revisionKind: 'major', reason: 'First issue', reviewers: [p.approver.id], approvers: [p.approver2.id] }));
    await signed(t, p.approver, (tx) => signVersion(tx, { ...ref, meaning: 'reviewed' }));

    // The reviewer and the author delete their accounts; the purge job runs after 30 days.
    await t.withUser(sessionClaims(p.approver), (tx) => deleteMyAccount(tx));
    await t.withUser(sessionClaims(p.author), (tx) => deleteMyAccount(tx));
    const later = new Date(Date.now() + 31 * 24 * 3600 * 1000);
    const { purged } = await purgeDeletedAccounts(t.asService, later);
    expect(purged).toBe(2);
    expect(await t.asService((tx) => tx.query('select 1 from auth.users where id in ($1, $2)', [p.approver.id, p.author.id]))).toEqual([]);

    const sigs = await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref));
    expect(sigs.map((s) => [s.meaning, s.signerName, s.signerEmail, s.signerId])).toEqual([
      ['authored', p.author.name, p.author.email, p.author.id],
      ['reviewed', p.approver.name, p.approver.email, p.approver.id],
    ]);
    expect(sigs.every((s) => s.valid)).toBe(true);
    const versions = await t.withUser(claimsFor(p.viewer.id), (tx) => listVersions(tx, w.orgA, ref.sopId));
    expect(versions.map((v) => v.id)).toContain(ref.versionId);

    // The removal is in the trail with the person's name as it was.
    const removed = await t.withUser(claimsFor(p.owner.id), (tx) =>
      tx.query<{ data: { person?: { name: string } } }>("select data from public.audit_events where org_id = $1 and action = 'member.removed' and target_type = 'memberships' order by seq", [w.orgA]),
    );
    expect(removed.map((r) => r.data.person?.name).sort()).toEqual([p.approver.name, p.author.name].sort());
    expect(await t.asService((tx) => tx.query<{ v: bigint | null }>('select private.verify_audit_chain($1) as v', [w.orgA]))).toEqual([{ v: null }]);

    // A new account can never take an erased account's id (tombstoned in private.retired_users).
    await expect(t.asService((tx) => tx.query("insert into auth.users (id, email) values ($1, 'again@dc.test')", [p.approver.id]))).rejects.toThrow(/never reused/);
    const sigsAfter = await t.withUser(claimsFor(p.viewer.id), (tx) => signaturesOf(tx, ref));
    expect(sigsAfter[1]!.signerName).toBe(p.approver.name);
  });
});
