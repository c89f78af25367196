/**
 * The audit trail as an inspector reads it (lib/audit/service.ts): events in words with
 * people's names, filters (SOP, person, action or group, dates) and keyset pages by seq, RLS
 * (another organization's members and roles without audit.read see nothing), the export
 * audited in its own transaction and verifiable offline from the exported fields, and the
 * access report (who held which role, from when to when).
 */
import { exportPKCS8, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessReport, allAuditEvents, listAuditEvents, recordAuditExport } from '@/lib/audit/service';
import { verifyAuditExport } from '@/lib/audit/verify';
import { recordFailedSignature, signVersion, submitVersion, type VersionRef } from '@/lib/document-control/service';
import { changeRole, removeMember } from '@/lib/orgs/service';
import { createDcWorld, newVersion, sessionClaims, signed, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

let t: TestDb;
let w: DcWorld;
let ref: VersionRef;
let other: VersionRef;
let renderAuditCsv: typeof import('@/lib/audit/export').renderAuditCsv;

const owner = () => sessionClaims(w.people.owner);

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  process.env.AUDIT_SIGNING_KEY = await exportPKCS8(privateKey);
  ({ renderAuditCsv } = await import('@/lib/audit/export'));
  t = await createTestDb();
  w = await createDcWorld(t, 'audit');
  const p = w.people;
  ref = await newVersion(t, w, 'Line clearance');
  other = await newVersion(t, w, 'Glass breakage');
  await signed(t, p.author, (tx) => submitVersion(tx, { ...ref, revisionKind: 'major', reason: 'First issue', reviewers: [p.approver.id], approvers: [p.approver2.id] }));
  await t.withUser(sessionClaims(p.approver), (tx) => recordFailedSignature(tx, { ...ref, method: 'password' }));
  await signed(t, p.approver, (tx) => signVersion(tx, { ...ref, meaning: 'reviewed' }));
  await signed(t, p.approver2, (tx) => signVersion(tx, { ...ref, meaning: 'approved' }));
  await t.withUser(owner(), (tx) => changeRole(tx, w.orgA, p.viewer.id, 'approver'));
  await t.withUser(owner(), (tx) => changeRole(tx, w.orgA, p.viewer.id, 'viewer'));
  await t.withUser(owner(), (tx) => removeMember(tx, w.orgA, p.approver3.id));
});
afterAll(async () => {
  await t?.close();
});

const all = (claims = owner(), f = {}) => t.withUser(claims, (tx) => allAuditEvents(tx, w.orgA, f));

