/** RFC 9116 security.txt: Contact is the configured reporting channel (lib/env.ts); none configured → 404. */
import { env } from '@/lib/env';
import { securityTxt } from '@/lib/security/security-txt';

export const dynamic = 'force-dynamic';

export function GET() {
  const { appUrl, securityTxt: cfg } = env();
  const body = securityTxt({ appUrl, contact: cfg.contact, policyUrl: cfg.policyUrl, expires: cfg.expires });
  if (!body) return new Response('No security contact is configured for this installation (SECURITY_CONTACT).\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' } });
}
