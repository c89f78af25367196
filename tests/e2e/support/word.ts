/**
 * A Word export as a reader sees it: the .docx converted to PDF by LibreOffice, its pages as
 * text (pdftotext -layout) and, when asked, as PNG screenshots (pdftoppm). CI installs
 * LibreOffice and poppler-utils; elsewhere a missing tool returns null with a warning.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export function wordPages(docx: Buffer, screenshotPrefix?: string): string[] | null {
  const soffice = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
  if (!soffice || !existsSync('/usr/bin/pdftotext')) {
    if (process.env.CI) throw new Error('CI needs LibreOffice and poppler-utils to open the Word export');
    console.warn('!! LibreOffice or poppler-utils not installed: the export was not opened (CI installs them).');
    return null;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'e2e-docx-'));
  try {
    const file = path.join(dir, 'sop.docx');
    writeFileSync(file, docx);
    execFileSync(soffice, [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, file], { timeout: 120_000, stdio: 'pipe' });
    const pdf = path.join(dir, 'sop.pdf');
    if (screenshotPrefix) execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.resolve(screenshotPrefix)], { timeout: 60_000 });
    return execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').filter((p) => p.trim());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
