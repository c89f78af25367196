/**
 * Content on its way into the database, from any source (model, offline drafter, editor):
 * validated against the schema, whose text fields keep what was typed and drop only invisible
 * controls (lib/security/sanitize); createVersion renders the escaped HTML. A ZodError (400,
 * with the field's path) when it does not fit. Also turns the sections a stopped generation
 * managed to write into a complete, valid draft whose missing sections say so.
 */
import { SECTIONS, ZSopContent, type TSopContent } from './content';

export const NOT_DRAFTED = 'Not drafted: drafting stopped before this section. Retry, or write it here.';

export function prepareContent(content: unknown): TSopContent {
  return ZSopContent.parse(content);
}

function skeleton(title: string, documentNumber: string, department: string): TSopContent {
  return {
    titleBlock: { title, documentNumber, department },
    purpose: NOT_DRAFTED,
    scope: NOT_DRAFTED,
    responsibilities: [{ role: 'To be assigned', duties: NOT_DRAFTED }],
    definitions: [],
    materialsAndEquipment: [],
    healthAndSafety: { cautions: [], ppe: [] },
    procedure: [{ text: NOT_DRAFTED, callouts: [], substeps: [] }],
    records: [],
    references: [],
    revisionHistory: [],
  };
}

/**
 * A complete draft from the sections that arrived (each re-validated; one that fails
 * validation counts as missing). Returns which sections are missing.
 */
export function fillPartial(
  partial: Record<string, unknown>,
  titleBlock: { title: string; documentNumber: string; department: string },
): { content: TSopContent; missing: string[] } {
  let content = skeleton(titleBlock.title, titleBlock.documentNumber, titleBlock.department);
  const missing: string[] = [];
  for (const { key, heading } of SECTIONS) {
    if (key === 'revisionHistory') continue;
    if (!(key in partial)) {
      missing.push(heading);
      continue;
    }
    const candidate = { ...content, [key]: partial[key] };
    const parsed = ZSopContent.safeParse(candidate);
    if (parsed.success) content = parsed.data;
    else missing.push(heading);
  }
  return { content: prepareContent(content), missing };
}
