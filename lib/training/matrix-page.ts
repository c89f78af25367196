/**
 * For /o/[slug]/training: the organization, one page of the training matrix for the filters in
 * the address, and what the filter form offers (departments, SOPs with an effective version).
 * Every member may see it. A bad filter is reported beside the form and the matrix shows
 * unfiltered, never a 500.
 */
import 'server-only';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { filterEntries, matrixDepartments, matrixSopOptions, trainingMatrix, ZMatrixQuery } from './matrix';

export type MatrixSearch = Record<string, string | string[] | undefined>;

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export async function loadTrainingMatrixPage(slug: string, search: MatrixSearch) {
  const { user, org } = await loadOrg(slug);
  const raw = Object.fromEntries(Object.entries(search).map(([k, v]) => [k, first(v) ?? '']));
  const parsed = ZMatrixQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ZMatrixQuery.parse({});
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Invalid filter.');
  const data = await withUser(user.claims, async (tx) => ({
    matrix: await trainingMatrix(tx, org.id, query),
    departments: await matrixDepartments(tx, org.id),
    sopOptions: await matrixSopOptions(tx, org.id),
  }));
  const filters = { department: query.department, sop: query.sop, status: query.status, q: query.q };
  return { org, canAssign: roleCan(org.role, 'sops.control'), problem, filters, filterParams: filterEntries(filters), ...data };
}
