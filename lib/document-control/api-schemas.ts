/**
 * zod schemas of the /api/v1 document-control endpoints (and so of their OpenAPI entries). A
 * reason is plain text as typed; the database refuses an empty one too (DC422), this answers
 * 400 before the transaction.
 */
import { z } from 'zod';
import { zText } from '@/lib/security/sanitize';

export const ZReasonInput = z.object({
  reason: zText({ multiline: true }).min(3, 'Give the reason (at least 3 characters): it goes into the history and the audit trail.').max(2000, 'Keep the reason under 2,000 characters.'),
});
