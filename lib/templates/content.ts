/**
 * Between an SOP's content and a template's: a template keeps the sections and drops what
 * belongs to one document (its number, its revision history); an SOP made from a template gets
 * the user's title and department and its own number. Both directions are validated by the
 * content schema, so what is stored always fits it.
 */
import { prepareContent } from '@/lib/sops/prepare';
import type { TSopContent } from '@/lib/sops/content';

/** What a template stores of an SOP's content. */
export function sopToTemplateContent(content: TSopContent): TSopContent {
  return prepareContent({ ...content, titleBlock: { ...content.titleBlock, documentNumber: '' }, revisionHistory: [] });
}

/** The first content of an SOP made from a template. */
export function templateToSopContent(content: TSopContent, titleBlock: { title: string; department: string; documentNumber: string }): TSopContent {
  return prepareContent({ ...content, titleBlock, revisionHistory: [] });
}
