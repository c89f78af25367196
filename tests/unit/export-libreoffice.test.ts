import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderSopDocx } from '@/lib/export/docx';
import { sampleExportDocument } from '@/lib/export/sample';

// Renders real exports with LibreOffice and reads the PDF back: what a reader of the printed SOP sees.
const which = (cmd: string) => (spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).stdout ?? '').trim();
const soffice = which('soffice') || which('libreoffice');
const poppler = which('pdftotext') && which('pdfinfo');
const available = Boolean(soffice && poppler);

if (!available) {
  console.warn(
    '\n⚠️  export-libreoffice.test.ts SKIPPED: soffice/libreoffice or poppler-utils (pdftotext, pdfinfo) is not on PATH.\n' +
      '   CI always runs these tests (apt-get install libreoffice-writer poppler-utils). Install them to check the Word export locally.\n',
  );
}

const approved = sampleExportDocument({ steps: 40, substeps: 3, approved: true, pageSize: 'A4' });
const draft = sampleExportDocument({ steps: 40, substeps: 3, approved: false, pageSize: 'Letter' });

interface Pdf {
  pages: string[];
  info: string;
}

describe.skipIf(!available)('Word export rendered by LibreOffice', () => {
  let dir = '';
  const pdfs: Record<'approved' | 'draft', Pdf> = { approved: { pages: [], info: '' }, draft: { pages: [], info: '' } };

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sop-export-lo-'));
    writeFileSync(path.join(dir, 'approved.docx'), await renderSopDocx(approved));
    writeFileSync(path.join(dir, 'draft.docx'), await renderSopDocx(draft));
    // A profile of its own, so parallel runs (and a desktop LibreOffice) don't collide.
    execFileSync(soffice, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, path.join(dir, 'approved.docx'), path.join(dir, 'draft.docx')], {
      stdio: 'pipe',
      timeout: 150_000,
    });
    for (const name of ['approved', 'draft'] as const) {
      const pdf = path.join(dir, `${name}.pdf`);
      execFileSync('pdftotext', ['-layout', pdf, path.join(dir, `${name}.txt`)]);
      const pages = readFileSync(path.join(dir, `${name}.txt`), 'utf8').split('\f');
      if (pages.at(-1)?.trim() === '') pages.pop();
      pdfs[name] = { pages, info: execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }) };
    }
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pageCount = (p: Pdf) => Number(/^Pages:\s+(\d+)/m.exec(p.info)![1]);
  const flat = (s: string) => s.replace(/\s+/g, ' ');

  it('lays the SOP out over several pages of the org page size', () => {
    expect(pageCount(pdfs.approved)).toBeGreaterThan(3);
    expect(pdfs.approved.pages).toHaveLength(pageCount(pdfs.approved));
    expect(pdfs.approved.info).toMatch(/Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    expect(pdfs.draft.info).toMatch(/Page size:\s+612 x 792 pts \(letter\)/);
  });

  it('prints the header (doc number, title, version) and "Page X of N" on every page', () => {
    for (const pdf of [pdfs.approved, pdfs.draft]) {
      const n = pdf.pages.length;
      pdf.pages.forEach((page, i) => {
        expect(page, `page ${i + 1}`).toContain('SOP-PRD-014');
        expect(flat(page), `page ${i + 1}`).toContain('Clean and sanitize the HTST pasteurizer');
        expect(flat(page), `page ${i + 1}`).toContain(`Page ${i + 1} of ${n}`);
      });
    }
    expect(pdfs.approved.pages[0]).toContain('Page 1 of ');
    for (const page of pdfs.approved.pages) expect(page).toContain('Effective 2026-12-01');
    for (const page of pdfs.draft.pages) expect(page).toContain('DRAFT — not approved');
    for (const page of pdfs.approved.pages) expect(page).toContain('Uncontrolled when printed');
  });

  it('numbers the sections and steps, in content order', () => {
    const text = flat(pdfs.approved.pages.join('\n'));
    let at = text.indexOf('7 Procedure', text.indexOf('Revision history') + 1);
    expect(at).toBeGreaterThan(0);
    for (let n = 7; n <= 40; n++) {
      const next = text.indexOf(`${n}. `, at);
      const step = text.indexOf(`(step ${n}).`, at);
      expect(next, `step ${n} number`).toBeGreaterThan(at);
      expect(step, `step ${n} text`).toBeGreaterThan(next);
      expect(text.indexOf(`${n}.1. `, step), `sub-step ${n}.1`).toBeGreaterThan(step);
      at = step;
    }
    expect(text).toMatch(/7\.1\.1\. Record the reading for step 7/);
    for (const h of ['1 Purpose', '2 Scope and applicability', '8 Records', '9 References', '10 Revision history']) expect(text).toContain(h);
  });

  it('fills the table of contents with page numbers', () => {
    const first = flat(pdfs.approved.pages[0]!);
    expect(first).toMatch(/Procedure\.{5,} ?\d+/);
    expect(first).toMatch(/Revision history\.{5,} ?\d+/);
  });

  it('shows the approvals on the first page, and the draft notice for a draft', () => {
    expect(flat(pdfs.approved.pages[0]!)).toContain('Dana Whitfield');
    expect(flat(pdfs.draft.pages[0]!)).toContain('Draft – not yet approved');
  });
});

