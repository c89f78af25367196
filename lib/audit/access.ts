/**
 * The access report (EU GMP Annex 11 §12): who held which role in the organization, from when
 * to when, derived from the trail's membership events alone (member.joined, role_changed,
 * removed; an ownership transfer is two role changes). Removed and erased members are named as
 * the events recorded them. Pure: the events come from lib/audit/service.ts.
 */
import { personWords, roleWords, type Person } from './describe';

export interface AccessEvent {
  seq: string;
  createdAt: string;
  action: string;
  actor: Person | null;
  data: Record<string, unknown>;
}

export interface AccessPeriod {
  userId: string;
  name: string;
  email: string;
  role: string;
  from: string;
  /** null: still held. */
  to: string | null;
  grantedBy: string;
  /** How it ended: 'role changed to Admin', 'removed by …', 'left', 'account erased'. */
  ended: string;
}

/** The events the report reads: invitations (who granted a role someone accepted) and memberships. */
export const MEMBERSHIP_ACTIONS = ['member.invited', 'member.joined', 'member.role_changed', 'member.removed'] as const;

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const s = (v: unknown) => (typeof v === 'string' ? v : '');

/** Periods, oldest first, from membership events in seq order. */
export function accessPeriods(events: readonly AccessEvent[], people: ReadonlyMap<string, Person>): AccessPeriod[] {
  const open = new Map<string, AccessPeriod>();
  const done: AccessPeriod[] = [];
  const who = (e: AccessEvent) => (e.actor ? personWords(e.actor, 'someone') : 'the system');
  /** Who invited an address, newest invitation last. */
  const inviter = new Map<string, string>();
  for (const e of events) {
    const row = obj(e.data.new ?? e.data.old);
    if (e.action === 'member.invited') {
      inviter.set(s(row.email).toLowerCase(), who(e));
      continue;
    }
    const person = obj(e.data.person);
    const userId = s(row.user_id) || s(person.id);
    if (!userId) continue;
    const known = people.get(userId);
    const name = s(person.name) || known?.name || '';
    const email = s(person.email) || known?.email || '';
    // Accepting an invitation is done by the person; the role was granted by who invited them.
    const granter = (e: AccessEvent) => (e.actor?.id === userId && inviter.has(email.toLowerCase()) ? `${inviter.get(email.toLowerCase())} (invitation)` : who(e));
    const start = (role: string) => open.set(userId, { userId, name, email, role, from: e.createdAt, to: null, grantedBy: granter(e), ended: '' });
    const close = (ended: string) => {
      const p = open.get(userId);
      if (!p) return;
      done.push({ ...p, name: p.name || name, email: p.email || email, to: e.createdAt, ended });
      open.delete(userId);
    };
    if (e.action === 'member.joined') {
      start(s(row.role));
    } else if (e.action === 'member.role_changed') {
      const role = obj(e.data.role);
      if (!role.new) continue;
      close(`role changed to ${roleWords(role.new)}${e.actor ? ` by ${who(e)}` : ''}`);
      start(s(role.new));
    } else if (e.action === 'member.removed') {
      close(!e.actor ? 'account erased' : e.actor.id === userId ? 'left the organization' : `removed by ${who(e)}`);
    }
  }
  return [...done, ...open.values()].sort((a, b) => a.from.localeCompare(b.from) || a.name.localeCompare(b.name));
}
