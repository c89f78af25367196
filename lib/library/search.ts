/**
 * Reading the library: searching clause ids and titles (the /library pages and
 * GET /api/v1/frameworks/{code}?q=), and the outline of a framework (which group heading each
 * clause sits under, and how deep each heading is) for showing it.
 */
import type { Clause, Framework } from './types';

/** The longest search accepted (pages and API). */
export const MAX_QUERY_LENGTH = 200;
/** At most this many hits across the library; the rest are counted, not listed. */
export const MAX_HITS = 200;

const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[‘’`]/g, "'");

/** The words of a search, folded; none for blank text. */
export function queryTerms(q: string): string[] {
  return fold(q).split(/\s+/).filter(Boolean);
}

/** Does the clause's id or title contain every word of the search? */
export function clauseMatches(c: Clause, terms: string[]): boolean {
  if (!terms.length) return false;
  const hay = `${fold(c.id)} ${fold(c.title)}`;
  return terms.every((t) => hay.includes(t));
}

/** Within one framework: an id equal to the search first, then ids that start with it, then the rest, each in the framework's order. */
export function searchFramework(f: Framework, q: string): Clause[] {
  const terms = queryTerms(q);
  const hits = f.clauses.filter((c) => clauseMatches(c, terms));
  const whole = fold(q.trim());
  const rank = (c: Clause) => (fold(c.id) === whole ? 0 : fold(c.id).startsWith(whole) ? 1 : 2);
  return hits.map((c, i) => ({ c, i, r: rank(c) })).sort((a, b) => a.r - b.r || a.i - b.i).map((x) => x.c);
}

export interface LibraryHits {
  groups: { framework: Framework; clauses: Clause[] }[];
  /** Every hit, listed or not. */
  total: number;
  /** Hits left out past MAX_HITS. */
  omitted: number;
}

/** Across the library, grouped by framework in library order, at most `limit` hits listed. */
export function searchLibrary(frameworks: readonly Framework[], q: string, limit = MAX_HITS): LibraryHits {
  const groups: LibraryHits['groups'] = [];
  let total = 0;
  let listed = 0;
  for (const framework of frameworks) {
    const hits = searchFramework(framework, q);
    total += hits.length;
    const room = Math.max(0, limit - listed);
    if (hits.length && room) {
      groups.push({ framework, clauses: hits.slice(0, room) });
      listed += Math.min(room, hits.length);
    }
  }
  return { groups, total, omitted: total - listed };
}

/* ------------------------------------------------------------------ outline */

/** "Subpart", "Chapter", "Section" … of an id like "Subpart B"; none for numbered ids ("7.5", "GV.OC"). */
const kindOf = (id: string) => /^([A-Za-z]+)\s+\S/.exec(id)?.[1]?.toLowerCase();

export interface OutlineEntry {
  clause: Clause;
  /** For a group heading: 0 for the outermost level, 1 inside another heading, … */
  depth: number;
  /** The group headings it sits under, outermost first. */
  parents: Clause[];
}

/**
 * Which heading each clause sits under, from the order of the clauses: a heading is inside the
 * open heading whose id its own extends ("1.1" in "1", "GV.OC" in "GV"), or inside an open
 * heading of an earlier-seen kind ("Section 1" in "Chapter II"); otherwise it closes headings
 * until it is. A leaf sits under whatever is open, once the numbered headings it does not
 * extend are closed ("7.2" is not under "7.1").
 */
export function outline(f: Framework): OutlineEntry[] {
  const kindRank = new Map<string, number>();
  for (const c of f.clauses) {
    const k = c.group ? kindOf(c.id) : undefined;
    if (k && !kindRank.has(k)) kindRank.set(k, kindRank.size);
  }
  const extendsId = (outer: Clause, inner: Clause) => inner.id.startsWith(outer.id) && /^[.\-\s(]/.test(inner.id.slice(outer.id.length));
  const inside = (outer: Clause, inner: Clause) => {
    if (extendsId(outer, inner)) return true;
    const a = kindOf(outer.id);
    const b = kindOf(inner.id);
    return a !== undefined && b !== undefined && a !== b && kindRank.get(a)! < kindRank.get(b)!;
  };
  // A numbered heading ("7.1") ends where a clause that does not extend its id appears ("7.2").
  const open: Clause[] = [];
  return f.clauses.map((clause) => {
    if (!clause.group) {
      while (open.length && kindOf(open.at(-1)!.id) === undefined && !extendsId(open.at(-1)!, clause)) open.pop();
      return { clause, depth: open.length, parents: [...open] };
    }
    while (open.length && !inside(open.at(-1)!, clause)) open.pop();
    const entry = { clause, depth: open.length, parents: [...open] };
    open.push(clause);
    return entry;
  });
}

/** An HTML id for a clause's row, for links into /library/{code}: letters, digits, dots and dashes kept, anything else as _hex_ (so two ids never share one). */
export function clauseAnchor(id: string): string {
  return `c-${id.replace(/[^A-Za-z0-9.-]/gu, (ch) => `_${ch.codePointAt(0)!.toString(16)}_`)}`;
}
