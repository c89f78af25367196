import { describe, expect, it } from 'vitest';
import { exportCacheStats, exportKey, renderSopDocxCached } from '@/lib/export/cache';
import { sampleExportDocument } from '@/lib/export/sample';

describe('export cache', () => {
  it('renders a document once and serves the same bytes again; any change is a new render', async () => {
    const doc = sampleExportDocument({ steps: 6, substeps: 1, approved: false, pageSize: 'A4' });
    const before = exportCacheStats();
    const a = await renderSopDocxCached(doc);
    const b = await renderSopDocxCached(structuredClone(doc));
    expect(b).toBe(a);
    const changed = { ...doc, org: { ...doc.org, footerText: 'Controlled copy' } };
    expect(exportKey(changed)).not.toBe(exportKey(doc));
    const c = await renderSopDocxCached(changed);
    expect(c).not.toBe(a);
    const after = exportCacheStats();
    expect(after.misses - before.misses).toBe(2);
    expect(after.hits - before.hits).toBe(1);
  });
});

describe('export cache and document control', () => {
  it('serves no stale file when the version becomes effective, is superseded, or a signature turns invalid: each is a new render with the new stamp', async () => {
    const { unzipSync, strFromU8 } = await import('fflate');
    const header = (b: Buffer) => {
      const files = unzipSync(new Uint8Array(b));
      return Object.keys(files).filter((k) => k.startsWith('word/header')).map((k) => strFromU8(files[k]!)).join('');
    };
    const effective = sampleExportDocument({ steps: 2, substeps: 1, approved: true });
    const approved = { ...effective, version: { ...effective.version, state: 'approved' as const, effectiveAt: null } };
    const superseded = { ...effective, version: { ...effective.version, state: 'superseded' as const, endedAt: '2027-01-10T08:00:00Z', endedReason: 'Superseded by revision 4.0' } };
    const tampered = { ...effective, signatures: effective.signatures.map((g, i) => (i === 2 ? { ...g, status: 'invalid' as const } : g)) };
    const keys = [approved, effective, superseded, tampered].map(exportKey);
    expect(new Set(keys).size).toBe(4);

    const first = await renderSopDocxCached(approved);
    expect(header(first)).toContain('Approved, effective on 2026-12-01');
    expect(await renderSopDocxCached(structuredClone(approved))).toBe(first);
    const now = await renderSopDocxCached(effective);
    expect(now).not.toBe(first);
    expect(header(now)).toContain('Effective 2026-12-01');
    const later = await renderSopDocxCached(superseded);
    expect(header(later)).toContain('SUPERSEDED — not for use');
    expect(header(await renderSopDocxCached(tampered))).toContain('SIGNATURE INVALID');
  }, 60_000);
});

describe('render pool', () => {
  it('renders on this thread when the worker entry cannot be loaded (as under the test runner), losing nothing', async () => {
    const { renderInWorker, renderWorkerActive } = await import('@/lib/export/render-pool');
    const docs = [1, 2, 3].map((n) => sampleExportDocument({ steps: n + 2, substeps: 1, approved: false, pageSize: 'Letter' }));
    const files = await Promise.all(docs.map((d) => renderInWorker(d)));
    for (const f of files) expect(f.bytes.subarray(0, 2).toString()).toBe('PK');
    expect(renderWorkerActive()).toBe(false);
  });
});
