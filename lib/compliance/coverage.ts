/**
 * Compliance coverage: the one definition. For an organization and a framework of the library,
 * each counted clause (leafClauses: not a group heading, not withdrawn) is
 *   effective  at least one ACCEPTED mapping (sop_clause_mappings) points to a SOP in effect:
 *              sops.effective_version_id is set and the SOP is not obsolete (status
 *              'effective', as public.training_status reads it);
 *   draft      accepted mappings exist, but none to a SOP in effect (draft, in review,
 *              approved and waiting, or obsolete);
 *   none       no accepted mapping.
 * Proposed suggestions never count. Accepted mappings to ids the library does not have (a
 * clause removed later) or to withdrawn clauses are listed apart (`uncounted`), never counted;
 * mappings to group headings show on the heading's row but count for nothing.
 *
 * One query reads the mappings (RLS: members of the organization only, so another
 * organization's rows never appear); everything else is the library. Pages, the JSON API and
 * the evidence export (lib/compliance/evidence.ts) all call this.
 */
import { z } from 'zod';
import { percent } from '@/components/dashboard/chart-math';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { getFramework, leafClauses, type Framework } from '@/lib/library';
import { outline } from '@/lib/library/search';
import { ZSlug } from '@/lib/orgs/slug';
import type { SopStatus } from '@/lib/sops/service';
import { zText } from '@/lib/security/sanitize';
import { listOrgFrameworks } from './org-frameworks';

export const COVERAGE_STATUSES = ['effective', 'draft', 'none'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** How a coverage status reads on pages, charts and exports. */
export const COVERAGE_WORDS: Record<CoverageStatus, string> = { effective: 'Effective', draft: 'Draft only', none: 'Not covered' };

export interface CoverageSop {
  sopId: string;
  docNumber: string;
  title: string;
  status: SopStatus;
  /** In effect: an effective version and not obsolete (what makes a clause "effective"). */
  inEffect: boolean;
  /** The effective revision's label (1.0, 2.1 …) when in effect. */
  effectiveLabel: string | null;
  effectiveVersionId: string | null;
}

export interface ClauseRow {
  id: string;
  title: string;
  /** A group heading: shown as a section row, not counted. */
  group: boolean;
  /** Ids of the group headings it sits under, outermost first (lib/library/search.ts outline). */
  parents: string[];
  /** null for group headings. */
  status: CoverageStatus | null;
  /** SOPs with an accepted mapping to this clause, by document number. */
  sops: CoverageSop[];
}

export interface UncountedMapping {
  clauseId: string;
  /** not_in_library: the id is not (or no longer) in this framework; withdrawn: withdrawn by the publisher. */
  reason: 'not_in_library' | 'withdrawn';
  sops: CoverageSop[];
}

export interface CoverageSummary {
  framework: string;
  name: string;
  shortName: string;
  version: string;
  /** Counted clauses (leafClauses). */
  total: number;
  effective: number;
  draft: number;
  none: number;
  /** Whole percentages of total (null when the framework has no counted clause); see chart-math's percent(). */
  percent: { effective: number | null; draft: number | null; none: number | null };
  /** Accepted mappings to ids that are not counted (unknown or withdrawn). */
  uncounted: number;
}

export interface FrameworkCoverage {
  /** The database clock the coverage was read at. */
  asOf: string;
  framework: Pick<Framework, 'code' | 'name' | 'shortName' | 'version' | 'status' | 'coverage' | 'coverageNote'>;
  /** Whether the organization follows this framework (org_frameworks). */
  followed: boolean;
  summary: CoverageSummary;
  /** Every clause of the framework in library order (withdrawn ones left out), groups as section rows. */
  clauses: ClauseRow[];
  uncounted: UncountedMapping[];
  /** The ids of `uncounted` with reason not_in_library. */
  unknownClauseIds: string[];
}

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const ZCoverageParam = z.object({ org: ZSlug });
export const ZFrameworkParam = z.object({ org: ZSlug, code: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,39}$/, 'code is a framework code such as ISO9001.').transform((s) => s.toUpperCase()) });
export const ZCoverageFilters = z.object({
  status: z.preprocess(blank, z.enum(COVERAGE_STATUSES, { message: `status is one of ${COVERAGE_STATUSES.join(', ')}.` }).optional()),
  q: z.preprocess(blank, zText().trim().max(200, 'Search with at most 200 characters.').optional()),
});
export type CoverageFilters = z.infer<typeof ZCoverageFilters>;

export type MappingRow = {
  framework: string;
  clause_id: string;
  sop_id: string;
  doc_number: string;
  title: string;
  status: SopStatus;
  in_effect: boolean;
  effective_version_id: string | null;
  label: string | null;
};

/** The accepted mappings of these frameworks in the organization, with their SOP's state (one query). */
async function acceptedMappings(tx: Tx, orgId: string, codes: string[]): Promise<MappingRow[]> {
  if (!codes.length) return [];
  return tx.query<MappingRow>(
    `select m.framework, m.clause_id, s.id as sop_id, s.doc_number, s.title, s.status,
            (s.effective_version_id is not null and s.status = 'effective') as in_effect,
            s.effective_version_id,
            (select t.label from public.sop_transitions t
              where t.version_id = s.effective_version_id and t.label <> '' order by t.seq desc limit 1) as label
       from public.sop_clause_mappings m
       join public.sops s on s.id = m.sop_id
      where m.org_id = $1 and m.framework = any($2::text[]) and m.status = 'accepted'
      order by s.number, m.clause_id`,
    [orgId, codes],
  );
}

