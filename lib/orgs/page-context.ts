/**
 * For pages under /o/[slug]: the signed-in user and their organization, or the 404 page when
 * the org does not exist or they are not a member (no existence oracle), with the number of
 * tasks waiting for them per organization (the nav badges). Cached per request.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { myPendingTaskCounts } from '@/lib/document-control/service';
import { AppError } from '@/lib/errors';
import { listAuditEvents } from '@/lib/audit/service';
import { listSops } from '@/lib/sops/service';
import { loadDashboard } from './dashboard';
import { roleCan } from './permissions';
import { listMembers, listMyOrgs, requireOrg, type OrgSummary } from './service';
import { SLUG_PATTERN } from './slug';

export interface OrgPage {
  user: CurrentUser;
  org: OrgSummary;
  orgs: OrgSummary[];
  /** Pending review and approval tasks of the user, by organization id (absent: none). */
  taskCounts: Record<string, number>;
}

export const loadOrg = cache(async (slug: string): Promise<OrgPage> => {
  const user = await requireUser(`/o/${slug}`);
  if (!SLUG_PATTERN.test(slug)) notFound();
  try {
    return await withUser(user.claims, async (tx) => ({
      user,
      org: await requireOrg(tx, user.id, slug),
      orgs: await listMyOrgs(tx, user.id),
      taskCounts: await myPendingTaskCounts(tx),
    }));
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
});

/** For /o: the user's organizations with the tasks waiting for them in each. */
export const loadMyOrgs = cache(async (): Promise<Omit<OrgPage, 'org'>> => {
  const user = await requireUser('/o');
  return withUser(user.claims, async (tx) => ({ user, orgs: await listMyOrgs(tx, user.id), taskCounts: await myPendingTaskCounts(tx) }));
});

/**
 * For /o/[slug] (the overview): the org page, the member count, the dashboard's figures
 * (lib/orgs/dashboard: SOPs by status, periodic reviews, training completion, versions
 * waiting), the five SOPs updated last, and for roles that may read the trail its latest events
 * in words (lib/audit/describe, with people's names), the same events the audit page lists.
 * One transaction for all of it.
 */
export async function loadOrgOverview(slug: string) {
  const page = await loadOrg(slug);
  const canAudit = roleCan(page.org.role, 'audit.read');
  const data = await withUser(page.user.claims, async (tx) => ({
    memberCount: (await listMembers(tx, page.org.id)).length,
    dashboard: await loadDashboard(tx, page.org.id),
    recent: (await listSops(tx, page.org.id, { limit: 5 })).items,
    events: canAudit ? (await listAuditEvents(tx, page.org.id, { limit: 15 })).events : [],
  }));
  return { ...page, canAudit, canEdit: roleCan(page.org.role, 'sops.edit'), canAssign: roleCan(page.org.role, 'sops.control'), ...data };
}
