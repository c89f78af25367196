/**
 * The invitation email. The raw token exists only in this link. The organization's name and
 * the inviter are plain text as typed (they may hold "<" or "&"): escaped in the HTML body,
 * as they are in the text body and the subject.
 */
import 'server-only';
import { env } from '@/lib/env';
import { sendEmail } from '@/lib/email';
import { escapeHtml } from '@/lib/security/escape';
import { ROLE_LABELS, type Role } from './permissions';

export function inviteUrl(inviteId: string, token: string): string {
  return `${env().appUrl}/invite/${inviteId}?token=${encodeURIComponent(token)}`;
}

export function inviteEmail(p: { orgName: string; role: Role; inviterEmail: string; url: string }): { subject: string; text: string; html: string } {
  const role = ROLE_LABELS[p.role].label;
  const text = [
    `${p.inviterEmail} invited you to join ${p.orgName} on SOPwright as ${role}.`,
    '',
    `Accept the invitation: ${p.url}`,
    '',
    'The link works once and expires in 7 days. If you did not expect this, ignore this email.',
  ].join('\n');
  const html = `<p>${escapeHtml(p.inviterEmail)} invited you to join <strong>${escapeHtml(p.orgName)}</strong> on SOPwright as <strong>${escapeHtml(role)}</strong>.</p>
<p><a href="${escapeHtml(p.url)}">Accept the invitation</a></p>
<p>The link works once and expires in 7 days. If you did not expect this, ignore this email.</p>`;
  return { subject: `You are invited to ${p.orgName} on SOPwright`, text, html };
}

export async function sendInviteEmail(p: { to: string; orgName: string; role: Role; inviterEmail: string; inviteId: string; token: string }): Promise<boolean> {
  const message = inviteEmail({ orgName: p.orgName, role: p.role, inviterEmail: p.inviterEmail, url: inviteUrl(p.inviteId, p.token) });
  return sendEmail({ to: p.to, ...message, kind: 'invite' });
}
