/**
 * Lookups into the regulation library. Citations in drafts are checked here: a
 * `{ framework, clause }` pair that is not in the library is not a verifiable clause.
 */
import { FRAMEWORKS } from './frameworks';
import type { Clause, Framework } from './types';

export type { Clause, Framework, FrameworkCategory, ReferenceMatch } from './types';
export { FRAMEWORKS };

const byCode = new Map(FRAMEWORKS.map((f) => [f.code, f]));

export function getFramework(code: string): Framework | undefined {
  return byCode.get(code);
}

/** The clause, withdrawn or not (an SOP written against it must stay readable). */
export function findClause(framework: string, clause: string): Clause | undefined {
  return byCode.get(framework)?.clauses.find((c) => c.id === clause.trim());
}

/** A clause new work may cite: in the library and not withdrawn. */
export function isKnownCitation(c: { framework: string; clause: string }): boolean {
  const found = findClause(c.framework, c.clause);
  return found !== undefined && !found.withdrawn;
}

/** What the library pages say beside a copyrighted standard. */
export const COPYRIGHT_NOTE = 'Clause numbers and SOPwright’s own short titles only — the standard’s text is not reproduced; read it in your licensed copy.';

/** Editions offered for new work (drafting, org selection, mapping). */
export const CURRENT_FRAMEWORKS: readonly Framework[] = FRAMEWORKS.filter((f) => f.status === 'current');
export const CURRENT_FRAMEWORK_CODES = CURRENT_FRAMEWORKS.map((f) => f.code) as [string, ...string[]];

/** The clauses coverage counts: not group headings, not withdrawn. */
export function leafClauses(f: Framework): Clause[] {
  return f.clauses.filter((c) => !c.group && !c.withdrawn);
}

/** What the library list (GET /api/v1/frameworks) says about a framework. */
export function frameworkSummary(f: Framework) {
  return {
    code: f.code,
    family: f.family,
    name: f.name,
    shortName: f.shortName,
    version: f.version,
    category: f.category,
    status: f.status,
    ...(f.supersededBy && { supersededBy: f.supersededBy }),
    coverage: f.coverage,
    source: f.source,
    clauseCount: f.clauses.length,
  };
}

export function frameworkSummaries() {
  return FRAMEWORKS.map(frameworkSummary);
}

/** One framework with its clauses (GET /api/v1/frameworks/{code}); `clauses` may be a subset (a search). */
export function frameworkDetail(f: Framework, clauses: readonly Clause[] = f.clauses) {
  return {
    ...frameworkSummary(f),
    coverageNote: f.coverageNote,
    text: f.text,
    ...(f.successorMap && { successorMap: f.successorMap }),
    clauses: clauses.map((c) => ({
      id: c.id,
      title: c.title,
      ...(c.group && { group: true as const }),
      ...(c.withdrawn && { withdrawn: c.withdrawn }),
      ...(c.keywords?.length && { keywords: c.keywords }),
    })),
  };
}
