/** The invitation email. The raw token exists only in this link. */
import 'server-only';
import { env } from '@/lib/env';
import { escapeHtml, sendEmail } from '@/lib/email';
import { ROLE_LABELS, type Role } from './permissions';

export function inviteUrl(inviteId: string, token: string): string {
  return `${env().appUrl}/invite/${inviteId}?token=${encodeURIComponent(token)}`;
}

export async function sendInviteEmail(p: { to: string; orgName: string; role: Role; inviterEmail: string; inviteId: string; token: string }): Promise<boolean> {
  const url = inviteUrl(p.inviteId, p.token);
  const role = ROLE_LABELS[p.role].label;
  const text = [
    `${p.inviterEmail} invited you to join ${p.orgName} on SOPwright as ${role}.`,
    '',
    `Accept the invitation: ${url}`,
    '',
    'The link works once and expires in 7 days. If you did not expect this, ignore this email.',
  ].join('\n');
  const html = `<p>${escapeHtml(p.inviterEmail)} invited you to join <strong>${escapeHtml(p.orgName)}</strong> on SOPwright as <strong>${escapeHtml(role)}</strong>.</p>
<p><a href="${escapeHtml(url)}">Accept the invitation</a></p>
<p>The link works once and expires in 7 days. If you did not expect this, ignore this email.</p>`;
  return sendEmail({ to: p.to, subject: `You are invited to ${p.orgName} on SOPwright`, text, html, kind: 'invite' });
}
