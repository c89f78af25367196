/**
 * The structured content of an SOP version: the sections a regulated SOP has (EPA QA/G-6,
 * WHO GMP practice). Every write is validated against this schema; the Word export and the
 * HTML rendering are built from it. A section that does not apply says "Not applicable"
 * rather than disappearing.
 *
 * Every string is plain text (zText: kept as typed, escaped on output; prose keeps its line
 * breaks). Steps nest at most MAX_STEP_DEPTH levels (1.1.1.1.1): what a procedure needs, and
 * what the editor lets an author type. The depth is measured without recursion before the
 * (recursive) step schema runs, so no input, however deep, can overflow the stack.
 */
import { z } from 'zod';
import { zText } from '@/lib/security/sanitize';
import { MAX_STEP_DEPTH, stepDepth, TOO_DEEP } from './content-shape';

// The parts the browser needs without zod (the editor's first paint) live in ./content-shape.
export { hazardOf, MAX_STEP_DEPTH, NOT_APPLICABLE, SECTIONS, stepDepth, TOO_DEEP } from './content-shape';

const ZText = zText({ multiline: true }).min(1).max(4000);
const ZShort = zText().min(1).max(300);
const line = (max: number) => zText().max(max);

/**
 * A hazard message (ANSI Z535.6, ISO 82079-1): WARNING (death or serious injury), CAUTION
 * (minor injury or damage), NOTE (information). A step's callouts guard that step and are
 * printed before its text, everywhere: editor, page, Word export, Markdown and diff.
 */
export const ZCallout = z.object({
  kind: z.enum(['warning', 'caution', 'note']),
  text: ZText,
});
export type TCallout = z.infer<typeof ZCallout>;

/**
 * An entry of Health and safety: a callout with its severity. Versions saved before severities
 * were kept hold a plain string there; signed versions are immutable (their signatures bind the
 * stored bytes), so the schema still reads that form, as a caution, and `hazardOf` is the one
 * way to read an entry. Drafts were migrated to the object form (20261203000100).
 */
export const ZHazard = z.union([ZCallout, ZText]);
export type THazard = z.infer<typeof ZHazard>;

export const ZStep: z.ZodType<TStep> = z.lazy(() =>
  z.object({
    text: ZText,
    callouts: z.array(ZCallout).max(5).default([]).describe('Hazard messages that guard this step; printed before its text.'),
    substeps: z.array(ZStep).max(30).default([]).describe(`Sub-steps; steps nest at most ${MAX_STEP_DEPTH} levels deep.`),
  }),
);

/** The procedure: its depth checked first, so the recursive step schema only ever sees MAX_STEP_DEPTH levels. */
const ZProcedure = z.preprocess((value, ctx) => {
  const depth = stepDepth(value);
  if (depth > MAX_STEP_DEPTH) ctx.addIssue({ code: 'custom', message: `${TOO_DEEP} (these go ${depth} levels deep).`, input: value });
  return value;
}, z.array(ZStep).min(1).max(200));

export interface TStep {
  text: string;
  callouts: TCallout[];
  substeps: TStep[];
}

export const ZCitation = z.object({
  framework: zText().min(1).max(40),
  clause: zText().min(1).max(40),
  /** Why this clause applies: what in the procedure addresses it. Older versions have none. */
  reason: zText().max(300).optional(),
});
export type TCitation = z.infer<typeof ZCitation>;

export const ZSopContent = z.object({
  titleBlock: z.object({
    title: ZShort,
    documentNumber: line(40).default(''),
    department: line(120).default(''),
  }),
  purpose: ZText,
  scope: ZText,
  responsibilities: z.array(z.object({ role: ZShort, duties: ZText })).min(1).max(20),
  definitions: z.array(z.object({ term: ZShort, definition: ZText })).max(50),
  materialsAndEquipment: z.array(ZShort).max(60),
  healthAndSafety: z.object({
    cautions: z.array(ZHazard).max(20),
    ppe: z.array(ZShort).max(20),
  }),
  procedure: ZProcedure,
  records: z.array(z.object({ name: ZShort, retention: line(200).default('') })).max(30),
  references: z.array(ZCitation).max(60),
  revisionHistory: z
    .array(z.object({ version: zText().min(1).max(20), date: line(40), change: ZText, reason: zText({ multiline: true }).max(1000).default('') }))
    .max(100),
});
export type TSopContent = z.infer<typeof ZSopContent>;
