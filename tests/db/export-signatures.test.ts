/**
 * The Word export shows document control as the database records it (21 CFR 11.50): a version
 * signed through the real ceremony (password re-entered against the auth emulator, one approver
 * with TOTP) becomes effective and is exported with "Effective <date>" in every page header and
 * the signatures (meaning, printed name, UTC time) on the approvals page; once a revision
 * supersedes it, its export is stamped SUPERSEDED. The default export is the effective version;
 * ?version= picks another one of the same SOP only. A version in review, a tampered signature
 * and the export cache are covered too.
 *
 * Set EXPORT_SAMPLES_DIR to keep the rendered .docx files (to look at them in LibreOffice).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { generateSync } from 'otplib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import type { Tx } from '@/lib/db/types';
import { signaturesOf, type VersionRef } from '@/lib/document-control/service';
import { renderSopDocxCached } from '@/lib/export/cache';
import { renderSopDocx } from '@/lib/export/docx';
import { loadCurrentExports, loadExportDocument, recordExport, type LoadedExport } from '@/lib/export/load';
import { PASSWORD, authHarnessForFile } from '../helpers/auth-harness';
import { ceremonyWorld } from '../helpers/ceremony-world';
import { newVersion, nextVersion, sessionClaims, type DcWorld, type Person } from '../helpers/document-control';
import { claimsFor } from '../helpers/test-db';

const h = authHarnessForFile();
const SLUG = 'exportsig';
let ceremony: typeof import('@/lib/document-control/ceremony');
let w: DcWorld;
let totpSecret: string;
let v1: VersionRef;
let v2: VersionRef;
const org = () => ({ id: w.orgA, name: 'Plant A' });

const asUser = (p: Person): CurrentUser => ({ id: p.id, email: p.email, claims: sessionClaims(p), aal: 'aal1', hasMfa: false });
const authClient = () => h.client();
const base = (ref: VersionRef, p: Person) => ({ user: asUser(p), orgSlug: `${SLUG}-a`, sopId: ref.sopId, versionId: ref.versionId, password: PASSWORD });

async function submit(ref: VersionRef, revisionKind: 'major' | 'minor', reason: string, reviewers: Person[], approvers: Person[]) {
  return ceremony.submitWithCeremony({ ...base(ref, w.people.author), revisionKind, reason, reviewers: reviewers.map((p) => p.id), approvers: approvers.map((p) => p.id) }, authClient);
}
async function sign(ref: VersionRef, p: Person, meaning: 'reviewed' | 'approved', code?: string) {
  return ceremony.signWithCeremony({ ...base(ref, p), meaning, ...(code && { code }) }, authClient);
}

const asViewer = <T>(fn: (tx: Tx) => Promise<T>) => h.t.withUser(claimsFor(w.people.viewer.id, { email: w.people.viewer.email }), fn);
const load = (ref: VersionRef | { sopId: string }, versionId?: string) => asViewer((tx) => loadExportDocument(tx, org(), ref.sopId, versionId));

/** The page header(s) and the body of the rendered file, as XML text. */
async function rendered(doc: LoadedExport, name?: string): Promise<{ header: string; body: string }> {
  const bytes = await renderSopDocx(doc, { estimatePageNumbers: false });
  if (name && process.env.EXPORT_SAMPLES_DIR) {
    mkdirSync(process.env.EXPORT_SAMPLES_DIR, { recursive: true });
    writeFileSync(path.join(process.env.EXPORT_SAMPLES_DIR, `${name}.docx`), await renderSopDocx(doc));
  }
  const files = unzipSync(new Uint8Array(bytes));
  const headers = Object.keys(files).filter((k) => /^word\/header\d*\.xml$/.test(k));
  return { header: headers.map((k) => strFromU8(files[k]!)).join('\n'), body: strFromU8(files['word/document.xml']!) };
}
const headerOf = (bytes: Buffer) => {
  const files = unzipSync(new Uint8Array(bytes));
  return Object.keys(files).filter((k) => k.startsWith('word/header')).map((k) => strFromU8(files[k]!)).join('\n');
};
/** "2026-12-01 11:52 UTC", as the export prints a signature time. */
const utc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

