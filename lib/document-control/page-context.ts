/** For the "My tasks" page: the organization and the signed-in user's tasks waiting in it. */
import 'server-only';
import { cache } from 'react';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { myPendingTasks } from './service';

export const loadMyTasks = cache(async (slug: string) => {
  const { user, org } = await loadOrg(slug);
  return { user, org, tasks: await withUser(user.claims, (tx) => myPendingTasks(tx, org.id)) };
});
