/**
 * The document-control facts an export prints, as words (21 CFR 11.50: printed name, date and
 * time, meaning of every signature; superseded and obsolete versions stamped on every page).
 * Pure functions of the ExportDocument, shared by the Word frame (./frame) and the Markdown
 * export (./markdown), so both say the same thing about the same version.
 *
 * What each state prints in the page header:
 *   effective                 "Effective 2026-12-01"
 *   approved (date to come)   "Approved, effective on 2026-12-15"
 *   superseded / obsolete     "SUPERSEDED — not for use" / "OBSOLETE — not for use", plus a banner on every page
 *   in review / in approval   "IN REVIEW — not approved" / "IN APPROVAL — not approved"
 *   rejected                  "REJECTED — not approved"
 *   draft / withdrawn         "DRAFT — not approved"
 * A version with any signature whose content hash no longer matches gets a banner on every
 * page too: its approval cannot be relied on.
 */
import { MEANING_WORDS } from '../document-control/words';
import { formatDate, formatDateTime } from './format';
import type { ExportDocument, ExportSignature, ExportState } from './types';

export const DRAFT_HEADER_LABEL = 'DRAFT — not approved';
export const DRAFT_TITLE_LABEL = 'Draft – not yet approved';
export const INVALID_SIGNATURE = 'INVALID — content changed after signing';

/** The version was approved at some point: it carries a revision label and its approvals. */
export function wasApproved(state: ExportState): boolean {
  return state === 'approved' || state === 'effective' || state === 'superseded' || state === 'obsolete';
}

/** Usable on the shop floor: effective, nothing else. */
export const inForce = (state: ExportState) => state === 'effective';

/** "Revision 1.0" once approved, "Draft 0.3" before. */
export function revisionText(doc: ExportDocument): string {
  return `${wasApproved(doc.version.state) ? 'Revision' : 'Draft'} ${doc.version.label}`;
}

/** The Revision cell of the title block: "1.0", or "0.3 (draft)" before approval. */
export function revisionValue(doc: ExportDocument): string {
  return wasApproved(doc.version.state) ? doc.version.label : `${doc.version.label} (draft)`;
}

/** The status line of the page header (see the table above). */
export function headerStatus(doc: ExportDocument): { text: string; alert: boolean } {
  const v = doc.version;
  switch (v.state) {
    case 'effective':
      return { text: `Effective ${formatDate(v.effectiveAt) || '(date not recorded)'}`, alert: false };
    case 'approved':
      return { text: v.effectiveFrom ? `Approved, effective on ${formatDate(v.effectiveFrom)}` : 'Approved, not yet effective', alert: true };
    case 'superseded':
      return { text: 'SUPERSEDED — not for use', alert: true };
    case 'obsolete':
      return { text: 'OBSOLETE — not for use', alert: true };
    case 'in_review':
      return { text: 'IN REVIEW — not approved', alert: true };
    case 'in_approval':
      return { text: 'IN APPROVAL — not approved', alert: true };
    case 'rejected':
      return { text: 'REJECTED — not approved', alert: true };
    default:
      return { text: DRAFT_HEADER_LABEL, alert: true };
  }
}

export const hasInvalidSignature = (doc: ExportDocument) => doc.signatures.some((s) => s.status === 'invalid');

/** Lines stamped under the header on every page; empty for a version that needs none. */
export function pageBanner(doc: ExportDocument): string[] {
  const v = doc.version;
  const lines: string[] = [];
  const when = formatDate(v.endedAt);
  if (v.state === 'superseded') lines.push(`SUPERSEDED — not for use. ${v.endedReason || 'Superseded'}${when ? ` on ${when}` : ''}.`);
  if (v.state === 'obsolete') lines.push(`OBSOLETE — not for use. Made obsolete${when ? ` on ${when}` : ''}.`);
  if (hasInvalidSignature(doc)) lines.push(`SIGNATURE ${INVALID_SIGNATURE}: this approval cannot be relied on.`);
  return lines;
}

/** The Status cell of the title block. */
export function statusText(doc: ExportDocument): string {
  const v = doc.version;
  const ended = [v.endedReason, formatDate(v.endedAt)].filter(Boolean).join(', ');
  switch (v.state) {
    case 'effective':
      return 'Effective';
    case 'approved':
      return v.effectiveFrom ? `Approved, effective on ${formatDate(v.effectiveFrom)}` : 'Approved, not yet effective';
    case 'superseded':
      return `Superseded — not for use${ended ? ` (${ended})` : ''}`;
    case 'obsolete':
      return `Obsolete — not for use${ended ? ` (${ended})` : ''}`;
    case 'in_review':
      return 'In review (not approved)';
    case 'in_approval':
      return 'In approval (not approved)';
    case 'rejected':
      return `Rejected (not approved)${ended ? `: ${v.endedReason}` : ''}`;
    case 'withdrawn':
      return 'Withdrawn from approval (draft, not approved)';
    default:
      return 'Draft (not approved)';
  }
}

