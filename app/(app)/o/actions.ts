'use server';
/**
 * Server actions of the organization pages. Each re-resolves the user, validates with zod,
 * and runs in one withUser() transaction; RLS and the SQL guards decide, AppErrors become
 * the form's message. Emails go out after the transaction commits.
 */
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { requireUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { getRateLimiter } from '@/lib/ratelimit';
import { ZCreateOrgInput, ZInviteInput, ZOrgName } from '@/lib/orgs/api-schemas';
import { sendInviteEmail } from '@/lib/orgs/invite-email';
import { ROLES } from '@/lib/orgs/permissions';
import * as orgs from '@/lib/orgs/service';
import { slugify, ZSlug } from '@/lib/orgs/slug';
import { zText } from '@/lib/security/sanitize';

export type OrgFormState = { error?: string; notice?: string } | undefined;

function message(err: unknown): string {
  if (err instanceof AppError) return err.message;
  if (err instanceof z.ZodError) return err.issues[0]?.message ?? 'Check the form.';
  throw err;
}

export async function createOrgAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  let slug: string;
  try {
    const input = ZCreateOrgInput.parse({ name: form.get('name'), slug: form.get('slug') || undefined });
    const name = input.name;
    const limit = await getRateLimiter().check({ name: 'org-create', limit: 10, windowSeconds: 3600 }, user.id);
    if (!limit.allowed) return { error: 'You have created many organizations recently. Try again later.' };
    const org = await withUser(user.claims, (tx) => orgs.createOrganization(tx, name, input.slug ?? slugify(name)));
    slug = org.slug;
  } catch (err) {
    return { error: message(err) };
  }
  redirect(`/o/${slug}`);
}

const ZSlugField = z.object({ slug: ZSlug });

export async function inviteAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  try {
    const { slug } = ZSlugField.parse({ slug: form.get('slug') });
    const input = ZInviteInput.parse({ email: form.get('email'), role: form.get('role') });
    const limit = await getRateLimiter().check({ name: 'invite-send', limit: 30, windowSeconds: 3600 }, user.id);
    if (!limit.allowed) return { error: 'Too many invitations sent recently. Try again later.' };
    const { org, invite } = await withUser(user.claims, async (tx) => {
      const org = await orgs.requireOrg(tx, user.id, slug);
      return { org, invite: await orgs.createInvite(tx, org.id, user.id, input.email, input.role) };
    });
    const sent = await sendInviteEmail({ to: input.email, orgName: org.name, role: input.role, inviterEmail: user.email, inviteId: invite.id, token: invite.token });
    revalidatePath(`/o/${slug}/members`);
    return sent
      ? { notice: `Invitation sent to ${input.email}.` }
      : { error: `The invitation for ${input.email} was created, but the email could not be sent. Use “Resend” in a moment.` };
  } catch (err) {
    return { error: message(err) };
  }
}

const ZInviteRef = z.object({ slug: ZSlug, inviteId: z.uuid() });

export async function resendInviteAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  try {
    const { slug, inviteId } = ZInviteRef.parse({ slug: form.get('slug'), inviteId: form.get('inviteId') });
    const limit = await getRateLimiter().check({ name: 'invite-send', limit: 30, windowSeconds: 3600 }, user.id);
    if (!limit.allowed) return { error: 'Too many invitations sent recently. Try again later.' };
    const { org, invite } = await withUser(user.claims, async (tx) => {
      const org = await orgs.requireOrg(tx, user.id, slug);
      return { org, invite: await orgs.renewInvite(tx, org.id, inviteId) };
    });
    const sent = await sendInviteEmail({ to: invite.email, orgName: org.name, role: invite.role, inviterEmail: user.email, inviteId: invite.id, token: invite.token });
    revalidatePath(`/o/${slug}/members`);
    return sent ? { notice: `Invitation sent again to ${invite.email}; the previous link no longer works.` } : { error: 'The email could not be sent. Try again in a moment.' };
  } catch (err) {
    return { error: message(err) };
  }
}

export async function revokeInviteAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  try {
    const { slug, inviteId } = ZInviteRef.parse({ slug: form.get('slug'), inviteId: form.get('inviteId') });
    await withUser(user.claims, async (tx) => orgs.revokeInvite(tx, (await orgs.requireOrg(tx, user.id, slug)).id, inviteId));
    revalidatePath(`/o/${slug}/members`);
    return { notice: 'Invitation withdrawn.' };
  } catch (err) {
    return { error: message(err) };
  }
}

const ZRoleChange = z.object({ slug: ZSlug, userId: z.uuid(), role: z.enum(ROLES) });

