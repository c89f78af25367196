/**
 * Reading the organization's audit trail (RLS: roles with audit.read see it; others see no
 * rows). Every function takes the caller's open transaction. Events come with their raw fields
 * exactly as hashed (created_at in UTC with microseconds, data as Postgres's data::text) and
 * with a sentence in words (lib/audit/describe.ts).
 */
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { accessPeriods, MEMBERSHIP_ACTIONS, type AccessPeriod } from './access';
import { actionsOf, describeEvent, type ActionGroup, type Person, ACTION_GROUP_KEYS } from './describe';

export interface AuditFilter {
  sop?: string;
  actor?: string;
  /** An action name (signature.signed) or a group (signatures). */
  action?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
}

export interface AuditEvent {
  seq: string;
  id: string;
  createdAt: string;
  orgId: string;
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string;
  data: Record<string, unknown>;
  /** data as Postgres prints it (data::text): what the hash covers. */
  dataText: string;
  reason: string;
  prevHash: string;
  hash: string;
  actor: Person | null;
  sop: { id: string; docNumber: string; title: string } | null;
  versionLabel: string;
  description: string;
}

interface Row extends Record<string, unknown> {
  seq: string;
  id: string;
  created_at: string;
  org_id: string;
  actor_id: string;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string;
  data: string;
  reason: string;
  prev_hash: string;
  hash: string;
  sop_id: string | null;
  doc_number: string | null;
  sop_title: string | null;
  version_label: string | null;
  invite_email: string | null;
}

export const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

const SOP_OF = `coalesce(a.data ->> 'sop_id', case when a.target_type = 'sops' then a.target_id end)`;
const VERSION_OF = `coalesce(a.data ->> 'version_id', case when a.target_type = 'sop_versions' then a.target_id end)`;

const SELECT = `
  select a.seq::text as seq, a.id, to_char(a.created_at at time zone 'UTC', ${UTC_MICROS}) as created_at,
         a.org_id::text as org_id, coalesce(a.actor_id::text, '') as actor_id, a.actor_email, a.action,
         a.target_type, a.target_id, a.data::text as data, a.reason, a.prev_hash, a.hash,
         s.id as sop_id, s.doc_number, s.title as sop_title,
         case when a.action = 'sop.version_created' then a.data ->> 'label' else coalesce(nullif(a.data ->> 'label', ''), vl.label, v.label) end as version_label,
         case when a.target_type = 'invites' then (
           select i.data -> 'new' ->> 'email' from public.audit_events i
            where i.org_id = a.org_id and i.action = 'member.invited' and i.target_id = a.target_id limit 1) end as invite_email
    from public.audit_events a
    left join public.sop_versions v on v.id = nullif(${VERSION_OF}, '')::uuid
    left join public.sops s on s.id = coalesce(nullif(${SOP_OF}, '')::uuid, v.sop_id)
    left join lateral (
      select t.label from public.sop_transitions t where t.version_id = v.id and t.label <> '' order by t.seq desc limit 1
    ) vl on true`;

/** The actions a filter value stands for: a group's, or the one named. */
export function actionsFor(action: string): string[] {
  return (ACTION_GROUP_KEYS as readonly string[]).includes(action) ? actionsOf(action as ActionGroup) : [action];
}

function where(orgId: string, f: AuditFilter, params: unknown[]): string {
  params.push(orgId);
  const clauses = [`a.org_id = $${params.length}`];
  const add = (sql: (n: string) => string, value: unknown) => {
    params.push(value);
    clauses.push(sql(`$${params.length}`));
  };
  if (f.sop) add((n) => `s.id = ${n}::uuid`, f.sop);
  if (f.actor) add((n) => `a.actor_id = ${n}::uuid`, f.actor);
  if (f.action) add((n) => `a.action = any(${n}::text[])`, actionsFor(f.action));
  if (f.from) add((n) => `a.created_at >= ${n}::timestamptz`, f.from.toISOString());
  if (f.to) add((n) => `a.created_at < ${n}::timestamptz`, f.to.toISOString());
  return clauses.join(' and ');
}