/** The Effective date cell of the title block. */
export function effectiveDateText(doc: ExportDocument): string {
  const v = doc.version;
  if (v.effectiveAt) return formatDate(v.effectiveAt);
  if (v.state === 'approved') return v.effectiveFrom ? `${formatDate(v.effectiveFrom)} (planned)` : 'Not yet effective';
  return 'Not effective';
}

const AWAITED: Record<ExportSignature['meaning'], string> = { authored: 'Authorship', reviewed: 'Review', approved: 'Approval', rejected: 'Verdict' };

/** The "Next periodic review" cell: its UTC date, or "Not scheduled: <reason>" when exempt; null when the row is not printed (not the effective version). */
export function nextReviewText(doc: ExportDocument): string | null {
  const r = doc.version.review;
  if (!r || doc.version.state !== 'effective') return null;
  if (r.exemptReason) return `Not scheduled: ${r.exemptReason}`;
  return r.nextReviewAt ? formatDate(r.nextReviewAt) : null;
}

export const SIGNATURE_COLUMNS = [
  { title: 'Meaning', share: 0.15 },
  { title: 'Printed name (as signed)', share: 0.32 },
  { title: 'Date and time (UTC)', share: 0.22 },
  { title: 'Signature', share: 0.31 },
];

export function signatureStatusText(s: ExportSignature): string {
  if (s.status === 'invalid') return INVALID_SIGNATURE;
  if (s.status === 'pending') return 'Awaiting signature';
  return s.method === 'password+totp' ? 'Valid (password and authenticator code re-entered)' : 'Valid (password re-entered)';
}

/** The approvals table, one row per signature: meaning (and comment), printed name and email, UTC time, validity. */
export function signatureRows(doc: ExportDocument): string[][] {
  return doc.signatures.map((s) => [
    s.status === 'pending' ? `${AWAITED[s.meaning]} (awaited)` : s.comment ? `${MEANING_WORDS[s.meaning]}\nComment: ${s.comment}` : MEANING_WORDS[s.meaning],
    [s.name, s.email].filter(Boolean).join('\n') || '—',
    s.signedAt ? formatDateTime(s.signedAt) : '—',
    signatureStatusText(s),
  ]);
}

/** Under the approvals table: what the signatures bind to, and what is not shown. */
export function signatureNote(doc: ExportDocument): string {
  const parts = ['Electronic signatures as recorded in SOPwright, each given with the signer’s password re-entered at signing.'];
  if (doc.version.contentHash) parts.push(`Each binds to the SHA-256 of this version’s canonical content (RFC 8785): ${doc.version.contentHash}.`);
  if (doc.earlierRoundSignatures > 0) {
    const n = doc.earlierRoundSignatures;
    parts.push(`${n} signature${n === 1 ? '' : 's'} of an earlier, withdrawn approval round ${n === 1 ? 'is' : 'are'} not part of this approval and not listed; see the audit trail.`);
  }
  return parts.join(' ');
}

/** The notice printed instead of the approvals table when there is nothing signed in a live round. */
export function unsignedNotice(doc: ExportDocument): { label: string; text: string } {
  const v = doc.version;
  const by = `Prepared by ${v.authorName || 'unknown author'} on ${formatDateTime(v.createdAt) || 'an unknown date'}.`;
  if (v.state === 'withdrawn') return { label: 'Withdrawn from approval – not approved', text: `${by} This version was withdrawn before approval and must not be used to perform work.` };
  return { label: DRAFT_TITLE_LABEL, text: `${by} This version has no approval signatures and must not be used to perform work.` };
}

export const REVISION_COLUMNS = [
  { title: 'Revision', share: 0.12 },
  { title: 'Effective', share: 0.17 },
  { title: 'Author', share: 0.2 },
  { title: 'Reason for change', share: 0.51 },
];

/** The revision history: the controlled one when there is one, else what the content says. */
export function revisionRows(doc: ExportDocument): string[][] {
  if (doc.revisions.length) return doc.revisions.map((r) => [r.version, formatDate(r.date), r.author || '—', r.change]);
  return doc.content.revisionHistory.map((r) => [r.version, formatDate(r.date), '—', r.reason ? `${r.change}\nReason: ${r.reason}` : r.change]);
}
