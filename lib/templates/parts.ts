/**
 * Small builders for the built-in templates' content (lib/templates/built-in*.ts): a step with
 * the callouts that guard it, a callout, a citation with its reason. Kept apart so the data
 * files read as the SOPs they are.
 */
import type { TCallout, TCitation, TStep } from '@/lib/sops/content';

/** The placeholder the user must fill, the same one the drafting prompt uses. */
export const TBC = '[to be confirmed]';

export const warning = (text: string): TCallout => ({ kind: 'warning', text });
export const caution = (text: string): TCallout => ({ kind: 'caution', text });
export const note = (text: string): TCallout => ({ kind: 'note', text });

/** A step; its callouts are printed before its text, so put the warning on the hazardous step itself. */
export function step(text: string, opts: { callouts?: TCallout[]; substeps?: (string | TStep)[] } = {}): TStep {
  return {
    text,
    callouts: opts.callouts ?? [],
    substeps: (opts.substeps ?? []).map((s) => (typeof s === 'string' ? step(s) : s)),
  };
}

export const cite = (framework: string, clause: string, reason: string): TCitation => ({ framework, clause, reason });