const toSop = (r: MappingRow): CoverageSop => ({
  sopId: r.sop_id,
  docNumber: r.doc_number,
  title: r.title,
  status: r.status,
  inEffect: r.in_effect,
  effectiveLabel: r.in_effect ? r.label : null,
  effectiveVersionId: r.in_effect ? r.effective_version_id : null,
});

/** Coverage of one framework from its accepted mapping rows (pure: the library and the rows). */
export function coverageOf(f: Framework, rows: readonly MappingRow[], asOf: string, followed: boolean): FrameworkCoverage {
  const byClause = new Map<string, CoverageSop[]>();
  for (const r of rows) {
    if (r.framework !== f.code) continue;
    const list = byClause.get(r.clause_id) ?? [];
    list.push(toSop(r));
    byClause.set(r.clause_id, list);
  }
  const known = new Map(f.clauses.map((c) => [c.id, c]));
  const counted = new Set(leafClauses(f).map((c) => c.id));
  const parentsOf = new Map(outline(f).map((e) => [e.clause.id, e.parents.map((p) => p.id)]));
  const clauses: ClauseRow[] = f.clauses
    .filter((c) => !c.withdrawn)
    .map((c) => {
      const sops = byClause.get(c.id) ?? [];
      const status: CoverageStatus | null = !counted.has(c.id) ? null : sops.some((s) => s.inEffect) ? 'effective' : sops.length ? 'draft' : 'none';
      return { id: c.id, title: c.title, group: c.group === true, parents: parentsOf.get(c.id) ?? [], status, sops };
    });
  const uncounted: UncountedMapping[] = [...byClause.entries()]
    .filter(([id]) => !known.has(id) || known.get(id)!.withdrawn)
    .map(([clauseId, sops]) => ({ clauseId, reason: known.has(clauseId) ? ('withdrawn' as const) : ('not_in_library' as const), sops }))
    .sort((a, b) => a.clauseId.localeCompare(b.clauseId, 'en', { numeric: true }));
  const n = (s: CoverageStatus) => clauses.filter((c) => c.status === s).length;
  const total = counted.size;
  const [effective, draft, none] = [n('effective'), n('draft'), n('none')];
  return {
    asOf,
    framework: { code: f.code, name: f.name, shortName: f.shortName, version: f.version, status: f.status, coverage: f.coverage, coverageNote: f.coverageNote },
    followed,
    summary: {
      framework: f.code,
      name: f.name,
      shortName: f.shortName,
      version: f.version,
      total,
      effective,
      draft,
      none,
      percent: { effective: percent(effective, total), draft: percent(draft, total), none: percent(none, total) },
      uncounted: uncounted.reduce((a, u) => a + u.sops.length, 0),
    },
    clauses,
    uncounted,
    unknownClauseIds: uncounted.filter((u) => u.reason === 'not_in_library').map((u) => u.clauseId),
  };
}

async function clock(tx: Tx): Promise<string> {
  const [row] = await tx.query<{ now: Date }>('select private.clock() as now');
  return isoTime(row!.now);
}

/** Coverage of one library framework (followed or not) in the organization; undefined for a code the library does not have. */
export async function frameworkCoverage(tx: Tx, orgId: string, code: string): Promise<FrameworkCoverage | undefined> {
  const f = getFramework(code);
  if (!f) return undefined;
  const followed = (await listOrgFrameworks(tx, orgId)).includes(f.code);
  return coverageOf(f, await acceptedMappings(tx, orgId, [f.code]), await clock(tx), followed);
}

/** The coverage of every framework the organization follows (library order), from one read of the mappings. */
export async function followedCoverage(tx: Tx, orgId: string): Promise<FrameworkCoverage[]> {
  const frameworks = (await listOrgFrameworks(tx, orgId)).map(getFramework).filter((f): f is Framework => f !== undefined);
  const rows = await acceptedMappings(tx, orgId, frameworks.map((f) => f.code));
  const asOf = await clock(tx);
  return frameworks.map((f) => coverageOf(f, rows, asOf, true));
}

/**
 * The clause rows a filter keeps: leaves with the status and/or the text (in the clause id or
 * title, or a mapped SOP's number or title; without case), and the group headings above a kept
 * leaf. Without filters, every row.
 */
export function filterClauses(rows: readonly ClauseRow[], f: CoverageFilters): ClauseRow[] {
  if (!f.status && !f.q) return [...rows];
  const q = f.q?.toLowerCase();
  const matches = (c: ClauseRow) =>
    (!f.status || c.status === f.status) &&
    (!q || [c.id, c.title, ...c.sops.flatMap((s) => [s.docNumber, s.title])].some((t) => t.toLowerCase().includes(q)));
  const kept = rows.filter((c) => !c.group && matches(c));
  const headings = new Set(kept.flatMap((c) => c.parents));
  const keep = rows.map((c) => (c.group ? headings.has(c.id) : kept.includes(c)));
  return rows.filter((_, i) => keep[i]);
}
