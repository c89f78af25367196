/**
 * The words of read-and-understood training: the job's emails (exact subjects, absolute links,
 * escaped HTML) and the audit trail's sentences for training events and department changes.
 */
import { describe, expect, it } from 'vitest';
import { describeEvent, type DescribableEvent } from '@/lib/audit/describe';
import { assignedEmail, escalationEmail, overdueEmail, utcDay } from '@/lib/training/emails';

const facts = { orgName: 'Plant <A>', docNumber: 'SOP-0001', sopTitle: 'Line clearance', revision: '2.0', dueAt: '2026-12-15T09:30:00Z', url: 'https://app.example.test/o/plant-a/sops/1' };

describe('training emails', () => {
  it('have the exact subjects', () => {
    expect(assignedEmail(facts).subject).toBe('Read and understood: SOP-0001 Line clearance, revision 2.0, due 2026-12-15');
    expect(overdueEmail(facts).subject).toBe('Overdue: read and understood SOP-0001 Line clearance, revision 2.0, was due 2026-12-15');
    const rows = [{ personName: 'Vera Viewer', ...facts }, { personName: 'Paul Approver', ...facts }, { personName: 'Ana', ...facts }];
    expect(escalationEmail('Plant A', rows, 'https://app.example.test/o/plant-a/training?status=overdue').subject).toBe('Overdue training at Plant A: 3 acknowledgements');
    expect(escalationEmail('Plant A', rows.slice(0, 1), 'https://app.example.test/o/plant-a/training?status=overdue').subject).toBe('Overdue training at Plant A: 1 acknowledgement');
  });

  it('link absolutely and escape what people typed in the HTML', () => {
    const hostile = { ...facts, sopTitle: '<img src=x onerror=alert(1)>', url: 'https://app.example.test/o/a/sops/1?x="y"' };
    for (const m of [assignedEmail(hostile), overdueEmail(hostile), escalationEmail('Org & <Co>', [{ personName: '<b>Eve</b>', ...hostile }], 'https://app.example.test/o/a/members')]) {
      expect(m.html).not.toMatch(/<img|<b>Eve|<Co>/);
      expect(m.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(m.html).toContain('href="https://app.example.test/o/a/sops/1?x=&quot;y&quot;"');
      expect(m.text).toContain('https://app.example.test/o/a/sops/1');
    }
    expect(escalationEmail('Plant A', [{ personName: 'Vera Viewer', ...facts }], 'https://x.test/m').text).toContain('- Vera Viewer: SOP-0001 Line clearance, revision 2.0, due 2026-12-15 — https://app.example.test/o/plant-a/sops/1');
  });

  it('dates are UTC days', () => {
    expect(utcDay('2026-12-15T23:59:59-05:00')).toBe('2026-12-16');
  });
});

const ev = (over: Partial<DescribableEvent>): DescribableEvent => ({
  action: 'x',
  actor: { id: 'u1', name: 'Ana Ruiz', email: 'ana@x.test' },
  data: {},
  reason: '',
  sop: { docNumber: 'SOP-0007', title: 'Line clearance' },
  versionLabel: '2.0',
  inviteEmail: '',
  people: {},
  ...over,
});

describe('training in the audit trail', () => {
  it('words department changes, with or without a role change', () => {
    const person = { id: 'u2', name: 'Bob Stone' };
    expect(describeEvent(ev({ action: 'member.role_changed', data: { department: { old: '', new: 'Packaging' }, person } }))).toBe('Ana Ruiz set Bob Stone’s department to Packaging');
    expect(describeEvent(ev({ action: 'member.role_changed', data: { department: { old: 'Packaging', new: 'Office' }, person } }))).toBe('Ana Ruiz set Bob Stone’s department to Office (was Packaging)');
    expect(describeEvent(ev({ action: 'member.role_changed', data: { department: { old: 'Office', new: '' }, person } }))).toBe('Ana Ruiz cleared Bob Stone’s department (was Office)');
    expect(describeEvent(ev({ action: 'member.role_changed', data: { role: { old: 'viewer', new: 'approver' }, person } }))).toBe('Bob Stone was given the role Approver (was Viewer) by Ana Ruiz');
  });

  it('words assignments, tasks and read-and-understood signatures', () => {
    expect(describeEvent(ev({ action: 'training.assigned', data: { kind: 'department', department: 'Packaging' } }))).toBe('Ana Ruiz assigned SOP-0007 “Line clearance” for read and understood to the department “Packaging”');
    expect(describeEvent(ev({ action: 'training.assigned', data: { kind: 'role', role: 'approver' } }))).toBe('Ana Ruiz assigned SOP-0007 “Line clearance” for read and understood to everyone with the role Approver');
    expect(describeEvent(ev({ action: 'training.unassigned', data: { kind: 'person', person: { name: 'Bob Stone' } } }))).toBe('Ana Ruiz removed Bob Stone from the readers of SOP-0007 “Line clearance”');
    expect(describeEvent(ev({ action: 'training.task_created', actor: null, data: { assignee: { name: 'Bob Stone' }, major: 2, reason: 'new_version', due_at: '2026-12-15T09:30:00+00:00' } }))).toBe(
      'Bob Stone was asked to read SOP-0007 “Line clearance” (revision 2.x) and sign it as read and understood by 2026-12-15 (new revision)',
    );
    expect(describeEvent(ev({ action: 'training.task_closed', actor: null, data: { assignee: { name: 'Bob Stone' }, major: 1, reason: 'left' } }))).toBe(
      'The read-and-understood task of Bob Stone for SOP-0007 “Line clearance” (revision 1.x) was closed: they left the organization',
    );
    expect(describeEvent(ev({ action: 'signature.signed', data: { meaning: 'read_understood', signer: { name: 'Bob Stone' }, auth_method: 'password' } }))).toBe(
      'Bob Stone signed SOP-0007 “Line clearance” version 2.0 as read and understood (password)',
    );
  });
});