beforeAll(async () => {
  // approver3 signs with an authenticator app as well as the password.
  ({ ceremony, w, totpSecret } = await ceremonyWorld(h, SLUG, 'approver3'));

  // Revision 1.0: submitted by the author, reviewed, approved by two approvers (one with TOTP): effective on approval.
  v1 = await newVersion(h.t, w, 'Line clearance for export');
  const { approver, approver2, approver3 } = w.people;
  expect((await submit(v1, 'major', 'First issue of the line clearance procedure', [approver], [approver2, approver3])).state).toBe('in_review');
  await sign(v1, approver, 'reviewed');
  await sign(v1, approver2, 'approved');
  expect((await sign(v1, approver3, 'approved', generateSync({ secret: totpSecret }))).lifecycle.state).toBe('effective');
});

describe(`Word export of signed versions (${process.env.DATABASE_URL ? 'postgres' : 'pglite'})`, () => {
  it('exports an effective version with "Effective <date>" in the page header and every signature with meaning, printed name and UTC time', async () => {
    const sigs = await asViewer((tx) => signaturesOf(tx, v1));
    const doc = await load(v1);
    expect(doc.versionId).toBe(v1.versionId);
    expect(doc.version).toMatchObject({ state: 'effective', label: '1.0', reasonForChange: 'First issue of the line clearance procedure' });
    expect(doc.signatures.map((s) => [s.meaning, s.name, s.status, s.method])).toEqual([
      ['authored', 'Ana Author', 'valid', 'password'],
      ['reviewed', 'Paul Approver', 'valid', 'password'],
      ['approved', 'Petra Approver', 'valid', 'password'],
      ['approved', 'Priya Approver', 'valid', 'password+totp'],
    ]);

    const { header, body } = await rendered(doc, 'effective-1.0');
    const day = doc.version.effectiveAt!.slice(0, 10);
    expect(day).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(header).toContain(`Effective ${day}`);
    expect(header).toContain('Revision 1.0');
    expect(header).not.toContain('DRAFT');
    for (const g of sigs) {
      expect(body).toContain(g.signerName);
      expect(body).toContain(g.signerEmail);
      expect(body).toContain(utc(g.signedAt));
    }
    for (const s of ['Approvals', 'Authored', 'Reviewed', 'Approved', 'Valid (password re-entered)', 'Valid (password and authenticator code re-entered)', doc.version.contentHash]) expect(body).toContain(s);
    expect(body).not.toContain('not yet approved');
  });

  it('exports the effective version by default, a newer revision once it supersedes it, and stamps the old one SUPERSEDED on every page', async () => {
    v2 = await nextVersion(h.t, w, v1, 'Adds a second line check');
    // While revision 1.1 is in review, the default export is still the effective 1.0; 1.1 exports as in review.
    expect((await submit(v2, 'minor', 'Second check after the 2026 line audit', [], [w.people.approver2])).state).toBe('in_approval');
    expect((await load(v1)).versionId).toBe(v1.versionId);
    const inReview = await load(v2, v2.versionId);
    expect(inReview.signatures.map((s) => [s.meaning, s.name, s.status])).toEqual([
      ['authored', 'Ana Author', 'valid'],
      ['approved', 'Petra Approver', 'pending'],
    ]);
    const review = await rendered(inReview);
    expect(review.header).toContain('IN APPROVAL — not approved');
    expect(review.body).toContain('Awaiting signature');

    const effectiveDoc = await load(v1);
    const before = await renderSopDocxCached(effectiveDoc);
    await sign(v2, w.people.approver2, 'approved');

    const current = await load(v1);
    expect(current.versionId).toBe(v2.versionId);
    expect(current.version).toMatchObject({ state: 'effective', label: '1.1' });
    expect(current.revisions.map((r) => [r.version, r.change])).toEqual([
      ['1.0', 'First issue of the line clearance procedure'],
      ['1.1', 'Second check after the 2026 line audit'],
    ]);
    const now = await rendered(current, 'effective-1.1');
    expect(now.header).toContain(`Effective ${current.version.effectiveAt!.slice(0, 10)}`);
    expect(now.body).toContain('Second check after the 2026 line audit');

    const old = await load(v1, v1.versionId);
    expect(old.version).toMatchObject({ state: 'superseded', label: '1.0', endedReason: 'Superseded by revision 1.1' });
    const stamped = await rendered(old, 'superseded-1.0');
    expect(stamped.header).toContain('SUPERSEDED — not for use');
    expect(stamped.header).toContain('Superseded by revision 1.1 on');
    expect(stamped.header).not.toContain('Effective 20');
    expect(stamped.body).toContain('Paul Approver'); // its signatures stay printed

    // The cache: the same version, now superseded, is a new render with the stamp, not the file from before.
    const after = await renderSopDocxCached(old);
    expect(after).not.toBe(before);
    expect(headerOf(before)).not.toContain('SUPERSEDED');
    expect(headerOf(after)).toContain('SUPERSEDED — not for use');
    expect(await renderSopDocxCached(await load(v1, v1.versionId))).toBe(after);
  });

  it('bulk export takes each SOP at its effective version', async () => {
    const docs = await asViewer((tx) => loadCurrentExports(tx, org()));
    const ours = docs.find((d) => d.versionId === v2.versionId || d.versionId === v1.versionId);
    expect(ours?.versionId).toBe(v2.versionId);
  });

  it('exports a draft never submitted as "DRAFT — not approved" with no approvals table', async () => {
    const draft = await newVersion(h.t, w, 'Never submitted');
    const doc = await load(draft);
    expect(doc.version).toMatchObject({ state: 'draft', label: '0.1' });
    const { header, body } = await rendered(doc);
    expect(header).toContain('DRAFT — not approved');
    expect(body).toContain('Draft – not yet approved');
    expect(body).not.toContain('Printed name (as signed)');
  });

  it('is a 404 for a version of another SOP, and for another organization', async () => {
    const other = await newVersion(h.t, w, 'Another SOP');
    await expect(load(v1, other.versionId)).rejects.toMatchObject({ code: 'not_found', status: 404 });
    const stranger = claimsFor(w.people.other_org.id, { email: w.people.other_org.email });
    await expect(h.t.withUser(stranger, (tx) => loadExportDocument(tx, { id: w.orgB, name: 'Plant B' }, v1.sopId, v1.versionId))).rejects.toMatchObject({ status: 404 });
    await expect(h.t.withUser(stranger, (tx) => loadExportDocument(tx, org(), v1.sopId))).rejects.toMatchObject({ status: 404 });
  });

  it('prints a signature whose content hash was altered by a superuser as INVALID, with a banner on every page', async () => {
    const ref = await newVersion(h.t, w, 'Tampered one');
    await submit(ref, 'major', 'First issue', [], [w.people.approver]);
    await sign(ref, w.people.approver, 'approved');
    const [approval] = (await asViewer((tx) => signaturesOf(tx, ref))).filter((s) => s.meaning === 'approved');
    await h.t.asService(async (tx) => {
      await tx.query('set local session_replication_role = replica');
      await tx.query("update public.sop_signatures set content_hash = repeat('0', 64) where id = $1", [approval!.id]);
    });
    const doc = await load(ref);
    expect(doc.signatures.map((s) => [s.meaning, s.status])).toEqual([
      ['authored', 'valid'],
      ['approved', 'invalid'],
    ]);
    const { header, body } = await rendered(doc);
    expect(body).toContain('INVALID — content changed after signing');
    expect(header).toContain('SIGNATURE INVALID');
  });

  it('records the export, with the version and its state, in the transaction that reads it', async () => {
    const seq = async () => Number((await h.t.asService((tx) => tx.query<{ s: number }>('select coalesce(max(seq), 0) as s from public.audit_events')))[0]!.s);
    const from = await seq();
    await asViewer(async (tx) => {
      const doc = await loadExportDocument(tx, org(), v1.sopId);
      await recordExport(tx, w.orgA, 'sop.exported', doc.versionId, { sop_id: v1.sopId, version: doc.version.label, state: doc.version.state, format: 'docx' });
    });
    const events = await h.t.asService((tx) =>
      tx.query<{ action: string; actor_id: string; target_id: string; data: Record<string, unknown> }>('select action, actor_id, target_id, data from public.audit_events where seq > $1 and org_id = $2', [from, w.orgA]),
    );
    expect(events).toEqual([{ action: 'sop.exported', actor_id: w.people.viewer.id, target_id: v2.versionId, data: expect.objectContaining({ version: '1.1', state: 'effective' }) }]);
  });
});
