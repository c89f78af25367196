import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZReviewIntervalInput } from '@/lib/review/api-schemas';
import { setReviewInterval } from '@/lib/review/service';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

const DOC = {
  summary: 'Set how often the SOP is reviewed: every N months, the organization’s default, or no periodic review (with a reason).',
  description:
    '`{ months: 1–120 }` sets the SOP’s own interval; `{ months: null }` goes back to the organization’s default; `{ months: null, exemptReason }` means no periodic review, for the reason given. Owners, admins and the SOP’s owner. The next review date is recomputed at once (from the effective date or the last signed review). Audited as sop.review_interval_set.',
  responses: {
    '200': '`{ schedule }`: the interval in force and the next review date.',
    '400': 'Invalid input (the message names the field).',
    '403': 'Only the SOP’s owner, an owner or an admin can change it.',
    '404': 'No such SOP in this organization.',
    '422': 'Refused by the database (e.g. an interval out of range).',
  },
};

export const PUT = orgRoute({ params: ZSopParam, body: ZReviewIntervalInput, rateLimit: SOP_WRITE_PER_USER, doc: DOC }, async ({ tx, org, params, body }) =>
  NextResponse.json({ schedule: await setReviewInterval(tx, { orgId: org.id, sopId: params.id, months: body.months, exemptReason: body.exemptReason ?? null }) }),
);
