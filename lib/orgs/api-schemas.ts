/** zod schemas of the /api/v1 organization endpoints (also the source of the OpenAPI document later). */
import { z } from 'zod';
import { zText } from '@/lib/security/sanitize';
import { ROLES } from './permissions';
import { ZSlug } from './slug';

export const ZOrgParam = z.object({ org: ZSlug });
export const ZMemberParam = z.object({ org: ZSlug, userId: z.uuid('userId must be a UUID.') });

/** An organization's name: plain text as typed ("<b></b>" included), 1–120 characters. */
export const ZOrgName = zText().min(1, 'Enter a name.').max(120, 'Use at most 120 characters.');

export const ZCreateOrgInput = z.object({
  name: ZOrgName,
  slug: ZSlug.optional(),
});
export type TCreateOrgInput = z.infer<typeof ZCreateOrgInput>;

export const ZInviteInput = z.object({
  email: z.email('Enter a valid email address.').trim().toLowerCase().max(255),
  role: z.enum(ROLES).exclude(['owner']).default('viewer'),
});
export type TInviteInput = z.infer<typeof ZInviteInput>;

/** A member's department: free text, at most 120 characters; '' clears it. */
export const ZDepartment = zText().trim().max(120, 'Use at most 120 characters for the department.');

/** PATCH /members/{userId}: the role, the department, or both. */
export const ZMemberUpdate = z
  .object({ role: z.enum(ROLES).optional(), department: ZDepartment.optional() })
  .strict()
  .refine((b) => b.role !== undefined || b.department !== undefined, 'Send role, department or both.');
