/**
 * Document-control emails. The lockout notice goes to the organization's owners when repeated
 * failed signing attempts lock a signer out (21 CFR 11.300(d): "report in an immediate and
 * urgent manner any attempts at their unauthorized use … to organizational management").
 * Names are plain text as typed: escaped in the HTML body.
 */
import 'server-only';
import { sendEmail } from '@/lib/email';
import { escapeHtml } from '@/lib/security/escape';

export interface LockoutNotice {
  signerName: string;
  signerEmail: string;
  orgName: string;
  failures: number;
  /** ISO 8601 UTC. */
  lockedUntil: string;
}

/** '2026-12-01 11:15 UTC' from an ISO 8601 UTC time. */
export const minuteUtc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function lockoutEmail(n: LockoutNotice): { subject: string; text: string; html: string } {
  const who = `${n.signerName} (${n.signerEmail})`;
  const what = `${n.failures} failed signing attempts (wrong password or authenticator code) in a row`;
  const text = [
    `${who} made ${what} in ${n.orgName} on SOPwright.`,
    '',
    `Electronic signing is locked for this person until ${minuteUtc(n.lockedUntil)}. The attempts are in the audit trail.`,
    '',
    'If this was not them, someone may be trying to sign in their name: talk to them and review their account.',
  ].join('\n');
  const html = `<p>${escapeHtml(who)} made ${escapeHtml(what)} in <strong>${escapeHtml(n.orgName)}</strong> on SOPwright.</p>
<p>Electronic signing is locked for this person until ${escapeHtml(minuteUtc(n.lockedUntil))}. The attempts are in the audit trail.</p>
<p>If this was not them, someone may be trying to sign in their name: talk to them and review their account.</p>`;
  return { subject: `Signing locked for ${n.signerName} in ${n.orgName}`, text, html };
}

/** Email every owner; a provider's refusal is logged by sendEmail, never thrown. */
export async function sendLockoutEmails(to: readonly string[], notice: LockoutNotice): Promise<void> {
  const message = lockoutEmail(notice);
  await Promise.all(to.map((address) => sendEmail({ to: address, ...message, kind: 'signing-lockout' })));
}
