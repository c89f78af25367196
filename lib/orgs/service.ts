/**
 * Organization operations, each taking the open withUser() transaction. Postgres (RLS, the
 * owner guards, the private.* functions) decides what is allowed; these functions translate
 * its refusals into AppErrors with messages a person can act on. Anything that is not
 * visible to the caller is "not found" — never "forbidden" with details. Where RLS would
 * silently match no row for a member whose role may not write (an update or delete of rows
 * they can see), assertCan asks the same private.can() first, in the same transaction, so
 * that "not allowed" is a 403 and "no such row" stays a 404.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { assertSeatAvailable } from '@/lib/billing/quota';
import { AppError, databaseError } from '@/lib/errors';
import type { Permission, Role } from './permissions';

export interface OrgSummary {
  id: string;
  slug: string;
  name: string;
  role: Role;
  createdAt: string;
}

export interface Member {
  userId: string;
  email: string;
  fullName: string;
  role: Role;
  /** Free text (<= 120), '' for none; department training assignments match it without case and outer spaces. */
  department: string;
  joinedAt: string;
}

export interface InviteRow {
  id: string;
  email: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
  lastSentAt: string;
  status: 'pending' | 'expired';
}



/** 403 with `message` unless the caller's role in the organization has `permission` (private.can, as RLS uses it). */
export async function assertCan(tx: Tx, orgId: string, permission: Permission, message: string): Promise<void> {
  const [row] = await tx.query<{ ok: boolean }>('select private.can($1, $2) as ok', [orgId, permission]);
  if (!row?.ok) throw new AppError('forbidden', message);
}

const CANNOT_MANAGE_MEMBERS = 'Only owners and admins can manage members.';
const CANNOT_MANAGE_INVITES = 'Only owners and admins can invite people or change invitations.';

export async function listMyOrgs(tx: Tx, userId: string): Promise<OrgSummary[]> {
  const rows = await tx.query<{ id: string; slug: string; name: string; role: Role; created_at: Date }>(
    `select o.id, o.slug, o.name, m.role, o.created_at
       from public.organizations o join public.memberships m on m.org_id = o.id and m.user_id = $1
      order by o.name`,
    [userId],
  );
  return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, role: r.role, createdAt: isoTime(r.created_at) }));
}

/** The caller's organization by slug, with their role; not a member (or no such org) → 404. */
export async function requireOrg(tx: Tx, userId: string, slug: string): Promise<OrgSummary> {
  const rows = await tx.query<{ id: string; slug: string; name: string; role: Role; created_at: Date }>(
    `select o.id, o.slug, o.name, m.role, o.created_at
       from public.organizations o join public.memberships m on m.org_id = o.id and m.user_id = $1
      where o.slug = $2`,
    [userId, slug],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'No such organization.');
  return { id: r.id, slug: r.slug, name: r.name, role: r.role, createdAt: isoTime(r.created_at) };
}

export async function createOrganization(tx: Tx, name: string, slug: string): Promise<OrgSummary> {
  try {
    const [row] = await tx.query<{ id: string; slug: string; name: string; created_at: Date }>(
      'select id, slug, name, created_at from private.create_organization($1, $2)',
      [name, slug],
    );
    return { id: row!.id, slug: row!.slug, name: row!.name, role: 'owner', createdAt: isoTime(row!.created_at) };
  } catch (err) {
    throw databaseError(err, {
      '23505': new AppError('conflict', `The address "${slug}" is taken. Choose another.`),
      '23514': new AppError('validation_failed', 'That name or address is not valid.'),
      'P0001': new AppError('rate_limited', 'You have created many organizations today. Try again tomorrow.'),
    });
  }
}

export async function updateOrganization(tx: Tx, orgId: string, fields: { name: string; slug: string }): Promise<void> {
  try {
    const rows = await tx.query('update public.organizations set name = $2, slug = $3 where id = $1 returning id', [orgId, fields.name, fields.slug]);
    if (rows.length === 0) throw new AppError('forbidden', 'Only owners and admins can change the organization settings.');
  } catch (err) {
    throw databaseError(err, {
      '23505': new AppError('conflict', `The address "${fields.slug}" is taken. Choose another.`),
    });
  }
}

