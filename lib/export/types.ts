/**
 * What the Word export is built from: the SOP's structured content plus the controlled-document
 * facts around it (organization, document number, the version's lifecycle state, its electronic
 * signatures, revision history), which come from the database rather than from the editable
 * content. Everything that changes the printed document is in here, so the export cache can key
 * on it (lib/export/cache).
 */
import type { TSopContent } from '@/lib/sops/content';

export const DEFAULT_FOOTER_TEXT = 'Uncontrolled when printed';

export type PageSize = 'A4' | 'Letter';

/** The version's lifecycle state (public.version_state). */
export type ExportState = 'draft' | 'in_review' | 'in_approval' | 'approved' | 'effective' | 'superseded' | 'rejected' | 'withdrawn' | 'obsolete';

/** One line of the approvals table: a signature of the version's current round, or a signature still awaited. */
export interface ExportSignature {
  meaning: 'authored' | 'reviewed' | 'approved' | 'rejected';
  /** Printed name as signed (11.50), or the assignee's name while awaited. */
  name: string;
  email: string;
  /** ISO 8601 UTC date-time from the database clock; null while awaited. */
  signedAt: string | null;
  /** valid: the content hash it carries matches the version's content; invalid: it no longer does; pending: not signed yet. */
  status: 'valid' | 'invalid' | 'pending';
  /** Re-authentication at signing: 'password' or 'password+totp'; '' while awaited. */
  method: string;
  /** The signer's comment (required for a rejection). */
  comment: string;
}

export interface ExportRevision {
  /** The revision label (1.0, 1.1, 2.0 …), or the draft label of a version not yet approved. */
  version: string;
  /** ISO date or date-time the revision became effective; or a phrase such as "Not yet effective". */
  date: string;
  author: string;
  change: string;
}

export interface ExportDocument {
  org: {
    name: string;
    /** The line printed in every footer; empty means DEFAULT_FOOTER_TEXT. */
    footerText: string;
    pageSize: PageSize;
  };
  sop: { documentNumber: string; title: string; department: string; owner: string };
  version: {
    /** The revision label once approved (1.0, 2.0 …); until then the draft label (0.3). */
    label: string;
    state: ExportState;
    /** ISO 8601 date-time the version was created. */
    createdAt: string;
    authorName: string;
    changeSummary: string;
    /** The reason for change given at submission; '' for a version never submitted. */
    reasonForChange: string;
    /** When it became effective (ISO date-time); null if it never did. */
    effectiveAt: string | null;
    /** For an approved version: the date it becomes effective (ISO), null when on approval. */
    effectiveFrom: string | null;
    /** When it was superseded, made obsolete, rejected or withdrawn (ISO); null otherwise. */
    endedAt: string | null;
    /** Why: "Superseded by revision 2.0", the obsolete reason, the rejection comment. */
    endedReason: string;
    /** SHA-256 of the version's canonical content, as the signatures carry it ('' if not computed). */
    contentHash: string;
    /**
     * For the effective version: the SOP's next periodic review (ISO date-time), or why there is
     * none (exempt). Absent for any other version: the document-control table then has no row for it.
     */
    review?: { nextReviewAt: string | null; exemptReason: string | null };
  };
  /** The signatures of the current routing round, oldest first, then the ones still awaited. */
  signatures: ExportSignature[];
  /** Signatures of earlier, withdrawn rounds: not part of this approval, counted so the document says they exist. */
  earlierRoundSignatures: number;
  /** The controlled revision history; when empty the content's own revisionHistory is printed. */
  revisions: ExportRevision[];
  content: TSopContent;
}
