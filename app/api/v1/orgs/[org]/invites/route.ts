/**
 * GET  /api/v1/orgs/{org}/invites — pending and expired invitations (owners/admins; others 403).
 * POST /api/v1/orgs/{org}/invites — invite someone by email with a role (owners/admins).
 */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZInviteInput, ZOrgParam } from '@/lib/orgs/api-schemas';
import { sendInviteEmail } from '@/lib/orgs/invite-email';
import { createInvite, listInvites, requireOrg } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZOrgParam }, async ({ user, params }) => {
  const invites = await withUser(user.claims, async (tx) => listInvites(tx, (await requireOrg(tx, user.id, params.org)).id));
  return NextResponse.json({ invites }, { headers: { 'Cache-Control': 'no-store' } });
});

export const POST = apiRoute(
  { params: ZOrgParam, body: ZInviteInput, rateLimit: { name: 'invite-send', limit: 30, windowSeconds: 3600 } },
  async ({ user, params, body }) => {
    const { org, invite } = await withUser(user.claims, async (tx) => {
      const org = await requireOrg(tx, user.id, params.org);
      return { org, invite: await createInvite(tx, org.id, user.id, body.email, body.role) };
    });
    // After the transaction: never hold it across the email provider.
    const sent = await sendInviteEmail({ to: body.email, orgName: org.name, role: body.role, inviterEmail: user.email, inviteId: invite.id, token: invite.token });
    return NextResponse.json(
      { id: invite.id, organization: { id: org.id, slug: org.slug }, email: body.email, role: body.role, expiresAt: invite.expiresAt, emailSent: sent },
      { status: 201 },
    );
  },
);
