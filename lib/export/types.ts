/**
 * What the Word export is built from: the SOP's structured content plus the controlled-document
 * facts around it (organization, document number, version, approvals, revision history), which
 * come from the database rather than from the editable content.
 */
import type { TSopContent } from '@/lib/sops/content';

export const DEFAULT_FOOTER_TEXT = 'Uncontrolled when printed';

export type PageSize = 'A4' | 'Letter';

export interface ExportApproval {
  name: string;
  role: string;
  /** The signature meaning as signed, e.g. "Approved", "Reviewed for technical content". */
  meaning: string;
  /** ISO 8601 date-time of the signature. */
  signedAt: string;
}

export interface ExportRevision {
  version: string;
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
  sop: { documentNumber: string; title: string; department: string; owner: string; status: string };
  version: {
    label: string;
    /** ISO 8601 date-time the version was created. */
    createdAt: string;
    authorName: string;
    approved: boolean;
    effectiveDate?: string | null;
    changeSummary: string;
  };
  approvals: ExportApproval[];
  /** The controlled revision history; when empty the content's own revisionHistory is printed. */
  revisions: ExportRevision[];
  content: TSopContent;
}
