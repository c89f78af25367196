'use server';
/**
 * The periodic-review form of the SOP page: change a SOP's review interval (months, the
 * organization's default, or "no periodic review" with a reason). The database decides who may
 * (owners, admins, the SOP's owner) and audits it. "Reviewed, no change" is a signature: it goes
 * through the ceremony route (POST …/periodic-reviews), not a form action.
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/lib/http/action';
import { ZSlug } from '@/lib/orgs/slug';
import { ZExemptReason } from './api-schemas';
import { setReviewInterval } from './service';

const ZIntervalForm = z.discriminatedUnion('mode', [
  z.object({ slug: ZSlug, sopId: z.uuid(), mode: z.literal('default') }),
  z.object({
    slug: ZSlug,
    sopId: z.uuid(),
    mode: z.literal('months'),
    months: z.coerce.number('Enter the interval in months.').int('Enter whole months.').min(1, 'The review interval is 1 to 120 months.').max(120, 'The review interval is 1 to 120 months.'),
  }),
  z.object({ slug: ZSlug, sopId: z.uuid(), mode: z.literal('exempt'), reason: ZExemptReason }),
], { error: 'Choose how often this SOP is reviewed.' });

export const setReviewIntervalAction = orgAction({ input: ZIntervalForm, echo: ['mode', 'months', 'reason'] }, async ({ org, input, tx }) => {
  const months = input.mode === 'months' ? input.months : null;
  const schedule = await setReviewInterval(tx, { orgId: org.id, sopId: input.sopId, months, exemptReason: input.mode === 'exempt' ? input.reason : null });
  revalidatePath(`/o/${org.slug}/sops/${input.sopId}`);
  const next = schedule.dueDate ? ` Next review: ${schedule.dueDate}.` : '';
  return { notice: input.mode === 'exempt' ? 'Saved: no periodic review for this SOP.' : `Saved: reviewed every ${schedule.intervalMonths} months.${next}` };
});
