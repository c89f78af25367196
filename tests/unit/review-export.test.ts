/** The Word and Markdown exports print the SOP's next periodic review in the document-control table (lib/export/control.ts nextReviewText). */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nextReviewText } from '@/lib/export/control';
import { renderSopDocx } from '@/lib/export/docx';
import { contentToMarkdown } from '@/lib/export/markdown';
import { sampleExportDocument } from '@/lib/export/sample';
import type { ExportDocument } from '@/lib/export/types';

const base = sampleExportDocument({ steps: 3, substeps: 1, approved: true });
const withReview = (review: ExportDocument['version']['review'], state: ExportDocument['version']['state'] = 'effective'): ExportDocument => ({ ...base, version: { ...base.version, state, review } });
const bodyOf = async (doc: ExportDocument) => strFromU8(unzipSync(new Uint8Array(await renderSopDocx(doc)))['word/document.xml']!);

describe('the next periodic review in the export', () => {
  it('is the UTC date, or "Not scheduled: <reason>" when exempt; no row for other versions or without a schedule', () => {
    expect(nextReviewText(withReview({ nextReviewAt: '2028-12-01T23:30:00.000Z', exemptReason: null }))).toBe('2028-12-01');
    expect(nextReviewText(withReview({ nextReviewAt: null, exemptReason: 'Kept for reference only' }))).toBe('Not scheduled: Kept for reference only');
    expect(nextReviewText(withReview({ nextReviewAt: '2028-12-01T10:00:00Z', exemptReason: null }, 'superseded'))).toBeNull();
    expect(nextReviewText(withReview(undefined))).toBeNull();
  });

  it('is a row of the Word document-control table and of the Markdown table', async () => {
    const body = await bodyOf(withReview({ nextReviewAt: '2028-12-01T10:00:00Z', exemptReason: null }));
    expect(body).toContain('Next periodic review');
    expect(body).toContain('2028-12-01');
    const exempt = await bodyOf(withReview({ nextReviewAt: null, exemptReason: 'Kept for <reference> & audit' }));
    expect(exempt).toContain('Not scheduled: Kept for &lt;reference&gt; &amp; audit');
    expect(await bodyOf(withReview(undefined))).not.toContain('Next periodic review');
    expect(contentToMarkdown(withReview({ nextReviewAt: '2028-12-01T10:00:00Z', exemptReason: null }))).toMatch(/Next periodic review \| 2028-12-01/);
  });
});