export async function listMembers(tx: Tx, orgId: string): Promise<Member[]> {
  const rows = await tx.query<{ user_id: string; email: string; full_name: string; role: Role; department: string; created_at: Date }>(
    `select m.user_id, coalesce(p.email, '') as email, coalesce(p.full_name, '') as full_name, m.role, m.department, m.created_at
       from public.memberships m left join public.profiles p on p.id = m.user_id
      where m.org_id = $1
      order by array_position(enum_range(null::public.member_role), m.role), lower(coalesce(p.full_name, p.email))`,
    [orgId],
  );
  return rows.map((r) => ({ userId: r.user_id, email: r.email, fullName: r.full_name, role: r.role, department: r.department, joinedAt: isoTime(r.created_at) }));
}

/**
 * Set a member's department (owners and admins; an owner's too). Audited as
 * 'member.role_changed' with a `department` change; the database brings the member's
 * department training tasks in line in the same transaction.
 */
export async function setMemberDepartment(tx: Tx, orgId: string, userId: string, department: string): Promise<void> {
  await assertCan(tx, orgId, 'members.manage', CANNOT_MANAGE_MEMBERS);
  const rows = await tx.query('update public.memberships set department = $3 where org_id = $1 and user_id = $2 returning id', [orgId, userId, department.trim()]);
  if (rows.length === 0) throw new AppError('not_found', 'No such member in this organization.');
}

export async function changeRole(tx: Tx, orgId: string, userId: string, role: Role): Promise<void> {
  await assertCan(tx, orgId, 'members.manage', CANNOT_MANAGE_MEMBERS);
  try {
    const rows = await tx.query('update public.memberships set role = $3 where org_id = $1 and user_id = $2 returning id', [orgId, userId, role]);
    if (rows.length === 0) throw new AppError('not_found', 'No such member, or you cannot change roles in this organization.');
  } catch (err) {
    throw databaseError(err, {
      '42501': new AppError('forbidden', 'Only an owner can grant, change or remove ownership.'),
      'P0001': new AppError('conflict', 'The last owner cannot be demoted. Transfer ownership first.'),
    });
  }
}

/** Remove a member (owners and admins), or leave (anyone, themselves). */
export async function removeMember(tx: Tx, orgId: string, userId: string): Promise<void> {
  const [self] = await tx.query<{ me: boolean }>('select $1::uuid = (select auth.uid()) as me', [userId]);
  if (!self?.me) await assertCan(tx, orgId, 'members.manage', CANNOT_MANAGE_MEMBERS);
  try {
    const rows = await tx.query('delete from public.memberships where org_id = $1 and user_id = $2 returning id', [orgId, userId]);
    if (rows.length === 0) throw new AppError('not_found', 'No such member.');
  } catch (err) {
    throw databaseError(err, {
      '42501': new AppError('forbidden', 'Only an owner can remove an owner.'),
      'P0001': new AppError('conflict', 'The last owner cannot leave. Transfer ownership first.'),
    });
  }
}

export async function transferOwnership(tx: Tx, orgId: string, toUserId: string): Promise<void> {
  try {
    await tx.query('select private.transfer_ownership($1, $2)', [orgId, toUserId]);
  } catch (err) {
    throw databaseError(err, {
      '42501': new AppError('forbidden', 'Only an owner can transfer ownership.'),
      'P0001': new AppError('not_found', 'The new owner must already be a member.'),
    });
  }
}

/* ---------------------------------------------------------------- invites */

export function newInviteToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented token with the stored hash. */
export function inviteTokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashInviteToken(token), 'hex');
  const b = Buffer.from(/^[0-9a-f]{64}$/.test(storedHash) ? storedHash : '0'.repeat(64), 'hex');
  return timingSafeEqual(a, b) && /^[0-9a-f]{64}$/.test(storedHash);
}

