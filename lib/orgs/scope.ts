/**
 * The one way an entry point acts inside an organization: inOrg() opens withUser() for the
 * verified user, resolves the organization from its slug once (a member's own org, else 404),
 * checks the role's permission (403 with a message a person can act on; RLS still decides
 * every row), and hands `{ tx, org }` to the work. Route handlers (lib/http/route.ts) and form
 * actions (lib/http/action.ts) are built on it; pages use loadOrg() (page-context.ts).
 *
 * Never hold the transaction across a network call (the model, Stripe, email): return
 * afterCommit(fn) from the work, and fn runs once the transaction has committed.
 */
import 'server-only';
import { withApiUser, type CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import type { VerifiedClaims } from '@/lib/db/claims';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { roleCan, type Permission } from './permissions';
import { requireOrg, type OrgSummary } from './service';

export interface OrgScope {
  tx: Tx;
  org: OrgSummary;
}

const AFTER_COMMIT = Symbol('afterCommit');
export interface AfterCommit<T> {
  [AFTER_COMMIT]: () => Promise<T>;
}

/** Work to run once the transaction has committed (network calls, streaming responses). */
export function afterCommit<T>(fn: () => Promise<T>): AfterCommit<T> {
  return { [AFTER_COMMIT]: fn };
}

function isAfterCommit<T>(v: unknown): v is AfterCommit<T> {
  return typeof v === 'object' && v !== null && AFTER_COMMIT in v;
}

/** Messages for a role that lacks the permission an entry point declares. */
const REFUSED: Partial<Record<Permission, string>> = {
  'org.update': 'Only owners and admins can change organization settings.',
  'members.manage': 'Only owners and admins can manage members.',
  'invites.manage': 'Only owners and admins can invite people or change invitations.',
  'billing.manage': 'Only owners and admins can manage billing.',
  'sops.edit': 'Your role cannot create or edit SOPs in this organization. Ask an owner or admin to make you an author.',
  'audit.read': 'Your role cannot read the audit trail of this organization.',
};

export function assertRole(org: OrgSummary, permission: Permission): void {
  if (!roleCan(org.role, permission)) throw new AppError('forbidden', REFUSED[permission] ?? 'Your role in this organization does not allow this.');
}

/** The organization, the permission, then the work, in a transaction already open for the user. */
async function inOrgTx<T>(tx: Tx, user: CurrentUser, slug: string, permission: Permission | undefined, work: (scope: OrgScope) => Promise<T | AfterCommit<T>>) {
  const org = await requireOrg(tx, user.id, slug);
  if (permission) assertRole(org, permission);
  return work({ tx, org });
}

const committed = <T>(result: T | AfterCommit<T>): Promise<T> | T => (isAfterCommit<T>(result) ? result[AFTER_COMMIT]() : result);

export async function inOrg<T>(user: CurrentUser, slug: string, permission: Permission | undefined, work: (scope: OrgScope) => Promise<T | AfterCommit<T>>): Promise<T> {
  return committed(await withUser(user.claims, (tx) => inOrgTx(tx, user, slug, permission, work)));
}

/**
 * inOrg() for verified claims whose session is not checked yet (orgRoute without a rate
 * limit): the transaction's opening statement checks the session (401/403 as
 * requireApiUser), then the same organization, permission and work, in that one transaction.
 */
export async function inOrgChecked<T>(
  claims: VerifiedClaims,
  slug: string,
  permission: Permission | undefined,
  work: (scope: OrgScope & { user: CurrentUser }) => Promise<T | AfterCommit<T>>,
): Promise<T> {
  return committed(await withApiUser(claims, (tx, user) => inOrgTx(tx, user, slug, permission, (scope) => work({ ...scope, user }))));
}
