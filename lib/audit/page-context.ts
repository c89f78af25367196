/**
 * For /o/[slug]/audit and /o/[slug]/audit/access: the organization, whether the role may read
 * the trail, and the page's data. The filter form is a GET form; its empty fields mean "any"
 * and a bad value is reported beside the form, never a 500.
 */
import 'server-only';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { ZAuditListQuery } from './api-schemas';
import { accessReport, auditPeople, auditSops, listAuditEvents, type AuditPage } from './service';

export type AuditSearch = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function loadAuditPage(slug: string, search: AuditSearch) {
  const { user, org } = await loadOrg(slug);
  const raw = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, first(v) ?? '']));
  if (!roleCan(org.role, 'audit.read')) return { org, allowed: false as const };
  const parsed = ZAuditListQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZAuditListQuery.parse({});
  const problem = parsed.success ? null : parsed.error.issues[0]?.message ?? 'Invalid filter.';
  const data = await withUser(user.claims, async (tx) => ({
    page: (await listAuditEvents(tx, org.id, query)) as AuditPage,
    people: [...(await auditPeople(tx, org.id)).values()],
    sops: await auditSops(tx, org.id),
  }));
  const values = parsed.success ? raw : {};
  return { org, allowed: true as const, problem, values, query, ...data };
}

export async function loadAccessReport(slug: string) {
  const { user, org } = await loadOrg(slug);
  if (!roleCan(org.role, 'audit.read')) return { org, allowed: false as const };
  return { org, allowed: true as const, periods: await withUser(user.claims, (tx) => accessReport(tx, org.id)) };
}