export async function listInvites(tx: Tx, orgId: string): Promise<InviteRow[]> {
  await assertCan(tx, orgId, 'invites.manage', CANNOT_MANAGE_INVITES);
  const rows = await tx.query<{ id: string; email: string; role: Role; created_at: Date; expires_at: Date; last_sent_at: Date }>(
    `select id, email, role, created_at, expires_at, last_sent_at from public.invites
      where org_id = $1 and accepted_at is null and revoked_at is null order by created_at desc`,
    [orgId],
  );
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.role,
    createdAt: isoTime(r.created_at),
    expiresAt: isoTime(r.expires_at),
    lastSentAt: isoTime(r.last_sent_at),
    status: new Date(r.expires_at).getTime() > Date.now() ? 'pending' : 'expired',
  }));
}

/** Creates an invite; returns the raw token, which exists only in the email link from here on. */
export async function createInvite(tx: Tx, orgId: string, invitedBy: string, email: string, role: Exclude<Role, 'owner'>) {
  await assertCan(tx, orgId, 'invites.manage', CANNOT_MANAGE_INVITES);
  const already = await tx.query(
    `select 1 from public.memberships m join public.profiles p on p.id = m.user_id where m.org_id = $1 and lower(p.email) = $2`,
    [orgId, email],
  );
  if (already.length) throw new AppError('conflict', `${email} is already a member.`);
  await assertSeatAvailable(tx, orgId);
  const { token, hash } = newInviteToken();
  try {
    const [row] = await tx.query<{ id: string; expires_at: Date }>(
      'insert into public.invites (org_id, email, role, token_hash, invited_by) values ($1, $2, $3, $4, $5) returning id, expires_at',
      [orgId, email, role, hash, invitedBy],
    );
    return { id: row!.id, token, expiresAt: isoTime(row!.expires_at) };
  } catch (err) {
    throw databaseError(err, {
      '23505': new AppError('conflict', `${email} already has a pending invite. Resend it instead.`),
      '42501': new AppError('forbidden', 'Only owners and admins can invite people.'),
    });
  }
}

/** A fresh token and a fresh 7 days; the old link stops working. */
export async function renewInvite(tx: Tx, orgId: string, inviteId: string) {
  await assertCan(tx, orgId, 'invites.manage', CANNOT_MANAGE_INVITES);
  const { token, hash } = newInviteToken();
  const rows = await tx.query<{ id: string; email: string; role: Role; expires_at: Date }>(
    `update public.invites set token_hash = $3, expires_at = now() + interval '7 days', last_sent_at = now()
      where id = $2 and org_id = $1 and accepted_at is null and revoked_at is null
      returning id, email, role, expires_at`,
    [orgId, inviteId, hash],
  );
  const r = rows[0];
  if (!r) throw new AppError('not_found', 'No such pending invite.');
  return { id: r.id, email: r.email, role: r.role, token, expiresAt: isoTime(r.expires_at) };
}

export async function revokeInvite(tx: Tx, orgId: string, inviteId: string): Promise<void> {
  await assertCan(tx, orgId, 'invites.manage', CANNOT_MANAGE_INVITES);
  const rows = await tx.query(
    'update public.invites set revoked_at = now() where id = $2 and org_id = $1 and accepted_at is null and revoked_at is null returning id',
    [orgId, inviteId],
  );
  if (rows.length === 0) throw new AppError('not_found', 'No such pending invite.');
}

export interface InvitePreview {
  orgName: string;
  orgSlug: string;
  role: Role;
  email: string;
  state: 'valid' | 'expired' | 'used';
}

