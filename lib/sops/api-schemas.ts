/** zod schemas of the /api/v1 SOP endpoints; also the source of the OpenAPI document. */
import { z } from 'zod';
import { FRAMEWORKS } from '@/lib/library';
import { ZSlug } from '@/lib/orgs/slug';
import { ZSopContent } from './content';
import { SOP_STATUSES } from './service';

const FRAMEWORK_CODES = FRAMEWORKS.map((f) => f.code) as [string, ...string[]];

export const ZSopParam = z.object({ org: ZSlug, id: z.uuid('id must be a UUID.') });
export const ZVersionParam = ZSopParam.extend({ versionId: z.uuid('versionId must be a UUID.') });
export const ZGenerationParam = z.object({ org: ZSlug, id: z.uuid('id must be a UUID.') });

export const ZGenerateInput = z.object({
  title: z.string().trim().min(3, 'Give the SOP a title of at least 3 characters.').max(300, 'Use at most 300 characters for the title.'),
  processDescription: z
    .string()
    .trim()
    .min(20, 'Describe the process in at least 20 characters: the steps, who does them, what is recorded.')
    .max(20_000, 'Keep the description under 20,000 characters.'),
  industry: z.string().trim().max(120).optional(),
  department: z.string().trim().max(120).optional(),
  frameworks: z
    .array(z.enum(FRAMEWORK_CODES, { message: `frameworks: use codes from GET /api/v1/frameworks (${FRAMEWORK_CODES.join(', ')}).` }))
    .max(FRAMEWORK_CODES.length)
    .default([]),
  audience: z.string().trim().max(200).optional(),
  detail: z.enum(['concise', 'standard', 'detailed']).default('standard'),
});
export type TGenerateInput = z.infer<typeof ZGenerateInput>;

export const ZImproveInput = z.object({
  section: z.enum(['purpose', 'scope', 'responsibilities', 'definitions', 'materialsAndEquipment', 'healthAndSafety', 'procedure', 'records', 'references']),
  instruction: z.string().trim().min(3, 'Say how the section should change.').max(2000),
});
export type TImproveInput = z.infer<typeof ZImproveInput>;

export const ZCreateSopInput = z.object({
  title: z.string().trim().min(3).max(300),
  department: z.string().trim().max(120).optional(),
  content: ZSopContent.optional(),
});

export const ZPatchSopInput = z
  .object({
    title: z.string().trim().min(3).max(300).optional(),
    department: z.string().trim().max(120).optional(),
    content: ZSopContent.optional(),
  })
  .refine((v) => v.title !== undefined || v.department !== undefined || v.content !== undefined, 'Send at least one of title, department, content.');
export type TPatchSopInput = z.infer<typeof ZPatchSopInput>;

export const ZSaveVersionInput = z.object({
  changeSummary: z.string().trim().min(3, 'Say what changed in this version (at least 3 characters).').max(1000),
});

export const ZListSopsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  status: z.enum(SOP_STATUSES).optional(),
  owner: z.uuid().optional(),
  department: z.string().trim().max(120).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});

export const ZDiffQuery = z.object({ from: z.uuid(), to: z.uuid() });

export const ZExportQuery = z.object({ version: z.uuid('version must be a version id (UUID).').optional() });
