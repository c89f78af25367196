/**
 * Lookups into the regulation library. Citations in drafts are checked here: a
 * `{ framework, clause }` pair that is not in the library is not a verifiable clause.
 */
import { FRAMEWORKS } from './frameworks';
import type { Clause, Framework } from './types';

export type { Clause, Framework } from './types';
export { FRAMEWORKS };

const byCode = new Map(FRAMEWORKS.map((f) => [f.code, f]));

export function getFramework(code: string): Framework | undefined {
  return byCode.get(code);
}

export function findClause(framework: string, clause: string): Clause | undefined {
  return byCode.get(framework)?.clauses.find((c) => c.id === clause.trim());
}

export function isKnownCitation(c: { framework: string; clause: string }): boolean {
  return findClause(c.framework, c.clause) !== undefined;
}

export function frameworkSummaries() {
  return FRAMEWORKS.map((f) => ({ code: f.code, name: f.name, version: f.version, clauseCount: f.clauses.length }));
}
