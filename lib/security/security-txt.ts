/** RFC 9116 security.txt, built from the configuration (lib/env.ts securityContact()). */

export interface SecurityTxtInput {
  appUrl: string;
  /** mailto: or https: — a real reporting channel; null when none is configured. */
  contact: string | null;
  policyUrl: string;
  /** ISO 8601; default 180 days after `now` (RFC 9116 §2.5.5: less than a year away). */
  expires?: string;
  now?: Date;
}

/** The file's text, or null when there is no contact to put in it (Contact is required). */
export function securityTxt({ appUrl, contact, policyUrl, expires, now = new Date() }: SecurityTxtInput): string | null {
  if (!contact) return null;
  const expiry = expires ?? new Date(now.getTime() + 180 * 24 * 3600 * 1000).toISOString();
  return [
    `Contact: ${contact}`,
    `Expires: ${expiry}`,
    'Preferred-Languages: en',
    `Canonical: ${appUrl}/.well-known/security.txt`,
    `Policy: ${policyUrl}`,
    '',
  ].join('\n');
}

/** How a contact reads on the /security page: the address for mailto:, else the URL. */
export function contactLabel(contact: string): string {
  return contact.startsWith('mailto:') ? contact.slice('mailto:'.length) : contact;
}
