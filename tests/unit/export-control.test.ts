/**
 * The document-control facts every export prints (21 CFR 11.50), per lifecycle state: the
 * page-header status, the banner stamped on every page, the title block's status, and the
 * approvals table (meaning, printed name as signed, UTC time, validity). Then the same facts in
 * the rendered .docx header and body.
 */
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { effectiveDateText, headerStatus, pageBanner, revisionRows, revisionText, signatureNote, signatureRows, statusText, unsignedNotice } from '@/lib/export/control';
import { renderSopDocx } from '@/lib/export/docx';
import { sampleExportDocument } from '@/lib/export/sample';
import type { ExportDocument, ExportSignature, ExportState } from '@/lib/export/types';

const effective = sampleExportDocument({ steps: 3, substeps: 1, approved: true });
const draft = sampleExportDocument({ steps: 3, substeps: 1, approved: false });

function inState(state: ExportState, version: Partial<ExportDocument['version']> = {}, signatures: ExportSignature[] = effective.signatures): ExportDocument {
  return { ...effective, version: { ...effective.version, state, ...version }, signatures };
}

const sig = (meaning: ExportSignature['meaning'], extra: Partial<ExportSignature> = {}): ExportSignature => ({
  meaning,
  name: 'Paul Approver',
  email: 'paul@plant.example',
  signedAt: '2026-12-01T11:52:07.123Z',
  status: 'valid',
  method: 'password',
  comment: '',
  ...extra,
});

async function xmlOf(doc: ExportDocument): Promise<{ header: string; body: string }> {
  const files = unzipSync(new Uint8Array(await renderSopDocx(doc, { estimatePageNumbers: false })));
  const headers = Object.keys(files).filter((k) => /^word\/header\d*\.xml$/.test(k));
  return { header: headers.map((k) => strFromU8(files[k]!)).join('\n'), body: strFromU8(files['word/document.xml']!) };
}

describe('export document model: the header and banner per state', () => {
  it('an effective version says "Effective <date>", its revision, and has no banner', () => {
    expect(headerStatus(effective)).toEqual({ text: 'Effective 2026-12-01', alert: false });
    expect(revisionText(effective)).toBe('Revision 3.0');
    expect(pageBanner(effective)).toEqual([]);
    expect(statusText(effective)).toBe('Effective');
    expect(effectiveDateText(effective)).toBe('2026-12-01');
  });

  it('a version never approved says "DRAFT — not approved" and its draft label', () => {
    expect(headerStatus(draft)).toEqual({ text: 'DRAFT — not approved', alert: true });
    expect(revisionText(draft)).toBe('Draft 0.7');
    expect(effectiveDateText(draft)).toBe('Not effective');
    expect(unsignedNotice(draft).label).toBe('Draft – not yet approved');
    expect(headerStatus(inState('withdrawn', { effectiveAt: null })).text).toBe('DRAFT — not approved');
    expect(unsignedNotice(inState('withdrawn')).label).toBe('Withdrawn from approval – not approved');
  });

  it('an approved version whose date is to come says "Approved, effective on <date>"', () => {
    const doc = inState('approved', { effectiveAt: null, effectiveFrom: '2026-12-15T00:00:00Z' });
    expect(headerStatus(doc)).toEqual({ text: 'Approved, effective on 2026-12-15', alert: true });
    expect(effectiveDateText(doc)).toBe('2026-12-15 (planned)');
    expect(revisionText(doc)).toBe('Revision 3.0');
  });

  it('a version in review or in approval says so and "not approved"', () => {
    expect(headerStatus(inState('in_review', { effectiveAt: null })).text).toBe('IN REVIEW — not approved');
    expect(headerStatus(inState('in_approval', { effectiveAt: null })).text).toBe('IN APPROVAL — not approved');
    expect(revisionText(inState('in_review', { label: '0.4' }))).toBe('Draft 0.4');
  });

  it('a rejected version says "REJECTED — not approved" with the rejection comment in the status', () => {
    const doc = inState('rejected', { effectiveAt: null, endedAt: '2026-12-02T10:00:00Z', endedReason: 'Step 4 temperature is wrong' });
    expect(headerStatus(doc).text).toBe('REJECTED — not approved');
    expect(statusText(doc)).toBe('Rejected (not approved): Step 4 temperature is wrong');
  });

  it('superseded and obsolete versions are stamped "not for use" in the header and a banner on every page', () => {
    const superseded = inState('superseded', { endedAt: '2027-01-10T08:00:00Z', endedReason: 'Superseded by revision 4.0' });
    expect(headerStatus(superseded)).toEqual({ text: 'SUPERSEDED — not for use', alert: true });
    expect(pageBanner(superseded)).toEqual(['SUPERSEDED — not for use. Superseded by revision 4.0 on 2027-01-10.']);
    expect(statusText(superseded)).toBe('Superseded — not for use (Superseded by revision 4.0, 2027-01-10)');
    expect(effectiveDateText(superseded)).toBe('2026-12-01');
    const obsolete = inState('obsolete', { endedAt: '2027-02-01T08:00:00Z', endedReason: 'Line decommissioned' });
    expect(headerStatus(obsolete).text).toBe('OBSOLETE — not for use');
    expect(pageBanner(obsolete)).toEqual(['OBSOLETE — not for use. Made obsolete on 2027-02-01.']);
  });

  it('a version with a signature whose content hash no longer matches gets a banner: its approval cannot be relied on', () => {
    const doc = inState('effective', {}, [sig('authored'), sig('approved', { status: 'invalid' })]);
    expect(pageBanner(doc)).toEqual(['SIGNATURE INVALID — content changed after signing: this approval cannot be relied on.']);
  });
});

