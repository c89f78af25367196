/**
 * For the SOP page's "Periodic review" panel: the schedule (interval in force, next review
 * date and its state from the database clock), the signed reviews, and what the signed-in
 * person may do: change the interval and sign "Reviewed, no change" (owners, admins and the
 * SOP's owner). The signing precheck runs in its own short transaction, as on the version
 * page: a refusal (no printed name, locked, exempt) is shown as its sentence instead of the form.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { checkSigner, type SignerCheck } from '@/lib/document-control/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import type { OrgSummary } from '@/lib/orgs/service';
import type { SopDetail } from '@/lib/sops/service';
import { periodicReviewsOf, reviewScheduleOf, type PeriodicReview, type ReviewSchedule } from './service';


export interface SopReviewPanel {
  schedule: ReviewSchedule;
  reviews: PeriodicReview[];
  /** May change the interval and sign the review: an owner or admin, or the SOP's owner. */
  canManage: boolean;
  /** For "Reviewed, no change": the precheck's answer; null when the SOP is not effective, is exempt, or the person may not. */
  signer: SignerCheck | null;
}

export async function loadSopReview(user: CurrentUser, org: OrgSummary, sop: SopDetail): Promise<SopReviewPanel> {
  const ref = { orgId: org.id, sopId: sop.id };
  const { schedule, reviews } = await withUser(user.claims, async (tx) => ({ schedule: await reviewScheduleOf(tx, ref), reviews: await periodicReviewsOf(tx, ref) }));
  const canManage = roleCan(org.role, 'sops.control') || sop.ownerId === user.id;
  let signer: SignerCheck | null = null;
  if (canManage && schedule.effectiveVersionId && !schedule.exemptReason && sop.status === 'effective') {
    signer = await checkSigner(user, { ...ref, versionId: schedule.effectiveVersionId }, 'reviewed_no_change');
  }
  return { schedule, reviews, canManage, signer };
}
