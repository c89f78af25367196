/**
 * Document control as people read it: states in words, the revision label a submission will
 * get, the task emails (names escaped in HTML, kept as typed in text, absolute link to the
 * version page), and the manifestation of signatures (name, UTC time to the second, meaning,
 * INVALID when the content changed after signing).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SignatureList } from '@/components/document-control/signature-list';
import type { Signature } from '@/lib/document-control/service';
import { rejectionEmail, taskEmail, versionPageUrl, type TaskEmailContext } from '@/lib/document-control/task-emails';
import { nextRevisionLabel, stateInWords } from '@/lib/document-control/words';
import { formatUtcSeconds } from '@/lib/format';

describe('states and labels in words', () => {
  it('says each state as a person would, with the effective date of an approved version', () => {
    expect(stateInWords({ state: 'in_review', round: null })).toBe('In review');
    expect(stateInWords({ state: 'approved', round: { effectiveFrom: '2026-12-20T00:00:00.000Z' } })).toBe('Approved, effective on 2026-12-20');
    expect(stateInWords({ state: 'approved', round: { effectiveFrom: null } })).toBe('Approved');
    expect(stateInWords({ state: 'effective', round: null })).toBe('Effective');
    expect(stateInWords({ state: 'superseded', round: null })).toBe('Superseded');
    expect(stateInWords({ state: 'obsolete', round: null })).toBe('Obsolete');
  });

  it('derives the next revision label from the effective one as the database does (1.0 → 2.0 major, 1.1 minor; first is 1.0)', () => {
    expect(nextRevisionLabel(null, 'major')).toBe('1.0');
    expect(nextRevisionLabel(null, 'minor')).toBe('1.0');
    expect(nextRevisionLabel('1.0', 'major')).toBe('2.0');
    expect(nextRevisionLabel('1.0', 'minor')).toBe('1.1');
    expect(nextRevisionLabel('2.9', 'minor')).toBe('2.10');
    expect(nextRevisionLabel('2.9', 'major')).toBe('3.0');
  });

  it('shows a signature time to the second in UTC, saying so', () => {
    expect(formatUtcSeconds('2026-12-01T11:15:04.123Z')).toBe('2026-12-01 11:15:04 UTC');
  });
});

const ctx: TaskEmailContext = {
  orgName: 'Acme <b>R&D</b>',
  sopTitle: 'Clean "line" <3>',
  docNumber: 'SOP-0007',
  submitterName: "O'Neil <admin>",
  submitterEmail: 'oneil@example.test',
  revisionKind: 'major',
  changeReason: 'New filler & <valve>',
  url: versionPageUrl('acme', '11111111-1111-4111-8111-111111111111', '22222222-2222-4222-8222-222222222222'),
};

describe('task emails', () => {
  it('link absolutely to the version page', () => {
    expect(ctx.url).toMatch(/^https?:\/\/[^/]+\/o\/acme\/sops\/11111111-1111-4111-8111-111111111111\/versions\/22222222-2222-4222-8222-222222222222$/);
  });

  it('escape names, title, reason and comment in HTML and keep them as typed in text', () => {
    for (const m of [taskEmail('review', ctx), taskEmail('approval', ctx), rejectionEmail(ctx, { rejecterName: 'Eve <script>', comment: 'Step 3 & <4> are wrong' })]) {
      expect(m.html).not.toMatch(/<(b|3|admin|valve|script|4)>/);
      expect(m.html).toContain('Acme &lt;b&gt;R&amp;D&lt;/b&gt;');
      expect(m.text).toContain('Acme <b>R&D</b>');
      expect(m.text).toContain(ctx.url);
      expect(m.html).toContain(`href="${ctx.url}"`);
    }
    expect(taskEmail('review', ctx).subject).toBe('Please review: SOP-0007 Clean "line" <3>');
    expect(taskEmail('approval', ctx).text).toContain("O'Neil <admin> asks you to approve");
    const r = rejectionEmail(ctx, { rejecterName: 'Eve <script>', comment: 'Step 3 & <4> are wrong' });
    expect(r.text).toContain('Their comment: Step 3 & <4> are wrong');
    expect(r.html).toContain('Step 3 &amp; &lt;4&gt; are wrong');
  });
});

const signature = (over: Partial<Signature>): Signature => ({
  id: 's1',
  versionId: 'v1',
  submissionId: 'r1',
  signerId: 'u1',
  signerName: 'Rita <Reviewer>',
  signerEmail: 'rita@example.test',
  meaning: 'reviewed',
  comment: '',
  signedAt: '2026-12-01T11:15:04.000Z',
  contentHash: 'a'.repeat(64),
  authMethod: 'password',
  valid: true,
  ...over,
});

describe('signature manifestation (21 CFR 11.50, 11.70)', () => {
  it('shows printed name, time with time zone and meaning, and INVALID only when the content changed after signing', () => {
    const html = renderToStaticMarkup(createElement(SignatureList, { signatures: [signature({}), signature({ id: 's2', meaning: 'rejected', comment: 'Wrong <valve>', valid: false })] }));
    expect(html).toContain('Rita &lt;Reviewer&gt;');
    expect(html).toContain('2026-12-01 11:15:04 UTC');
    expect(html).toContain('>Reviewed<');
    expect(html).toContain('>Rejected<');
    expect(html).toContain('“Wrong &lt;valve&gt;”');
    expect(html.match(/INVALID — content changed after signing/g)).toHaveLength(1);
  });
});