/** What an invite link shows; null when the id/token pair is not a real invite. */
export async function previewInvite(tx: Tx, inviteId: string, token: string): Promise<InvitePreview | null> {
  const [r] = await tx.query<{ org_name: string; org_slug: string; role: Role; email: string; token_hash: string; expires_at: Date; accepted_at: Date | null; revoked_at: Date | null }>(
    'select * from private.invite_preview($1)',
    [inviteId],
  );
  if (!r || !inviteTokenMatches(token, r.token_hash)) return null;
  const state = r.accepted_at || r.revoked_at ? 'used' : new Date(r.expires_at).getTime() <= Date.now() ? 'expired' : 'valid';
  return { orgName: r.org_name, orgSlug: r.org_slug, role: r.role, email: r.email, state };
}

const ACCEPT_ERRORS: Record<string, [import('@/lib/errors').ErrorCode, string]> = {
  invite_invalid: ['not_found', 'This invite link is not valid.'],
  invite_used: ['conflict', 'This invite has already been used or was withdrawn.'],
  invite_expired: ['conflict', 'This invite has expired. Ask for a new one.'],
  invite_wrong_account: ['forbidden', 'This invite was sent to a different email address. Sign in with that address to accept it.'],
};

export async function acceptInvite(tx: Tx, inviteId: string, token: string): Promise<{ orgSlug: string }> {
  const preview = await previewInvite(tx, inviteId, token);
  if (!preview) throw new AppError(...ACCEPT_ERRORS.invite_invalid!);
  try {
    await tx.query('select private.accept_invite($1, $2)', [inviteId, hashInviteToken(token)]);
  } catch (err) {
    const key = err instanceof Error ? Object.keys(ACCEPT_ERRORS).find((k) => err.message.includes(k)) : undefined;
    if (key) throw new AppError(...ACCEPT_ERRORS[key]!);
    throw err;
  }
  return { orgSlug: preview.orgSlug };
}

export interface DocumentSettings {
  aiAllowed: boolean;
  sensitiveTerms: string[];
  exportFooter: string;
  pageSize: 'A4' | 'Letter';
}

export async function getDocumentSettings(tx: Tx, orgId: string): Promise<DocumentSettings> {
  const [r] = await tx.query<{ ai_allowed: boolean; sensitive_terms: string[]; export_footer: string; page_size: 'A4' | 'Letter' }>(
    'select ai_allowed, sensitive_terms, export_footer, page_size from public.organizations where id = $1',
    [orgId],
  );
  if (!r) throw new AppError('not_found', 'No such organization.');
  return { aiAllowed: r.ai_allowed, sensitiveTerms: r.sensitive_terms, exportFooter: r.export_footer, pageSize: r.page_size };
}

export async function updateDocumentSettings(tx: Tx, orgId: string, s: DocumentSettings): Promise<void> {
  const rows = await tx.query(
    'update public.organizations set ai_allowed = $2, sensitive_terms = $3, export_footer = $4, page_size = $5 where id = $1 returning id',
    [orgId, s.aiAllowed, s.sensitiveTerms, s.exportFooter, s.pageSize],
  );
  if (rows.length === 0) throw new AppError('forbidden', 'Only owners and admins can change these settings.');
}


/** The organization's defaults for periodic review (months) and read-and-understood training (days to acknowledge). */
export interface ReviewSettings {
  reviewIntervalMonths: number;
  trainingDueDays: number;
}

export async function getReviewSettings(tx: Tx, orgId: string): Promise<ReviewSettings> {
  const [r] = await tx.query<{ review_interval_months: number; training_due_days: number }>('select review_interval_months, training_due_days from public.organizations where id = $1', [orgId]);
  if (!r) throw new AppError('not_found', 'No such organization.');
  return { reviewIntervalMonths: Number(r.review_interval_months), trainingDueDays: Number(r.training_due_days) };
}

/** Owners and admins (RLS); audited as org.updated by the organizations trigger. */
export async function updateReviewSettings(tx: Tx, orgId: string, s: ReviewSettings): Promise<void> {
  const rows = await tx.query('update public.organizations set review_interval_months = $2, training_due_days = $3 where id = $1 returning id', [orgId, s.reviewIntervalMonths, s.trainingDueDays]);
  if (rows.length === 0) throw new AppError('forbidden', 'Only owners and admins can change these settings.');
}
