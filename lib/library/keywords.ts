/**
 * Keyword matching against the library: which clauses of a framework a text mentions, by the
 * clauses' keywords (a keyword is a word stem: "calibrat" matches "calibrated"). The one
 * matcher behind the offline drafter's references, offline clause suggestions and the offline
 * gap analysis. A keyword in the title (what the procedure is about) weighs double.
 */
import type { Clause, Framework } from './types';

export interface KeywordMatch {
  clause: Clause;
  /** The clause's position in its framework (for document order). */
  order: number;
  /** The first word in the text that carried each matched keyword, as written. */
  words: string[];
  /** Distinct keywords matched, plus two for each found in the title. */
  score: number;
  /** Every occurrence of every keyword. */
  hits: number;
}

const escape = (k: string) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A keyword as a pattern: starts at a word boundary, runs to the end of its word. */
export function keywordPattern(keyword: string, flags = 'giu'): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escape(keyword)}\\p{L}*`, flags);
}

/** Clauses (withdrawn ones never) whose keywords the title or text contains, best first. */
export function keywordMatches(f: Framework, title: string, text: string): KeywordMatch[] {
  const all = `${title}\n${text}`;
  return f.clauses
    .map((c, order) => {
      const words = new Map<string, string>();
      let hits = 0;
      let inTitle = 0;
      if (c.withdrawn) return { clause: c, order, words: [], score: 0, hits: 0 };
      for (const k of c.keywords ?? []) {
        const ms = [...all.matchAll(keywordPattern(k))];
        if (ms.length) words.set(k, ms[0]![0]);
        hits += ms.length;
        if (keywordPattern(k, 'iu').test(title)) inTitle++;
      }
      return { clause: c, order, words: [...words.values()], score: words.size + 2 * inTitle, hits };
    })
    .filter((x) => x.words.length)
    .sort((a, b) => b.score - a.score || b.hits - a.hits || a.order - b.order);
}

/** Why a keyword match applies, in the words that carried it: `The procedure mentions "calibrated", "gauge".` (at most five words, 300 characters). */
export function mentionsReason(words: readonly string[]): string {
  return `The procedure mentions ${words.slice(0, 5).map((w) => `"${w}"`).join(', ')}.`.slice(0, 300);
}
