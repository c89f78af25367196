/**
 * What the Word export is built from, read through RLS: the default or a chosen version, the
 * revision history up to it, the org's document settings; another org's version is a 404, a
 * version whose content no longer fits the schema is a 422; every export is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import { renderSopDocx } from '@/lib/export/docx';
import { loadExportDocument, recordExport } from '@/lib/export/load';
import { prepareContent } from '@/lib/sops/prepare';
import { createSop, createVersion } from '@/lib/sops/service';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

let t: TestDb;
let author: { id: string; email: string };
let outsider: { id: string; email: string };
let org: { id: string; name: string };
let orgB: { id: string; name: string };
let sopId: string;
let v1: string;
let v2: string;

const as = (u: { id: string; email: string }) => claimsFor(u.id, { email: u.email });
const content = (text: string) => prepareContent(draftOffline({ title: 'Receiving inspection', processDescription: text, frameworks: ['ISO9001'] }));

beforeAll(async () => {
  t = await createTestDb();
  author = await createUser(t, 'author@export.test');
  outsider = await createUser(t, 'outsider@export.test');
  org = { id: (await t.withUser(as(author), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Export Labs', 'export-labs')")))[0]!.id, name: 'Export Labs' };
  orgB = { id: (await t.withUser(as(outsider), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Other Labs', 'other-labs')")))[0]!.id, name: 'Other Labs' };
  await t.withUser(as(author), (tx) => tx.query("update public.organizations set export_footer = 'Controlled copy: see QMS', page_size = 'Letter' where id = $1", [org.id]));
  await t.withUser(as(author), async (tx) => {
    const sop = await createSop(tx, { orgId: org.id, userId: author.id, title: 'Receiving inspection', department: 'Warehouse' });
    sopId = sop.id;
    v1 = (await createVersion(tx, { orgId: org.id, sopId, authorId: author.id, content: content('1. Check the delivery note\n2. Inspect the packaging'), source: 'offline', changeSummary: 'First draft' })).id;
    v2 = (await createVersion(tx, { orgId: org.id, sopId, authorId: author.id, content: content('1. Check the delivery note against the PO\n2. Inspect the packaging\n3. Record it in the receiving log'), source: 'manual', changeSummary: 'Added the receiving log' })).id;
  });
});
afterAll(async () => {
  await t?.close();
});

describe('Word export data', () => {
  it('uses the latest version by default when none is effective, with the org settings and the draft as the only revision', async () => {
    const doc = await t.withUser(as(author), (tx) => loadExportDocument(tx, org, sopId));
    expect(doc.versionId).toBe(v2);
    expect(doc.org).toEqual({ name: 'Export Labs', footerText: 'Controlled copy: see QMS', pageSize: 'Letter' });
    expect(doc.sop).toMatchObject({ documentNumber: 'SOP-0001', title: 'Receiving inspection', department: 'Warehouse' });
    expect(doc.version).toMatchObject({ label: '0.2', state: 'draft', changeSummary: 'Added the receiving log', effectiveAt: null });
    expect(doc.signatures).toEqual([]);
    // Drafts are not revisions: the history is the effective revisions (none yet) and this version.
    expect(doc.revisions.map((r) => [r.version, r.date, r.change])).toEqual([['0.2 (draft)', 'Not effective', 'Added the receiving log']]);
    expect(doc.content.titleBlock.documentNumber).toBe('SOP-0001');
    const older = await t.withUser(as(author), (tx) => loadExportDocument(tx, org, sopId, v1));
    expect(older.version.label).toBe('0.1');
    expect(older.revisions.map((r) => r.version)).toEqual(['0.1 (draft)']);
    const bytes = await renderSopDocx(doc, { estimatePageNumbers: false });
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
  });

  it('is a 404 for another organization, whatever ids are used', async () => {
    await expect(t.withUser(as(outsider), (tx) => loadExportDocument(tx, orgB, sopId))).rejects.toMatchObject({ code: 'not_found' });
    await expect(t.withUser(as(outsider), (tx) => loadExportDocument(tx, org, sopId, v1))).rejects.toMatchObject({ code: 'not_found' });
    const other = await t.withUser(as(outsider), (tx) => createSop(tx, { orgId: orgB.id, userId: outsider.id, title: 'Theirs' }));
    await expect(t.withUser(as(author), (tx) => loadExportDocument(tx, org, other.id))).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a version whose content does not match the schema with a clear 422', async () => {
    const bad = await t.asService(async (tx) => {
      const [row] = await tx.query<{ id: string }>(
        "insert into public.sop_versions (org_id, sop_id, label, content, source, author_id) values ($1, $2, '9.9', '{\"purpose\": 42}'::jsonb, 'manual', $3) returning id",
        [org.id, sopId, author.id],
      );
      return row!.id;
    });
    await expect(t.withUser(as(author), (tx) => loadExportDocument(tx, org, sopId, bad))).rejects.toMatchObject({ code: 'unprocessable', status: 422 });
  });

  it('refuses, with a clear 422 naming the limit, a version stored before steps were limited to 5 levels; the version stays as it was', async () => {
    let steps: unknown[] = [{ text: 'deepest', callouts: [], substeps: [] }];
    for (let d = 0; d < 1_000; d++) steps = [{ text: `level ${d}`, callouts: [], substeps: steps }];
    const good = await t.withUser(as(author), (tx) => loadExportDocument(tx, org, sopId, v2));
    const legacy = JSON.stringify({ ...good.content, procedure: steps });
    const id = await t.asService(async (tx) => {
      const [row] = await tx.query<{ id: string }>("insert into public.sop_versions (org_id, sop_id, label, content, source, author_id) values ($1, $2, '9.8', $3::jsonb, 'manual', $4) returning id", [org.id, sopId, legacy, author.id]);
      return row!.id;
    });
    const err = await t.withUser(as(author), (tx) => loadExportDocument(tx, org, sopId, id)).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unprocessable', status: 422 });
    expect((err as Error).message).toMatch(/at most 5 levels/);
    const [stored] = await t.asService((tx) => tx.query<{ same: boolean }>('select content = $2::jsonb as same from public.sop_versions where id = $1', [id, legacy]));
    expect(stored!.same).toBe(true);
  });

  it('records who exported which version in the audit trail', async () => {
    await t.withUser(as(author), (tx) => recordExport(tx, org.id, 'sop.exported', v2, { sop_id: sopId, version: '0.2', format: 'docx' }));
    const [e] = await t.asService((tx) =>
      tx.query<{ actor_id: string; target_id: string; data: Record<string, unknown> }>("select actor_id, target_id, data from public.audit_events where org_id = $1 and action = 'sop.exported' order by seq desc limit 1", [org.id]),
    );
    expect(e).toMatchObject({ actor_id: author.id, target_id: v2, data: { version: '0.2', format: 'docx' } });
    await expect(t.withUser(as(outsider), (tx) => recordExport(tx, org.id, 'sop.exported', v2, {}))).rejects.toMatchObject({ code: '42501' });
  });
});