export async function changeRoleAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  try {
    const { slug, userId, role } = ZRoleChange.parse({ slug: form.get('slug'), userId: form.get('userId'), role: form.get('role') });
    await withUser(user.claims, async (tx) => orgs.changeRole(tx, (await orgs.requireOrg(tx, user.id, slug)).id, userId, role));
    revalidatePath(`/o/${slug}/members`);
    return { notice: 'Role changed.' };
  } catch (err) {
    return { error: message(err) };
  }
}

const ZMemberRef = z.object({ slug: ZSlug, userId: z.uuid() });

export async function removeMemberAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  let leaving = false;
  try {
    const { slug, userId } = ZMemberRef.parse({ slug: form.get('slug'), userId: form.get('userId') });
    await withUser(user.claims, async (tx) => orgs.removeMember(tx, (await orgs.requireOrg(tx, user.id, slug)).id, userId));
    leaving = userId === user.id;
    if (!leaving) revalidatePath(`/o/${slug}/members`);
  } catch (err) {
    return { error: message(err) };
  }
  if (leaving) redirect('/o');
  return { notice: 'Member removed.' };
}

export async function transferOwnershipAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  try {
    const { slug, userId } = ZMemberRef.parse({ slug: form.get('slug'), userId: form.get('userId') });
    await withUser(user.claims, async (tx) => orgs.transferOwnership(tx, (await orgs.requireOrg(tx, user.id, slug)).id, userId));
    revalidatePath(`/o/${slug}`, 'layout');
    return { notice: 'Ownership transferred. You are now an admin.' };
  } catch (err) {
    return { error: message(err) };
  }
}

const ZOrgSettings = z.object({ slug: ZSlug, name: ZOrgName, newSlug: ZSlug });

export async function updateOrgAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  let target: string;
  try {
    const input = ZOrgSettings.parse({ slug: form.get('slug'), name: form.get('name'), newSlug: form.get('newSlug') });
    await withUser(user.claims, async (tx) =>
      orgs.updateOrganization(tx, (await orgs.requireOrg(tx, user.id, input.slug)).id, { name: input.name, slug: input.newSlug }),
    );
    target = input.newSlug;
  } catch (err) {
    return { error: message(err) };
  }
  redirect(`/o/${target}/settings?saved=1`);
}

const ZAccept = z.object({ inviteId: z.uuid(), token: z.string().min(20).max(200) });

export async function acceptInviteAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  let slug: string;
  try {
    const input = ZAccept.parse({ inviteId: form.get('inviteId'), token: form.get('token') });
    slug = (await withUser(user.claims, (tx) => orgs.acceptInvite(tx, input.inviteId, input.token))).orgSlug;
  } catch (err) {
    return { error: message(err) };
  }
  redirect(`/o/${slug}`);
}

const ZDocumentSettings = z.object({
  slug: ZSlug,
  aiAllowed: z.enum(['on']).optional(),
  sensitiveTerms: zText({ multiline: true }).max(10_000, 'Keep the list under 10,000 characters.'),
  exportFooter: zText().max(200, 'Use at most 200 characters for the footer line.'),
  pageSize: z.enum(['A4', 'Letter']),
});

export async function updateDocumentSettingsAction(_prev: OrgFormState, form: FormData): Promise<OrgFormState> {
  const user = await requireUser();
  try {
    const input = ZDocumentSettings.parse({
      slug: form.get('slug'),
      aiAllowed: form.get('aiAllowed') ?? undefined,
      sensitiveTerms: form.get('sensitiveTerms') ?? '',
      exportFooter: form.get('exportFooter') ?? '',
      pageSize: form.get('pageSize'),
    });
    const terms = [...new Set(input.sensitiveTerms.split('\n').map((t) => t.replace(/\s+/g, ' ').trim()).filter((t) => t.length >= 2))];
    if (terms.length > 200) return { error: 'List at most 200 sensitive terms.' };
    await withUser(user.claims, async (tx) =>
      orgs.updateDocumentSettings(tx, (await orgs.requireOrg(tx, user.id, input.slug)).id, {
        aiAllowed: input.aiAllowed === 'on',
        sensitiveTerms: terms.map((t) => t.slice(0, 120)),
        exportFooter: input.exportFooter || 'Uncontrolled when printed',
        pageSize: input.pageSize,
      }),
    );
    revalidatePath(`/o/${input.slug}/settings`);
    return { notice: 'Drafting and document settings saved.' };
  } catch (err) {
    return { error: message(err) };
  }
}
