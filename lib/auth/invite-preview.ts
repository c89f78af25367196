/**
 * What an invite link shows, signed in or not: checked against the token in the database
 * (public.invite_for_token) before anything about the organization is returned.
 */
import 'server-only';
import { z } from 'zod';
import type { Tx } from '@/lib/db';
import type { Role } from '@/lib/orgs/permissions';

export interface InviteLinkPreview {
  orgName: string;
  inviterName: string | null;
  role: Role;
  email: string;
  state: 'valid' | 'used' | 'expired';
}

/** A UUID Postgres accepts (not just 36 hex digits and dashes), and a token of plausible length. */
export function plausibleInviteLink(id: string, token: string): boolean {
  return z.uuid().safeParse(id).success && token.length >= 20 && token.length <= 200;
}

export async function inviteLinkPreview(tx: Tx, inviteId: string, token: string): Promise<InviteLinkPreview | null> {
  if (!plausibleInviteLink(inviteId, token)) return null;
  const [r] = await tx.query<{ org_name: string; inviter_name: string | null; role: Role; email: string; state: InviteLinkPreview['state'] }>(
    'select * from public.invite_for_token($1, $2)',
    [inviteId, token],
  );
  return r ? { orgName: r.org_name, inviterName: r.inviter_name, role: r.role, email: r.email, state: r.state } : null;
}
