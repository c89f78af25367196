/** RFC 9116 security.txt. Values from env (SECURITY_*), with defaults that point at /security. */
import { env } from '@/lib/env';

export const dynamic = 'force-dynamic';

export function GET() {
  const { appUrl, securityTxt } = env();
  // RFC 9116 §2.5.5: Expires is required and should be less than a year away.
  const expires = securityTxt.expires ?? new Date(Date.now() + 180 * 24 * 3600 * 1000).toISOString();
  const contact = /^(mailto:|https?:)/.test(securityTxt.contact) ? securityTxt.contact : `mailto:${securityTxt.contact}`;
  const body = [
    `Contact: ${contact}`,
    `Expires: ${expires}`,
    'Preferred-Languages: en',
    `Canonical: ${appUrl}/.well-known/security.txt`,
    `Policy: ${securityTxt.policyUrl}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
}
