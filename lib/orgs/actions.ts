'use server';
/**
 * Server actions of the organization pages, on the form-action wrapper (lib/http/action.ts):
 * RLS and the SQL guards decide, AppErrors become the form's message, and emails go out after
 * the transaction commits.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { afterCommit, orgAction, userAction } from '@/lib/http/action';
import { ZOrgReviewSettings } from '@/lib/review/api-schemas';
import { zText } from '@/lib/security/sanitize';
import { ZCreateOrgInput, ZInviteInput, ZOrgName } from './api-schemas';
import { sendInviteEmail } from './invite-email';
import { ROLES } from './permissions';
import * as orgs from './service';
import { slugify, ZSlug } from './slug';

// An empty "web address" field means: make it from the name.
const ZCreateOrgForm = ZCreateOrgInput.extend({ slug: z.preprocess((v) => v || undefined, ZSlug.optional()) });

export const createOrgAction = userAction(
  { input: ZCreateOrgForm, rateLimit: { rule: { name: 'org-create', limit: 10, windowSeconds: 3600 }, message: 'You have created many organizations recently. Try again later.' } },
  async ({ user, input }) => {
    const org = await withUser(user.claims, (tx) => orgs.createOrganization(tx, input.name, input.slug ?? slugify(input.name)));
    redirect(`/o/${org.slug}`);
  },
);

const INVITE_LIMIT = { rule: { name: 'invite-send', limit: 30, windowSeconds: 3600 }, message: 'Too many invitations sent recently. Try again later.' };

export const inviteAction = orgAction({ input: ZInviteInput.extend({ slug: ZSlug }), permission: 'invites.manage', rateLimit: INVITE_LIMIT }, async ({ user, org, input, tx }) => {
  const invite = await orgs.createInvite(tx, org.id, user.id, input.email, input.role);
  return afterCommit(async () => {
    const sent = await sendInviteEmail({ to: input.email, orgName: org.name, role: input.role, inviterEmail: user.email, inviteId: invite.id, token: invite.token });
    revalidatePath(`/o/${org.slug}/members`);
    return sent
      ? { notice: `Invitation sent to ${input.email}.` }
      : { error: `The invitation for ${input.email} was created, but the email could not be sent. Use “Resend” in a moment.` };
  });
});

const ZInviteRef = z.object({ slug: ZSlug, inviteId: z.uuid() });

export const resendInviteAction = orgAction({ input: ZInviteRef, permission: 'invites.manage', rateLimit: INVITE_LIMIT }, async ({ user, org, input, tx }) => {
  const invite = await orgs.renewInvite(tx, org.id, input.inviteId);
  return afterCommit(async () => {
    const sent = await sendInviteEmail({ to: invite.email, orgName: org.name, role: invite.role, inviterEmail: user.email, inviteId: invite.id, token: invite.token });
    revalidatePath(`/o/${org.slug}/members`);
    return sent ? { notice: `Invitation sent again to ${invite.email}; the previous link no longer works.` } : { error: 'The email could not be sent. Try again in a moment.' };
  });
});

export const revokeInviteAction = orgAction({ input: ZInviteRef, permission: 'invites.manage' }, async ({ org, input, tx }) => {
  await orgs.revokeInvite(tx, org.id, input.inviteId);
  revalidatePath(`/o/${org.slug}/members`);
  return { notice: 'Invitation withdrawn.' };
});

export const changeRoleAction = orgAction({ input: z.object({ slug: ZSlug, userId: z.uuid(), role: z.enum(ROLES) }), permission: 'members.manage' }, async ({ org, input, tx }) => {
  await orgs.changeRole(tx, org.id, input.userId, input.role);
  revalidatePath(`/o/${org.slug}/members`);
  return { notice: 'Role changed.' };
});

const ZMemberRef = z.object({ slug: ZSlug, userId: z.uuid() });

// Anyone may leave; removing someone else is checked by the service (members.manage).
export const removeMemberAction = orgAction({ input: ZMemberRef }, async ({ user, org, input, tx }) => {
  await orgs.removeMember(tx, org.id, input.userId);
  if (input.userId === user.id) return afterCommit(async () => redirect('/o'));
  revalidatePath(`/o/${org.slug}/members`);
  return { notice: 'Member removed.' };
});

// Owners only; the SQL function refuses anyone else with its own message.
export const transferOwnershipAction = orgAction({ input: ZMemberRef }, async ({ org, input, tx }) => {
  await orgs.transferOwnership(tx, org.id, input.userId);
  revalidatePath(`/o/${org.slug}`, 'layout');
  return { notice: 'Ownership transferred. You are now an admin.' };
});

export const updateOrgAction = orgAction({ input: z.object({ slug: ZSlug, name: ZOrgName, newSlug: ZSlug }), permission: 'org.update' }, async ({ org, input, tx }) => {
  await orgs.updateOrganization(tx, org.id, { name: input.name, slug: input.newSlug });
  return afterCommit(async () => redirect(`/o/${input.newSlug}/settings?saved=1`));
});

export const acceptInviteAction = userAction({ input: z.object({ inviteId: z.uuid(), token: z.string().min(20).max(200) }) }, async ({ user, input }) => {
  const { orgSlug } = await withUser(user.claims, (tx) => orgs.acceptInvite(tx, input.inviteId, input.token));
  redirect(`/o/${orgSlug}`);
});

const ZDocumentSettings = z.object({
  slug: ZSlug,
  aiAllowed: z.enum(['on']).optional(),
  sensitiveTerms: zText({ multiline: true }).max(10_000, 'Keep the list under 10,000 characters.').default(''),
  exportFooter: zText().max(200, 'Use at most 200 characters for the footer line.').default(''),
  pageSize: z.enum(['A4', 'Letter']),
});

export const updateDocumentSettingsAction = orgAction({ input: ZDocumentSettings, permission: 'org.update' }, async ({ org, input, tx }) => {
  const terms = [...new Set(input.sensitiveTerms.split('\n').map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.length >= 2))];
  if (terms.length > 200) return { error: 'List at most 200 sensitive terms.' };
  await orgs.updateDocumentSettings(tx, org.id, {
    aiAllowed: input.aiAllowed === 'on',
    sensitiveTerms: terms.map((t) => t.slice(0, 120)),
    exportFooter: input.exportFooter || 'Uncontrolled when printed',
    pageSize: input.pageSize,
  });
  revalidatePath(`/o/${org.slug}/settings`);
  return { notice: 'Drafting and document settings saved.' };
});

export const updateReviewSettingsAction = orgAction(
  { input: ZOrgReviewSettings.extend({ slug: ZSlug }), permission: 'org.update', echo: ['reviewIntervalMonths', 'trainingDueDays'] },
  async ({ org, input, tx }) => {
    await orgs.updateReviewSettings(tx, org.id, { reviewIntervalMonths: input.reviewIntervalMonths, trainingDueDays: input.trainingDueDays });
    revalidatePath(`/o/${org.slug}`, 'layout');
    return { notice: `Saved: SOPs without their own interval are reviewed every ${input.reviewIntervalMonths} months; training is due within ${input.trainingDueDays} days.` };
  },
);