describe('export document model: the approvals table', () => {
  it('prints meaning, printed name and email as signed, the UTC date and time, and the validity of each signature', () => {
    const doc = inState('effective', {}, [sig('authored', { name: 'Ana Author', email: 'ana@plant.example' }), sig('reviewed', { comment: 'Checked on the line' }), sig('approved', { method: 'password+totp' })]);
    expect(signatureRows(doc)).toEqual([
      ['Authored', 'Ana Author\nana@plant.example', '2026-12-01 11:52 UTC', 'Valid (password re-entered)'],
      ['Reviewed\nComment: Checked on the line', 'Paul Approver\npaul@plant.example', '2026-12-01 11:52 UTC', 'Valid (password re-entered)'],
      ['Approved', 'Paul Approver\npaul@plant.example', '2026-12-01 11:52 UTC', 'Valid (password and authenticator code re-entered)'],
    ]);
  });

  it('prints a signature whose content hash no longer matches as "INVALID — content changed after signing"', () => {
    const rows = signatureRows(inState('effective', {}, [sig('approved', { status: 'invalid' })]));
    expect(rows[0]![3]).toBe('INVALID — content changed after signing');
  });

  it('prints a rejection as Rejected with its comment, and awaited signatures without a time', () => {
    const rows = signatureRows(inState('in_approval', {}, [sig('rejected', { comment: 'Wrong temperature' }), sig('approved', { signedAt: null, status: 'pending', method: '', name: 'Petra Approver', email: 'petra@plant.example' })]));
    expect(rows).toEqual([
      ['Rejected\nComment: Wrong temperature', 'Paul Approver\npaul@plant.example', '2026-12-01 11:52 UTC', 'Valid (password re-entered)'],
      ['Approval (awaited)', 'Petra Approver\npetra@plant.example', '—', 'Awaiting signature'],
    ]);
  });

  it('says what the signatures bind to and that signatures of a withdrawn round are not listed', () => {
    const note = signatureNote({ ...effective, earlierRoundSignatures: 2 });
    expect(note).toContain(effective.version.contentHash);
    expect(note).toContain('2 signatures of an earlier, withdrawn approval round are not part of this approval');
  });

  it('prints the controlled revision history with dates as dates', () => {
    expect(revisionRows({ ...effective, revisions: [{ version: '1.0', date: '2026-03-04T07:00:00.000Z', author: 'Ana', change: 'First issue' }] })).toEqual([['1.0', '2026-03-04', 'Ana', 'First issue']]);
  });
});

describe('export document model in the .docx', () => {
  it('an effective version: "Effective <date>" in the page header, the signatures in the document, no DRAFT', async () => {
    const { header, body } = await xmlOf(effective);
    expect(header).toContain('Effective 2026-12-01');
    expect(header).toContain('Revision 3.0');
    expect(header).not.toContain('DRAFT');
    for (const s of ['Approvals', 'Dana Whitfield', '2026-11-22 08:47 UTC', 'Approved', 'Valid (password and authenticator code re-entered)']) expect(body).toContain(s);
  });

  it('a superseded version: SUPERSEDED in the header and its banner, which every page uses', async () => {
    const { header, body } = await xmlOf(inState('superseded', { endedAt: '2027-01-10T08:00:00Z', endedReason: 'Superseded by revision 4.0' }));
    expect(header).toContain('SUPERSEDED — not for use</w:t>');
    expect(header).toContain('SUPERSEDED — not for use. Superseded by revision 4.0 on 2027-01-10.');
    expect(header).not.toContain('Effective 2026');
    expect(body).toMatch(/<w:headerReference w:type="default"/);
    expect(body).not.toContain('<w:titlePg');
  });

  it('an invalid signature is printed in the approvals table', async () => {
    const { body } = await xmlOf(inState('effective', {}, [sig('authored'), sig('approved', { status: 'invalid' })]));
    expect(body).toContain('INVALID — content changed after signing');
  });

  it('a draft: "DRAFT — not approved" in the header, "Not yet approved" notice instead of a table', async () => {
    const { header, body } = await xmlOf(draft);
    expect(header).toContain('DRAFT — not approved');
    expect(body).toContain('Draft – not yet approved');
    expect(body).not.toContain('Printed name (as signed)');
  });
});
