/** Document-control codes as people read them on pages (the API keeps the codes). */
import type { SignatureMeaning, VersionState } from './service';

export const STATE_WORDS: Record<VersionState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  in_approval: 'In approval',
  approved: 'Approved',
  effective: 'Effective',
  superseded: 'Superseded',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn to draft',
  obsolete: 'Obsolete',
};

/** What a signature means (21 CFR 11.50(a)(3)), as printed beside the name. */
export const MEANING_WORDS: Record<SignatureMeaning, string> = {
  authored: 'Submitted (authored)',
  reviewed: 'Reviewed',
  approved: 'Approved',
  rejected: 'Rejected',
};

export const STEP_WORDS = { review: 'Review', approval: 'Approval' } as const;
