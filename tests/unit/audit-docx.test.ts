/** The audit trail's Word export (lib/audit/docx.ts): landscape, the events in words, the signed checkpoint. */
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderAuditDocx } from '@/lib/audit/docx';
import type { AuditEvent } from '@/lib/audit/service';

const event = (i: number, description: string): AuditEvent => ({
  seq: String(i), id: `id${i}`, createdAt: `2026-12-01T10:00:0${i}.123456Z`, orgId: 'o', actorId: 'u', actorEmail: 'ana@x.test', action: 'signature.signed',
  targetType: 'sop_signatures', targetId: 't', data: {}, dataText: '{}', reason: i === 2 ? 'Typo in step 3 <b>&' : '', prevHash: '', hash: 'ab'.repeat(32),
  actor: { id: 'u', name: 'Ana Ruiz', email: 'ana@x.test' }, sop: null, versionLabel: '', description,
});

describe('audit trail Word export', () => {
  it('is a landscape document with each event in words, times in UTC and the signed checkpoint', async () => {
    const bytes = await renderAuditDocx({
      orgName: 'Acme <Foods>',
      events: [event(1, 'Ana Ruiz approved SOP-0007 “Line clearance” version 2.0 (password)'), event(2, 'Ana Ruiz rejected SOP-0007')],
      filters: {},
      checkpoint: { org_id: 'o', seq: 2, hash: 'ab'.repeat(32), exported_at: '2026-12-01T10:00:03.000Z', rows: 2, scope: 'complete' },
      jws: 'aaa.bbb.ccc',
    });
    const xml = strFromU8(unzipSync(new Uint8Array(bytes))['word/document.xml']!);
    expect(xml).toMatch(/<w:pgSz[^>]*w:orient="landscape"/);
    expect(xml).toContain('Ana Ruiz approved SOP-0007 “Line clearance” version 2.0 (password)');
    expect(xml).toContain('Typo in step 3 &lt;b&gt;&amp;');
    expect(xml).toContain('2026-12-01 10:00:01.123456 UTC');
    expect(xml).toContain('Audit trail — Acme &lt;Foods&gt;');
    expect(xml).toContain('aaa.bbb.ccc');
    expect(xml).toContain('the complete trail from the first event');
    if (process.env.AUDIT_DOCX_OUT) (await import('node:fs')).writeFileSync(process.env.AUDIT_DOCX_OUT, bytes);
  });
});
