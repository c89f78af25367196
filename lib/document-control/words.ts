/**
 * Document control in words, for pages and components (no server code here): a version's
 * state as a person reads it, a signature's meaning, and the label a revision will get.
 */
import type { ApprovalRule, Lifecycle, RevisionKind, SignatureMeaning, VersionState } from './service';

/** A state as a word, for tables and badges; stateInWords adds the effective date where there is one. */
export const STATE_WORDS: Record<VersionState, string> = {
  draft: 'Draft',
  in_review: 'In review',
  in_approval: 'In approval',
  approved: 'Approved',
  effective: 'Effective',
  superseded: 'Superseded',
  rejected: 'Rejected',
  withdrawn: 'Withdrawn (back to draft)',
  obsolete: 'Obsolete',
};

/** "In review", "Approved, effective on 2026-12-20", "Effective" … */
export function stateInWords(l: Pick<Lifecycle, 'state'> & { round: { effectiveFrom: string | null } | null }): string {
  if (l.state === 'approved' && l.round?.effectiveFrom) return `Approved, effective on ${l.round.effectiveFrom.slice(0, 10)}`;
  return STATE_WORDS[l.state];
}

export const STEP_WORDS = { review: 'Review', approval: 'Approval' } as const;

export const MEANING_WORDS: Record<SignatureMeaning, string> = {
  authored: 'Authored',
  reviewed: 'Reviewed',
  approved: 'Approved',
  rejected: 'Rejected',
  read_understood: 'Read and understood',
  reviewed_no_change: 'Reviewed, no change',
};

/** What a signature with this meaning means, said to the signer before they sign (21 CFR 11.50(a)(3), 11.100(c)). */
export const MEANING_STATEMENTS: Record<SignatureMeaning, string> = {
  authored: 'By signing you confirm that you are the author of this version, that its content is what you intend to put into effect, and you submit it for review and approval.',
  reviewed: 'By signing you confirm that you have reviewed this version in full and found it correct and fit for its purpose.',
  approved: 'By signing you confirm that you have read this version in full and approve it for use.',
  rejected: 'By signing you confirm that you have read this version and reject it for the reason given in your comment.',
  read_understood: 'By signing you confirm that you have read this revision of the procedure in full, that you understand it, and that you will work to it.',
  reviewed_no_change: 'By signing you confirm that you have reviewed this effective revision in full and found that it is still correct and needs no change; the next periodic review is due one review interval from today.',
};

export const LEGALLY_BINDING = 'This electronic signature is the legally binding equivalent of your handwritten signature (21 CFR 11.100(c), 11.200).';

/** The revision label a version gets on approval, from the SOP's current effective one (as private.dc_next_label). */
export function nextRevisionLabel(effective: string | null, kind: RevisionKind): string {
  const m = effective ? /^(\d+)\.(\d+)$/.exec(effective) : null;
  if (!m) return '1.0';
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return kind === 'major' ? `${major + 1}.0` : `${major}.${minor + 1}`;
}

export function approvalRuleInWords(rule: ApprovalRule, required: number): string {
  return rule === 'all' ? 'every approver must approve' : `any ${required} approver${required === 1 ? '' : 's'} must approve`;
}
