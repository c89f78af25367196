/**
 * The structured content of an SOP version: the sections a regulated SOP has (EPA QA/G-6,
 * WHO GMP practice). Every write is validated against this schema; the Word export and the
 * HTML rendering are built from it. A section that does not apply says "Not applicable"
 * rather than disappearing.
 */
import { z } from 'zod';

export const NOT_APPLICABLE = 'Not applicable';

const ZText = z.string().trim().min(1).max(4000);
const ZShort = z.string().trim().min(1).max(300);

export const ZCallout = z.object({
  kind: z.enum(['warning', 'caution', 'note']),
  text: ZText,
});

export const ZStep: z.ZodType<TStep> = z.lazy(() =>
  z.object({
    text: ZText,
    callouts: z.array(ZCallout).max(5).default([]),
    substeps: z.array(ZStep).max(30).default([]),
  }),
);

export interface TStep {
  text: string;
  callouts: z.infer<typeof ZCallout>[];
  substeps: TStep[];
}

export const ZCitation = z.object({
  framework: z.string().trim().min(1).max(40),
  clause: z.string().trim().min(1).max(40),
});
export type TCitation = z.infer<typeof ZCitation>;

export const ZSopContent = z.object({
  titleBlock: z.object({
    title: ZShort,
    documentNumber: z.string().trim().max(40).default(''),
    department: z.string().trim().max(120).default(''),
  }),
  purpose: ZText,
  scope: ZText,
  responsibilities: z.array(z.object({ role: ZShort, duties: ZText })).min(1).max(20),
  definitions: z.array(z.object({ term: ZShort, definition: ZText })).max(50),
  materialsAndEquipment: z.array(ZShort).max(60),
  healthAndSafety: z.object({
    cautions: z.array(ZText).max(20),
    ppe: z.array(ZShort).max(20),
  }),
  procedure: z.array(ZStep).min(1).max(200),
  records: z.array(z.object({ name: ZShort, retention: z.string().trim().max(200).default('') })).max(30),
  references: z.array(ZCitation).max(60),
  revisionHistory: z
    .array(z.object({ version: z.string().trim().min(1).max(20), date: z.string().trim().max(40), change: ZText, reason: z.string().trim().max(1000).default('') }))
    .max(100),
});
export type TSopContent = z.infer<typeof ZSopContent>;

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
