/**
 * zod schemas of the periodic-review endpoints (and so of their OpenAPI entries):
 * PUT …/sops/{id}/review-interval and POST …/sops/{id}/periodic-reviews. A reason or comment
 * is plain text as typed (zText); a password is taken exactly as typed, never echoed.
 */
import { z } from 'zod';
import { ZReauth } from '@/lib/document-control/api-schemas';
import { zText } from '@/lib/security/sanitize';

export const ZIntervalMonths = z
  .int('months is a whole number of months (1 to 120), or null for the organization’s default.')
  .min(1, 'The review interval is 1 to 120 months.')
  .max(120, 'The review interval is 1 to 120 months.');

const NO_REASON = 'Say why this SOP needs no periodic review (at least 3 characters): it goes into the audit trail.';
export const ZExemptReason = zText({ multiline: true })
  .max(500, 'Keep the reason under 500 characters.')
  .refine((v) => v.trim().length >= 3, NO_REASON);

/** months: 1–120, or null for the organization's default; with months null, exemptReason means "no periodic review". */
export const ZReviewIntervalInput = z
  .object({
    months: ZIntervalMonths.nullable(),
    exemptReason: ZExemptReason.optional(),
  })
  .refine((v) => v.months === null || v.exemptReason === undefined, { message: 'Send either months or exemptReason (with months null), not both.', path: ['exemptReason'] });
export type TReviewIntervalInput = z.infer<typeof ZReviewIntervalInput>;

export const ZPeriodicReviewInput = z.object({
  comment: zText({ multiline: true }).max(2000, 'Keep the comment under 2,000 characters.').optional(),
  ...ZReauth,
});
export type TPeriodicReviewInput = z.infer<typeof ZPeriodicReviewInput>;

/** The organization's defaults for periodic review and training (settings form). */
export const ZOrgReviewSettings = z.object({
  reviewIntervalMonths: z.coerce.number('Enter the review interval in months.').int('Enter whole months.').min(1, 'The review interval is 1 to 120 months.').max(120, 'The review interval is 1 to 120 months.'),
  trainingDueDays: z.coerce.number('Enter the days to acknowledge.').int('Enter whole days.').min(1, 'Training is due within 1 to 365 days.').max(365, 'Training is due within 1 to 365 days.'),
});
