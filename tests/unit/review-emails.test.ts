/** The periodic-review emails (lib/review/emails.ts) and their audit wording (lib/audit/describe.ts): exact subjects, escaped HTML, absolute links. */
import { describe, expect, it } from 'vitest';
import { describeEvent, type DescribableEvent } from '@/lib/audit/describe';
import { escalationEmail, reminderEmail, reminderSubject, stageFor, type ReminderInput } from '@/lib/review/emails';

const base: ReminderInput = {
  stage: '30d',
  docNumber: 'SOP-0001',
  title: 'Line clearance',
  orgName: 'Plant A',
  dueDate: '2026-12-31',
  daysLeft: 30,
  intervalMonths: 24,
  url: 'https://sop.example/o/plant-a/sops/11111111-1111-4111-8111-111111111111',
  toOwner: true,
};

describe('review reminder emails', () => {
  it('picks the most urgent reminder that applies', () => {
    expect([31, 30, 8, 7, 1, 0, -5].map(stageFor)).toEqual([null, '30d', '30d', '7d', '7d', 'due', 'due']);
  });

  it('has the exact subjects', () => {
    expect(reminderSubject({ ...base, daysLeft: 30 })).toBe('Periodic review due in 30 days: SOP-0001 Line clearance');
    expect(reminderSubject({ ...base, daysLeft: 7 })).toBe('Periodic review due in 7 days: SOP-0001 Line clearance');
    expect(reminderSubject({ ...base, daysLeft: 1 })).toBe('Periodic review due in 1 day: SOP-0001 Line clearance');
    expect(reminderSubject({ ...base, daysLeft: 0 })).toBe('Periodic review due today: SOP-0001 Line clearance');
    expect(reminderSubject({ ...base, daysLeft: -3 })).toBe('Periodic review overdue: SOP-0001 Line clearance');
    expect(escalationEmail({ orgName: 'Plant A', listUrl: 'https://x/y', sops: [1, 2, 3].map(() => ({ docNumber: 'SOP-1', title: 't', dueDate: '2026-01-01', ownerName: '', url: 'https://x/z' })) }).subject).toBe(
      'Overdue periodic reviews at Plant A: 3 SOPs',
    );
    expect(escalationEmail({ orgName: 'Plant A', listUrl: 'https://x/y', sops: [{ docNumber: 'SOP-1', title: 't', dueDate: '2026-01-01', ownerName: '', url: 'https://x/z' }] }).subject).toBe(
      'Overdue periodic reviews at Plant A: 1 SOP',
    );
  });

  it('says when and what to do, with the absolute link, in text and in escaped HTML', () => {
    const m = reminderEmail({ ...base, title: 'Clean <script>alert(1)</script> & "dry"', orgName: 'A&B <Foods>' });
    expect(m.text).toContain('is due on 2026-12-31, in 30 days (every 24 months)');
    expect(m.text).toContain(`Open the SOP: ${base.url}`);
    expect(m.text).toContain('Clean <script>alert(1)</script> & "dry"');
    expect(m.html).not.toContain('<script>');
    expect(m.html).toContain('Clean &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;dry&quot;');
    expect(m.html).toContain('A&amp;B &lt;Foods&gt;');
    expect(m.html).toContain(`<a href="${base.url}">`);
    expect(reminderEmail({ ...base, daysLeft: -2, toOwner: false }).text).toContain('was due on 2026-12-31 and is overdue');
    expect(reminderEmail({ ...base, toOwner: false }).text).toContain('It has no owner');
  });

  it('lists every overdue SOP in the escalation, escaped, with links', () => {
    const m = escalationEmail({
      orgName: 'Plant <A>',
      listUrl: 'https://sop.example/o/plant-a/sops?review=overdue',
      sops: [
        { docNumber: 'SOP-0001', title: 'Line <b>clearance</b>', dueDate: '2026-11-01', ownerName: 'Ana "Q" Ruiz', url: 'https://sop.example/o/plant-a/sops/1' },
        { docNumber: 'SOP-0002', title: 'Allergen change-over', dueDate: '2026-11-20', ownerName: '', url: 'https://sop.example/o/plant-a/sops/2' },
      ],
    });
    expect(m.text).toContain('2 SOPs in Plant <A> are past their periodic review date');
    expect(m.text).toContain('- SOP-0001 “Line <b>clearance</b>”: due 2026-11-01, owner Ana "Q" Ruiz\n  https://sop.example/o/plant-a/sops/1');
    expect(m.text).toContain('owner none');
    expect(m.html).toContain('Line &lt;b&gt;clearance&lt;/b&gt;');
    expect(m.html).toContain('Ana &quot;Q&quot; Ruiz');
    expect(m.html).toContain('href="https://sop.example/o/plant-a/sops?review=overdue"');
    expect(m.html).not.toMatch(/<b>/);
  });
});

const event = (action: string, data: Record<string, unknown>, reason = ''): DescribableEvent => ({
  action,
  actor: { id: 'u1', name: 'Ana Ruiz', email: 'ana@x.test' },
  data,
  reason,
  sop: { docNumber: 'SOP-0001', title: 'Line clearance' },
  versionLabel: '1.0',
  inviteEmail: '',
  people: {},
});

describe('periodic review in the audit trail', () => {
  it('words the interval, the signed review and the organization defaults', () => {
    expect(describeEvent(event('sop.review_interval_set', { old: { interval_months: null, exempt_reason: null }, new: { interval_months: 12, exempt_reason: null } }))).toBe(
      'Ana Ruiz set the periodic review of SOP-0001 “Line clearance” to every 12 months (was the organization’s default interval)',
    );
    expect(describeEvent(event('sop.review_interval_set', { old: { interval_months: 12, exempt_reason: null }, new: { interval_months: null, exempt_reason: 'Kept for reference' } }))).toBe(
      'Ana Ruiz set the periodic review of SOP-0001 “Line clearance” to no periodic review (reason: “Kept for reference”) (was every 12 months)',
    );
    expect(describeEvent(event('sop.periodic_review_signed', { signer: { name: 'Ana Ruiz (as signed)' }, next_review_at: '2028-12-01T10:00:00Z' }, 'Checked'))).toBe(
      'Ana Ruiz (as signed) completed the periodic review of SOP-0001 “Line clearance” version 1.0: reviewed, no change; next review due 2028-12-01 (comment: “Checked”)',
    );
    expect(describeEvent(event('signature.signed', { meaning: 'reviewed_no_change', signer: { name: 'Ana Ruiz' }, auth_method: 'password' }))).toBe(
      'Ana Ruiz signed the periodic review of SOP-0001 “Line clearance” version 1.0 as reviewed, no change (password)',
    );
    expect(describeEvent({ ...event('org.updated', { review_interval_months: { old: 24, new: 12 }, training_due_days: { old: 14, new: 1 } }), sop: null })).toBe(
      'Ana Ruiz changed the organization: the default periodic review interval from 24 months to 12 months, the days to acknowledge training from 14 days to 1 day',
    );
  });
});
