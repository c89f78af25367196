import { readFileSync } from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { dropRenderedFiles, exportCacheStats, renderSopDocxCached } from '@/lib/export/cache';
import { renderSopDocx, renderSopDocxKeeping } from '@/lib/export/docx';
import { LAYOUT_REVISION } from '@/lib/export/page-numbers';
import { sampleExportDocument } from '@/lib/export/sample';

// The package as written, but for what differs between any two renders: docx's process-wide
// bookmark counter (_Toc13, w:id="13") and the creation time in the core properties.
const normalized = (bytes: Buffer) => {
  const files = unzipSync(new Uint8Array(bytes));
  return Object.keys(files)
    .sort()
    .map((name) => `${name}\n${strFromU8(files[name]!).replace(/_Toc\d+/g, '_Toc').replace(/w:id="\d+"/g, 'w:id').replace(/<dcterms:(created|modified)[^<]*<\/dcterms:\w+>/g, '')}`)
    .join('\n');
};
const tocPages = (bytes: Buffer) => [...strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!).matchAll(/PAGEREF _Toc\d+ \\h<\/w:instrText>.*?<w:t[^>]*>(\d+)<\/w:t>/g)].map((m) => m[1]);

describe('kept page numbers', () => {
  it('writes the same file as laying the pages out, without laying them out again', async () => {
    const doc = sampleExportDocument({ steps: 30, substeps: 2, approved: true, pageSize: 'A4' });
    const fresh = await renderSopDocx(doc);
    const first = await renderSopDocxKeeping(doc);
    expect(first.pageNumbers?.pages?.bookmarks.length).toBeGreaterThan(5);
    expect(normalized(first.bytes)).toBe(normalized(fresh));
    const kept = JSON.parse(JSON.stringify(first.pageNumbers)); // as stored
    const again = await renderSopDocxKeeping(doc, kept);
    expect(again.pageNumbers).toBeUndefined(); // nothing was laid out
    expect(normalized(again.bytes)).toBe(normalized(fresh));
    expect(tocPages(again.bytes).length).toBeGreaterThan(5);
    expect(new Set(tocPages(again.bytes)).size).toBeGreaterThan(1);
  }, 60_000);

  it('lays out afresh a document whose body is not the one the kept numbers were laid out from', async () => {
    const doc = sampleExportDocument({ steps: 30, substeps: 2, approved: true, pageSize: 'A4' });
    const other = sampleExportDocument({ steps: 34, substeps: 2, approved: true, pageSize: 'A4' });
    const { pageNumbers } = await renderSopDocxKeeping(doc);
    const rendered = await renderSopDocxKeeping(other, pageNumbers);
    expect(rendered.pageNumbers?.body).not.toBe(pageNumbers?.body);
    expect(normalized(rendered.bytes)).toBe(normalized(await renderSopDocx(other)));
  }, 60_000);

  it('names the installed docx version in the layout revision the page numbers are kept under', () => {
    const { version } = JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules/docx/package.json'), 'utf8')) as { version: string };
    expect(LAYOUT_REVISION).toContain(`docx ${version};`);
  });

  it('the export cache keeps the page numbers of a file it no longer holds', async () => {
    const doc = sampleExportDocument({ steps: 9, substeps: 1, approved: true, pageSize: 'Letter' });
    const before = exportCacheStats();
    const a = await renderSopDocxCached(doc);
    dropRenderedFiles();
    const b = await renderSopDocxCached(structuredClone(doc));
    const after = exportCacheStats();
    expect(b).not.toBe(a);
    expect(normalized(b)).toBe(normalized(a));
    expect(after.misses - before.misses).toBe(2);
    expect(after.laidOut - before.laidOut).toBe(1);
  }, 60_000);
});
