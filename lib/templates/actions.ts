'use server';
/**
 * Server actions of templates, on the form-action wrapper (lib/http/action.ts): start an SOP
 * from a template (then open it), save an SOP as a template, delete one. RLS decides; the
 * service's AppErrors become the form's message.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { afterCommit, orgAction } from '@/lib/http/action';
import { ZSlug } from '@/lib/orgs/slug';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { ZCreateFromTemplateInput, ZSaveTemplateInput, ZTemplateId } from './api-schemas';
import { createSopFromTemplate, deleteTemplate, saveSopAsTemplate } from './service';

const LIMIT = { rule: SOP_WRITE_PER_USER, message: 'You have made many changes in the last minute. Try again shortly.' };
/** An empty optional field means "not given". */
const optional = <T extends z.ZodType>(s: T) => z.preprocess((v) => (v === '' ? undefined : v), s.optional());

const ZCreateForm = z.object({
  slug: ZSlug,
  templateId: z.string({ message: 'Choose a template.' }).min(1, 'Choose a template.').pipe(ZTemplateId),
  title: ZCreateFromTemplateInput.shape.title,
  department: optional(ZCreateFromTemplateInput.shape.department.unwrap()),
});

export const createFromTemplateAction = orgAction(
  { input: ZCreateForm, permission: 'sops.edit', rateLimit: LIMIT, echo: ['title', 'department', 'templateId'] },
  async ({ user, org, input, tx }) => {
    const sop = await createSopFromTemplate(tx, { orgId: org.id, userId: user.id, templateId: input.templateId, title: input.title, department: input.department });
    return afterCommit(async () => redirect(`/o/${org.slug}/sops/${sop.id}?created=template`));
  },
);

const ZSaveForm = z.object({
  slug: ZSlug,
  sopId: ZSaveTemplateInput.shape.sopId,
  name: ZSaveTemplateInput.shape.name,
  description: optional(ZSaveTemplateInput.shape.description.unwrap()),
  industry: optional(ZSaveTemplateInput.shape.industry.unwrap()),
});

export const saveAsTemplateAction = orgAction(
  { input: ZSaveForm, permission: 'sops.edit', rateLimit: LIMIT, echo: ['name', 'description', 'industry'] },
  async ({ org, input, tx }) => {
    const template = await saveSopAsTemplate(tx, { orgId: org.id, sopId: input.sopId, name: input.name, description: input.description, industry: input.industry });
    revalidatePath(`/o/${org.slug}/sops/new`);
    // The form shows what was saved (rather than resetting to the SOP's title), so a second click is refused as a duplicate.
    return {
      notice: `Saved as the template “${template.name}”. It is offered under New SOP → Start from a template.`,
      fields: { name: template.name, industry: template.industry, description: template.description },
    };
  },
);

export const deleteTemplateAction = orgAction(
  { input: z.object({ slug: ZSlug, templateId: ZTemplateId }), permission: 'sops.edit', rateLimit: LIMIT },
  async ({ org, input, tx }) => {
    await deleteTemplate(tx, org.id, input.templateId);
    revalidatePath(`/o/${org.slug}/sops/new`);
    return { notice: 'Template deleted. SOPs made from it keep their content.' };
  },
);
