/**
 * The citation check applied to every model draft: a reference stays only when it is a clause
 * of the regulation library AND belongs to one of the frameworks the user chose. Anything
 * else (a hallucinated clause, another framework) is removed and reported; duplicates go too.
 * A kept citation keeps the model's reason (why the clause applies).
 */
import { isKnownCitation } from '@/lib/library';
import type { TCitation, TSopContent } from '@/lib/sops/content';

export interface CitationCheck<T extends Pick<TSopContent, 'references'>> {
  content: T;
  /** The citations taken out because they are unknown or outside the chosen frameworks. */
  removed: TCitation[];
}

export function checkCitations<T extends Pick<TSopContent, 'references'>>(content: T, allowedFrameworks: readonly string[]): CitationCheck<T> {
  const allowed = new Set(allowedFrameworks.map((f) => f.trim()));
  const seen = new Set<string>();
  const kept: TCitation[] = [];
  const removed: TCitation[] = [];
  for (const ref of content.references) {
    const c: TCitation = { framework: ref.framework.trim(), clause: ref.clause.trim(), ...(ref.reason?.trim() && { reason: ref.reason.trim() }) };
    if (!allowed.has(c.framework) || !isKnownCitation(c)) {
      removed.push(ref);
      continue;
    }
    const key = `${c.framework}\u0000${c.clause}`;
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(c);
  }
  return { content: { ...content, references: kept }, removed };
}
