/**
 * For /o/[slug]/compliance (the coverage of every framework the organization follows) and
 * /o/[slug]/compliance/[code] (one library framework, followed or not, clause by clause, with
 * the filters in the address). Every member may see both. An unknown code is the 404 page; a
 * bad filter is reported beside the form and the table shows unfiltered, never a 500.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { withUser } from '@/lib/db';
import { getFramework } from '@/lib/library';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { filterClauses, followedCoverage, frameworkCoverage, ZCoverageFilters } from './coverage';

export type CoverageSearch = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function loadCompliancePage(slug: string) {
  const { user, org } = await loadOrg(slug);
  const frameworks = await withUser(user.claims, (tx) => followedCoverage(tx, org.id));
  return { org, frameworks, canPick: roleCan(org.role, 'org.update') };
}

export async function loadFrameworkCoveragePage(slug: string, code: string, search: CoverageSearch) {
  const { user, org } = await loadOrg(slug);
  if (!getFramework(code.toUpperCase())) notFound();
  const raw = { status: first(search.status) ?? '', q: first(search.q) ?? '' };
  const parsed = ZCoverageFilters.safeParse(raw);
  const filters = parsed.success ? parsed.data : {};
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid filter.');
  const coverage = await withUser(user.claims, (tx) => frameworkCoverage(tx, org.id, code.toUpperCase()));
  if (!coverage) notFound();
  return { org, coverage, filters, problem, rows: filterClauses(coverage.clauses, filters), canPick: roleCan(org.role, 'org.update') };
}
