/**
 * For pages under /o/[slug]: the signed-in user and their organization, or the 404 page when
 * the org does not exist or they are not a member (no existence oracle). Cached per request.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { requireUser, type CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { listMyOrgs, requireOrg, type OrgSummary } from './service';
import { SLUG_PATTERN } from './slug';

export const loadOrg = cache(async (slug: string): Promise<{ user: CurrentUser; org: OrgSummary; orgs: OrgSummary[] }> => {
  const user = await requireUser(`/o/${slug}`);
  if (!SLUG_PATTERN.test(slug)) notFound();
  try {
    return await withUser(user.claims, async (tx) => ({ user, org: await requireOrg(tx, user.id, slug), orgs: await listMyOrgs(tx, user.id) }));
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
});