describe('the audit trail an inspector reads', () => {
  it('tells each event in words with people’s names, SOP number, title and revision', async () => {
    const words = (await all()).map((e) => e.description);
    expect(words).toContain('Paul Approver reviewed SOP-0001 “Line clearance” version 1.0 and signed (password)');
    expect(words).toContain('Petra Approver approved SOP-0001 “Line clearance” version 1.0 (password)');
    expect(words).toContain('Failed signing attempt by Paul Approver on SOP-0001 “Line clearance” version 1.0: wrong password');
    expect(words).toContain('SOP-0001 “Line clearance” version 1.0 became effective (reason: “Approved”)');
    expect(words).toContain('Vera Viewer was given the role Approver (was Viewer) by Olivia Owner');
    expect(words).toContain('Priya Approver (Approver) was removed by Olivia Owner');
    expect(words).toContain('Ana Author submitted SOP-0001 “Line clearance” version 1.0 as a major revision (reason for change: “First issue”)');
    expect(words).toContain('Ana Author changed SOP-0001 “Line clearance”: current version changed');
    expect(words.join('\n')).not.toMatch(/undefined|null|\[object|[0-9a-f]{8}-[0-9a-f]{4}/);
  });

  it('filters by SOP, person, action, action group and dates', async () => {
    const bySop = await all(owner(), { sop: other.sopId });
    expect(bySop.length).toBeGreaterThan(0);
    expect(bySop.every((e) => e.sop?.id === other.sopId)).toBe(true);
    const byActor = await all(owner(), { actor: w.people.approver2.id });
    expect(byActor.length).toBeGreaterThan(0);
    expect(byActor.every((e) => e.actorId === w.people.approver2.id)).toBe(true);
    expect((await all(owner(), { action: 'signature.failed' })).map((e) => e.action)).toEqual(['signature.failed']);
    expect(new Set((await all(owner(), { action: 'signatures' })).map((e) => e.action))).toEqual(new Set(['signature.signed', 'signature.failed']));
    const everything = await all();
    const mid = everything[Math.floor(everything.length / 2)]!;
    const since = await all(owner(), { from: new Date(mid.createdAt) });
    expect(since.every((e) => e.createdAt >= mid.createdAt)).toBe(true);
    expect(since.length).toBeLessThan(everything.length);
    expect(await all(owner(), { to: new Date('2000-01-01T00:00:00Z') })).toEqual([]);
  });

  it('pages newest first by seq, each event once, with the limit', async () => {
    const everything = await all();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.withUser(owner(), (tx) => listAuditEvents(tx, w.orgA, { limit: 7, cursor }));
      expect(page.events.length).toBeLessThanOrEqual(7);
      seen.push(...page.events.map((e) => e.seq));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(everything.map((e) => e.seq).reverse());
  });

  it('shows nothing to another organization’s member or to a role without audit.read', async () => {
    expect(await all(sessionClaims(w.people.other_org))).toEqual([]);
    expect(await all(sessionClaims(w.people.viewer))).toEqual([]);
    await expect(t.withUser(sessionClaims(w.people.viewer), (tx) => recordAuditExport(tx, w.orgA, 'csv', {}))).rejects.toThrow(/cannot read the audit trail/);
    await expect(t.withUser(sessionClaims(w.people.other_org), (tx) => recordAuditExport(tx, w.orgA, 'csv', {}))).rejects.toThrow(/cannot read the audit trail/);
  });

  it('audits the export in its own transaction, and the exported fields verify offline byte for byte', async () => {
    const { head, events } = await t.withUser(owner(), async (tx) => {
      const head = await recordAuditExport(tx, w.orgA, 'csv', {});
      return { head, events: await allAuditEvents(tx, w.orgA) };
    });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ seq: head.seq, hash: head.hash, action: 'audit.exported', actorId: w.people.owner.id });
    expect(last.description).toBe('Olivia Owner exported the audit trail as CSV data');
    expect(events[0]!.prevHash).toBe('');
    expect(last.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const csv = await renderAuditCsv(events, { orgId: w.orgA, ...head }, 'complete');
    const result = await verifyAuditExport(csv);
    expect(result.status, result.message).toBe('intact');
    expect(await t.asService((tx) => tx.query<{ v: unknown }>('select private.verify_audit_chain($1) as v', [w.orgA]))).toEqual([{ v: null }]);
  });

  it('the access report says who held which role from when to when, removed members by name', async () => {
    const periods = await t.withUser(owner(), (tx) => accessReport(tx, w.orgA));
    const vera = periods.filter((p) => p.userId === w.people.viewer.id);
    expect(vera.map((p) => [p.role, p.to === null, p.name])).toEqual([
      ['viewer', false, 'Vera Viewer'],
      ['approver', false, 'Vera Viewer'],
      ['viewer', true, 'Vera Viewer'],
    ]);
    expect(vera[0]!.ended).toBe('role changed to Approver by Olivia Owner');
    const priya = periods.filter((p) => p.userId === w.people.approver3.id);
    expect(priya).toMatchObject([{ role: 'approver', name: 'Priya Approver', ended: 'removed by Olivia Owner' }]);
    expect(priya[0]!.to).not.toBeNull();
    expect(periods.find((p) => p.userId === w.people.owner.id)).toMatchObject({ role: 'owner', to: null });
    expect(await t.withUser(sessionClaims(w.people.viewer), (tx) => accessReport(tx, w.orgA))).toEqual([]);
  });

  it('keeps seq in chain order (seq is taken under the chain lock)', async () => {
    const rows = await t.asService((tx) => tx.query<{ seq: string; prev_hash: string; hash: string }>('select seq::text as seq, prev_hash, hash from public.audit_events a where org_id = $1 order by a.seq', [w.orgA]));
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    void claimsFor;
  });
});
