/**
 * zod schemas of the /api/v1 SOP endpoints; also the source of the OpenAPI document. Every
 * text is zText (kept as typed, refused if it is not well-formed Unicode), every id a UUID,
 * every number bounded, so nothing Postgres would refuse gets past here.
 */
import { z } from 'zod';
import { CURRENT_FRAMEWORK_CODES as FRAMEWORK_CODES } from '@/lib/library';
import { ZSlug } from '@/lib/orgs/slug';
import { zText } from '@/lib/security/sanitize';
import { ZSopContent } from './content';
import { SOP_STATUSES } from './service';

export const ZSopParam = z.object({ org: ZSlug, id: z.uuid('id must be a UUID.') });
export const ZVersionParam = ZSopParam.extend({ versionId: z.uuid('versionId must be a UUID.') });
export const ZGenerationParam = z.object({ org: ZSlug, id: z.uuid('id must be a UUID.') });

const ZTitle = zText().min(3, 'Give the SOP a title of at least 3 characters.').max(300, 'Use at most 300 characters for the title.');
const ZDepartment = zText().max(120);

export const ZGenerateInput = z.object({
  title: ZTitle,
  processDescription: zText({ multiline: true })
    .min(20, 'Describe the process in at least 20 characters: the steps, who does them, what is recorded.')
    .max(20_000, 'Keep the description under 20,000 characters.'),
  industry: zText().max(120).optional(),
  department: ZDepartment.optional(),
  frameworks: z
    .array(z.enum(FRAMEWORK_CODES, { message: `frameworks: use codes from GET /api/v1/frameworks (${FRAMEWORK_CODES.join(', ')}).` }))
    .max(FRAMEWORK_CODES.length)
    .default([]),
  audience: zText().max(200).optional(),
  detail: z.enum(['concise', 'standard', 'detailed']).default('standard'),
});
export type TGenerateInput = z.infer<typeof ZGenerateInput>;

export const ZImproveInput = z.object({
  section: z.enum(['purpose', 'scope', 'responsibilities', 'definitions', 'materialsAndEquipment', 'healthAndSafety', 'procedure', 'records', 'references']),
  instruction: zText({ multiline: true }).min(3, 'Say how the section should change.').max(2000),
});
export type TImproveInput = z.infer<typeof ZImproveInput>;

export const ZCreateSopInput = z.object({
  title: ZTitle,
  department: ZDepartment.optional(),
  content: ZSopContent.optional(),
});

export const ZPatchSopInput = z
  .object({
    title: ZTitle.optional(),
    department: ZDepartment.optional(),
    content: ZSopContent.optional(),
  })
  .refine((v) => v.title !== undefined || v.department !== undefined || v.content !== undefined, 'Send at least one of title, department, content.');
export type TPatchSopInput = z.infer<typeof ZPatchSopInput>;

export const ZSaveVersionInput = z.object({
  changeSummary: zText().min(3, 'Say what changed in this version (at least 3 characters).').max(1000),
});

/**
 * The list's filters. A search or department is compared with stored text, which never holds
 * control characters: they are dropped (so `q=%00` searches for nothing in particular) rather
 * than refused. The cursor is checked strictly where it is decoded (lib/sops/service).
 */
export const ZListSopsQuery = z.object({
  q: zText().max(200).optional().describe('Search: words of the title, department or body (full text), or any part of the title or document number. Ranked: exact number, title containing q, number containing q, then full-text rank; ties newest first (with sort=next_review, that order instead).'),
  status: z.enum(SOP_STATUSES).optional(),
  owner: z.uuid().optional(),
  department: ZDepartment.optional(),
  review: z.enum(['overdue', 'due30'], 'review is overdue or due30 (due within 30 days, not yet overdue).').optional().describe('Periodic review: overdue, or due within 30 days and not yet overdue.'),
  sort: z.enum(['updated', 'next_review'], 'sort is updated or next_review.').default('updated').describe('updated: newest change first (default); next_review: soonest periodic review first, unscheduled last.'),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZDiffQuery = z.object({ from: z.uuid(), to: z.uuid() });

export const ZExportQuery = z.object({
  version: z.uuid('version must be a version id (UUID).').optional().describe('A version of this SOP. Default: the effective version, else the obsolete one, else the latest.'),
});
