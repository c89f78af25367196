/**
 * Content on its way into the database, from any source (model, offline drafter, editor):
 * validated against the schema and sanitized field by field (createVersion renders the HTML).
 * Also turns the sections a stopped generation managed to write into a complete, valid
 * draft whose missing sections say so, marked incomplete.
 */
import { SECTIONS, ZSopContent, type TSopContent } from './content';
import { sanitizeContent } from './sanitize-content';

export const NOT_DRAFTED = 'Not drafted: drafting stopped before this section. Retry, or write it here.';

export function prepareContent(content: TSopContent): TSopContent {
  return sanitizeContent(ZSopContent.parse(content));
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
 * validation or sanitizing counts as missing). Returns which sections are missing.
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
    try {
      content = sanitizeContent(ZSopContent.parse(candidate));
    } catch {
      missing.push(heading);
    }
  }
  return { content: prepareContent(content), missing };
}