/** Everyone the trail names, by id (as they are now, or as they were when erased). */
export async function auditPeople(tx: Tx, orgId: string): Promise<Map<string, Person>> {
  const rows = await tx.query<{ id: string; name: string; email: string }>('select id, name, email from private.audit_people($1) order by lower(coalesce(nullif(name, \'\'), email))', [orgId]);
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, email: r.email }]));
}

function toEvent(r: Row, people: Map<string, Person>): AuditEvent {
  const data = JSON.parse(r.data) as Record<string, unknown>;
  const actorId = r.actor_id || null;
  const known = actorId ? people.get(actorId) : undefined;
  const actor: Person | null = actorId ? { id: actorId, name: known?.name ?? '', email: known?.email || r.actor_email } : null;
  const sop = r.sop_id ? { id: r.sop_id, docNumber: r.doc_number ?? '', title: r.sop_title ?? '' } : null;
  const versionLabel = r.version_label ?? '';
  const event = {
    seq: r.seq,
    id: r.id,
    createdAt: r.created_at,
    orgId: r.org_id,
    actorId,
    actorEmail: r.actor_email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    data,
    dataText: r.data,
    reason: r.reason,
    prevHash: r.prev_hash,
    hash: r.hash,
    actor,
    sop,
    versionLabel,
  };
  const description = describeEvent({ ...event, inviteEmail: r.invite_email ?? '', people: Object.fromEntries(people) });
  return { ...event, description };
}

export interface AuditPage {
  events: AuditEvent[];
  /** Pass as `cursor` for the next (older) page; null at the end. */
  nextCursor: string | null;
}

/** A page of the trail, newest first; `cursor` is the seq the previous page ended at. */
export async function listAuditEvents(tx: Tx, orgId: string, f: AuditFilter & { cursor?: string; limit: number }): Promise<AuditPage> {
  const params: unknown[] = [];
  let sql = `${SELECT} where ${where(orgId, f, params)}`;
  if (f.cursor) {
    params.push(f.cursor);
    sql += ` and a.seq < $${params.length}::bigint`;
  }
  params.push(f.limit + 1);
  const rows = await tx.query<Row>(`${sql} order by a.seq desc limit $${params.length}`, params);
  const people = await auditPeople(tx, orgId);
  const page = rows.slice(0, f.limit).map((r) => toEvent(r, people));
  return { events: page, nextCursor: rows.length > f.limit ? page.at(-1)!.seq : null };
}

/** Every event matching the filter, oldest first (for exports). */
export async function allAuditEvents(tx: Tx, orgId: string, f: AuditFilter = {}): Promise<AuditEvent[]> {
  const params: unknown[] = [];
  const rows = await tx.query<Row>(`${SELECT} where ${where(orgId, f, params)} order by a.seq`, params);
  const people = await auditPeople(tx, orgId);
  return rows.map((r) => toEvent(r, people));
}

/** Record the export in the trail (same transaction) and return the new head. */
export async function recordAuditExport(tx: Tx, orgId: string, format: 'csv' | 'docx' | 'access_csv', filters: Record<string, string>): Promise<{ seq: string; hash: string }> {
  const [row] = await tx.query<{ seq: string; hash: string }>('select seq::text as seq, hash from private.record_audit_export($1, $2, $3::jsonb)', [orgId, format, JSON.stringify(filters)]);
  if (!row) throw new AppError('forbidden', 'Your role cannot read the audit trail of this organization.');
  return row;
}

/** The SOPs the trail can be filtered by (id, number, title), by number. */
export function auditSops(tx: Tx, orgId: string): Promise<{ id: string; doc_number: string; title: string }[]> {
  return tx.query('select id, doc_number, title from public.sops where org_id = $1 order by number', [orgId]);
}

/** Who held which role, from when to when (lib/audit/access.ts), oldest first. */
export async function accessReport(tx: Tx, orgId: string): Promise<AccessPeriod[]> {
  const events = await allAuditEvents(tx, orgId, { action: 'access' });
  const people = await auditPeople(tx, orgId);
  return accessPeriods(events.filter((e) => (MEMBERSHIP_ACTIONS as readonly string[]).includes(e.action)), people);
}
