/**
 * zod schemas of the read-and-understood endpoints (and so of their OpenAPI entries). The
 * password is taken exactly as typed (never sanitized, never echoed).
 */
import { z } from 'zod';

/** POST …/sops/{id}/acknowledgements: the re-authentication of the "Read and understood" signature. */
export const ZAcknowledgeInput = z
  .object({
    password: z.string('password: enter your password to sign.').min(1, 'Enter your password to sign.').max(1000, 'The password is too long.'),
    code: z.string().max(20, 'The authenticator code has 6 digits.').optional(),
  })
  .strict();
export type TAcknowledgeInput = z.infer<typeof ZAcknowledgeInput>;
