/**
 * zod schemas of the read-and-understood endpoints (and so of their OpenAPI entries). The
 * password is taken exactly as typed (never sanitized, never echoed).
 */
import { z } from 'zod';
import { ZReauth } from '@/lib/document-control/api-schemas';

/** POST …/sops/{id}/acknowledgements: the re-authentication of the "Read and understood" signature. */
export const ZAcknowledgeInput = z.object(ZReauth).strict();
export type TAcknowledgeInput = z.infer<typeof ZAcknowledgeInput>;
