/** The access report's periods from membership events (lib/audit/access.ts). */
import { describe, expect, it } from 'vitest';
import { accessPeriods, type AccessEvent } from '@/lib/audit/access';

const olga = { id: 'o', name: 'Olga Owner', email: 'olga@x.test' };
const vic = { id: 'v', name: 'Vic Viewer', email: 'vic@x.test' };
const at = (n: number) => `2026-12-01T10:00:0${n}.000000Z`;

describe('access report', () => {
  it('opens a period on joining, closes it on a role change or removal, and names who granted it', () => {
    const events: AccessEvent[] = [
      { seq: '1', createdAt: at(1), action: 'member.invited', actor: olga, data: { new: { email: 'VIC@x.test', role: 'viewer' } } },
      { seq: '2', createdAt: at(2), action: 'member.joined', actor: vic, data: { new: { user_id: 'v', role: 'viewer' }, person: vic } },
      { seq: '3', createdAt: at(3), action: 'member.role_changed', actor: olga, data: { role: { old: 'viewer', new: 'approver' }, person: vic } },
      { seq: '4', createdAt: at(4), action: 'member.removed', actor: null, data: { old: { user_id: 'v', role: 'approver' }, person: vic } },
    ];
    expect(accessPeriods(events, new Map())).toEqual([
      { userId: 'v', name: 'Vic Viewer', email: 'vic@x.test', role: 'viewer', from: at(2), to: at(3), grantedBy: 'Olga Owner (invitation)', ended: 'role changed to Approver by Olga Owner' },
      { userId: 'v', name: 'Vic Viewer', email: 'vic@x.test', role: 'approver', from: at(3), to: at(4), grantedBy: 'Olga Owner', ended: 'account erased' },
    ]);
  });

  it('tells leaving from being removed, and keeps a current role open', () => {
    const events: AccessEvent[] = [
      { seq: '1', createdAt: at(1), action: 'member.joined', actor: olga, data: { new: { user_id: 'o', role: 'owner' }, person: olga } },
      { seq: '2', createdAt: at(2), action: 'member.joined', actor: olga, data: { new: { user_id: 'v', role: 'author' } } },
      { seq: '3', createdAt: at(3), action: 'member.removed', actor: vic, data: { old: { user_id: 'v', role: 'author' } } },
    ];
    const periods = accessPeriods(events, new Map([['v', vic]]));
    expect(periods.map((p) => [p.name, p.role, p.to, p.ended])).toEqual([
      ['Olga Owner', 'owner', null, ''],
      ['Vic Viewer', 'author', at(3), 'left the organization'],
    ]);
  });
});
