/**
 * zod schemas of the /api/v1 document-control endpoints (and so of their OpenAPI entries). A
 * reason or comment is plain text as typed; the database refuses an empty reason too (DC422),
 * this answers 400 before the transaction. A password is taken exactly as typed (never
 * sanitized, never echoed: zod's messages name the field, not the value).
 */
import { z } from 'zod';
import { zText } from '@/lib/security/sanitize';

const ZReason = zText({ multiline: true })
  .min(3, 'Give the reason (at least 3 characters): it goes into the history and the audit trail.')
  .max(2000, 'Keep the reason under 2,000 characters.');

export const ZReasonInput = z.object({ reason: ZReason });

/** What the signer re-enters at every signature (21 CFR 11.200(a)): the password, and the authenticator code when enrolled. */
export const ZReauth = {
  password: z.string('password: enter your password to sign.').min(1, 'Enter your password to sign.').max(1000, 'The password is too long.'),
  code: z.string().max(20, 'The authenticator code has 6 digits.').optional(),
};

const ZPeople = (what: string) => z.array(z.uuid(`${what} are user ids (UUIDs) of members.`)).max(20, `At most 20 ${what}.`);

export const ZSubmitInput = z.object({
  revisionKind: z.enum(['major', 'minor'], 'revisionKind is major (1.0 → 2.0) or minor (1.0 → 1.1).'),
  reason: ZReason,
  reviewers: ZPeople('reviewers').default([]),
  approvers: ZPeople('approvers').min(1, 'Choose at least one approver.'),
  approvalRule: z.enum(['all', 'any'], 'approvalRule is all or any.').default('all'),
  approvalsRequired: z.int('approvalsRequired is a whole number.').min(1).max(20).optional(),
  /** A day (effective from its start, UTC) or a date and time with its offset. */
  effectiveFrom: z.union([z.iso.date(), z.iso.datetime({ offset: true })], 'effectiveFrom is an ISO 8601 date (2026-12-20) or date and time with offset.').optional(),
  ...ZReauth,
});
export type TSubmitInput = z.infer<typeof ZSubmitInput>;

export const ZSignInput = z.object({
  meaning: z.enum(['reviewed', 'approved', 'rejected'], 'meaning is reviewed, approved or rejected (authored is signed at submission).'),
  comment: zText({ multiline: true }).max(2000, 'Keep the comment under 2,000 characters.').optional(),
  ...ZReauth,
});
export type TSignInput = z.infer<typeof ZSignInput>;

/** One department's review and approval defaults (PUT /routing-defaults), the department exactly as SOPs store it ('' is any); none chosen removes the entry. */
export const ZRoutingDefaultInput = z.object({
  department: zText().max(120, 'Use at most 120 characters for the department.'),
  reviewers: z.array(z.uuid()).max(50).default([]),
  approvers: z.array(z.uuid()).max(50).default([]),
});
