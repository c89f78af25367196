'use server';
/**
 * Server actions of document control's settings, on the form-action wrapper (lib/http/action.ts).
 * The checkboxes of the routing-defaults form are named `reviewer:<user id>` and
 * `approver:<user id>` (a form's entries arrive as one object, so repeated names would collapse).
 */
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { orgAction } from '@/lib/http/action';
import { ZSlug } from '@/lib/orgs/slug';
import { ZRoutingDefaultInput } from './api-schemas';
import { setRoutingDefault } from './routing-defaults';

const chosen = (form: Record<string, unknown>, prefix: string) =>
  Object.keys(form)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));

const ZRoutingDefaultForm = z
  .looseObject({ slug: ZSlug, department: z.string().default('') })
  .transform((form) => ({ slug: form.slug, department: form.department, reviewers: chosen(form, 'reviewer:'), approvers: chosen(form, 'approver:') }))
  .pipe(z.object({ slug: ZSlug, department: ZRoutingDefaultInput.shape.department, reviewers: z.array(z.uuid()).max(50), approvers: z.array(z.uuid()).max(50) }));

export const setRoutingDefaultAction = orgAction({ input: ZRoutingDefaultForm, permission: 'sops.control' }, async ({ org, input, tx }) => {
  const result = await setRoutingDefault(tx, org.id, input);
  revalidatePath(`/o/${org.slug}/settings`);
  const which = input.department ? `“${input.department}”` : 'any department';
  return { notice: result === 'removed' ? `Defaults for ${which} removed.` : `Defaults for ${which} saved.` };
});
