/**
 * zod schemas of the /api/v1 template endpoints (also the source of their OpenAPI entries).
 * A template id is a built-in's stable id ("builtin:receiving") or an organization template's
 * UUID; anything else is refused here.
 */
import { z } from 'zod';
import { ZSlug } from '@/lib/orgs/slug';
import { zText } from '@/lib/security/sanitize';
import { ZCreateSopInput } from '@/lib/sops/api-schemas';

const ID = /^(builtin:[a-z0-9-]{1,40}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
export const ZTemplateId = z.string().regex(ID, 'A template id is "builtin:<name>" or a UUID, as GET …/templates lists them.');

export const ZTemplateParam = z.object({ org: ZSlug, id: ZTemplateId });

const notBlank = (s: string) => s.trim().length > 0;

export const ZSaveTemplateInput = z.object({
  sopId: z.uuid('sopId must be the id (UUID) of an SOP of this organization.'),
  name: zText().max(120, 'Use at most 120 characters for the name.').refine(notBlank, 'Give the template a name.'),
  description: zText({ multiline: true }).max(1000, 'Keep the description under 1,000 characters.').optional(),
  industry: zText().max(120).optional(),
});
export type TSaveTemplateInput = z.infer<typeof ZSaveTemplateInput>;

export const ZCreateFromTemplateInput = z.object({
  templateId: ZTemplateId,
  title: ZCreateSopInput.shape.title,
  department: ZCreateSopInput.shape.department.describe('Default: the department the template was saved with (built-ins have none).'),
});
export type TCreateFromTemplateInput = z.infer<typeof ZCreateFromTemplateInput>;
