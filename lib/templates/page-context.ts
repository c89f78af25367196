/** For the New SOP page: the templates the organization can start from (built-ins, then its own). */
import 'server-only';
import { cache } from 'react';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import type { OrgSummary } from '@/lib/orgs/service';
import { listTemplates } from './service';

export const loadTemplates = cache((user: CurrentUser, org: OrgSummary) => withUser(user.claims, (tx) => listTemplates(tx, org.id)));
