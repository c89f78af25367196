import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZInviteInput, ZOrgParam } from '@/lib/orgs/api-schemas';
import { sendInviteEmail } from '@/lib/orgs/invite-email';
import { afterCommit } from '@/lib/orgs/scope';
import { createInvite, listInvites } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  { params: ZOrgParam, permission: 'invites.manage', doc: { summary: 'Pending and expired invitations (owners and admins).', responses: { '200': '`{ invites }`.', '403': 'Not allowed.' } } },
  async ({ tx, org }) => NextResponse.json({ invites: await listInvites(tx, org.id) }),
);

export const POST = orgRoute(
  {
    params: ZOrgParam,
    body: ZInviteInput,
    permission: 'invites.manage',
    rateLimit: { name: 'invite-send', limit: 30, windowSeconds: 3600 },
    doc: { summary: 'Invite someone by email (owners and admins).', responses: { '201': 'Invited.', '403': 'Not allowed.' } },
  },
  async ({ tx, org, user, body }) => {
    const invite = await createInvite(tx, org.id, user.id, body.email, body.role);
    return afterCommit(async () => {
      const sent = await sendInviteEmail({ to: body.email, orgName: org.name, role: body.role, inviterEmail: user.email, inviteId: invite.id, token: invite.token });
      const organization = { id: org.id, slug: org.slug };
      return NextResponse.json({ id: invite.id, organization, email: body.email, role: body.role, expiresAt: invite.expiresAt, emailSent: sent }, { status: 201 });
    });
  },
);
