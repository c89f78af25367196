/**
 * What the browser needs to know about SOP content without its validator: the section order
 * and headings, the nesting limit, how a Health and safety entry reads. The schema itself
 * (zod, ./content) is not loaded on the editor's first paint, so these live here and
 * ./content re-exports them; import them from ./content anywhere else.
 */
import type { TCallout, THazard, TSopContent } from './content';

export const NOT_APPLICABLE = 'Not applicable';

/** Steps nest at most this deep: 1 (top-level steps) … 5 (1.1.1.1.1). Word's numbering has room for 9. */
export const MAX_STEP_DEPTH = 5;

/**
 * An entry of Health and safety: a callout with its severity, or (versions saved before
 * severities were kept) a plain string, read as a caution. This is the one way to read an entry.
 */
export const hazardOf = (h: THazard): TCallout => (typeof h === 'string' ? { kind: 'caution', text: h } : h);

/**
 * How deep steps nest (1 = top-level steps only, 0 = none), for any value: an explicit stack,
 * never recursion, so a body nested 100,000 levels deep is measured like any other.
 */
export function stepDepth(steps: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[steps, 1]];
  while (stack.length) {
    const [list, depth] = stack.pop()!;
    if (!Array.isArray(list)) continue;
    for (const step of list) {
      if (step === null || typeof step !== 'object') continue;
      deepest = Math.max(deepest, depth);
      stack.push([(step as { substeps?: unknown }).substeps, depth + 1]);
    }
  }
  return deepest;
}

export const TOO_DEEP = `steps can be nested at most ${MAX_STEP_DEPTH} levels deep (1.1.1.1.1); un-nest the deeper steps`;

/** The section keys in document order, with their headings. */
export const SECTIONS: { key: keyof TSopContent; heading: string }[] = [
  { key: 'purpose', heading: 'Purpose' },
  { key: 'scope', heading: 'Scope and applicability' },
  { key: 'responsibilities', heading: 'Responsibilities' },
  { key: 'definitions', heading: 'Definitions and abbreviations' },
  { key: 'materialsAndEquipment', heading: 'Materials and equipment' },
  { key: 'healthAndSafety', heading: 'Health and safety' },
  { key: 'procedure', heading: 'Procedure' },
  { key: 'records', heading: 'Records' },
  { key: 'references', heading: 'References' },
  { key: 'revisionHistory', heading: 'Revision history' },
];
