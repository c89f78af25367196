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

describe('render pool', () => {
  it('renders on this thread when the worker entry cannot be loaded (as under the test runner), losing nothing', async () => {
    const { renderInWorker, renderWorkerActive } = await import('@/lib/export/render-pool');
    const docs = [1, 2, 3].map((n) => sampleExportDocument({ steps: n + 2, substeps: 1, approved: false, pageSize: 'Letter' }));
    const files = await Promise.all(docs.map((d) => renderInWorker(d)));
    for (const f of files) expect(f.subarray(0, 2).toString()).toBe('PK');
    expect(renderWorkerActive()).toBe(false);
  });
});
