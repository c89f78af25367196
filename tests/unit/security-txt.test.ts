import { describe, expect, it } from 'vitest';
import { ConfigError, parseEnv, securityContact } from '@/lib/env';
import { securityTxt } from '@/lib/security/security-txt';

const APP = 'https://sop.example.com';
const field = (text: string, name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(text)?.[1];

describe('security contact', () => {
  it('takes SECURITY_CONTACT, an email becoming mailto:', () => {
    expect(securityContact({ SECURITY_CONTACT: 'security@example.com' }, APP)).toBe('mailto:security@example.com');
    expect(securityContact({ SECURITY_CONTACT: 'https://example.com/report' }, APP)).toBe('https://example.com/report');
  });

  it('falls back to the repository advisory form, then SUPPORT_EMAIL, then nothing', () => {
    expect(securityContact({ SOURCE_REPOSITORY_URL: 'https://github.com/acme/sopwright.git', SUPPORT_EMAIL: 'help@acme.com' }, APP)).toBe(
      'https://github.com/acme/sopwright/security/advisories/new',
    );
    expect(securityContact({ SUPPORT_EMAIL: 'help@acme.com' }, APP)).toBe('mailto:help@acme.com');
    const warnings: string[] = [];
    expect(securityContact({}, APP, warnings, true)).toBeNull();
    expect(warnings.join()).toMatch(/SECURITY_CONTACT/);
  });

  it('refuses the /security page (which points back here), security.txt itself and non-https URLs', () => {
    for (const bad of [`${APP}/security`, `${APP}/security/`, `${APP}/security#report`, `${APP}/.well-known/security.txt`, 'http://example.com/report', 'ftp://x', 'security']) {
      expect(() => securityContact({ SECURITY_CONTACT: bad }, APP), bad).toThrow(ConfigError);
    }
  });

  it('is never the /security page whatever is configured (parseEnv end to end)', () => {
    for (const raw of [{}, { SUPPORT_EMAIL: 'help@acme.com' }, { SOURCE_REPOSITORY_URL: 'https://github.com/a/b' }, { SECURITY_CONTACT: 'sec@acme.com' }]) {
      const e = parseEnv({ APP_URL: APP, ...raw });
      expect(e.securityTxt.contact).not.toBe(`${APP}/security`);
      expect(e.securityTxt.contact ?? '').not.toContain('/security\n');
      const txt = securityTxt({ appUrl: e.appUrl, contact: e.securityTxt.contact, policyUrl: e.securityTxt.policyUrl });
      if (txt) expect(field(txt, 'Contact')).not.toBe(field(txt, 'Policy'));
    }
  });
});

describe('security.txt', () => {
  it('has Contact, Expires under a year away, Canonical and Policy (RFC 9116)', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const txt = securityTxt({ appUrl: APP, contact: 'mailto:sec@acme.com', policyUrl: `${APP}/security`, now })!;
    expect(field(txt, 'Contact')).toBe('mailto:sec@acme.com');
    expect(field(txt, 'Canonical')).toBe(`${APP}/.well-known/security.txt`);
    expect(field(txt, 'Policy')).toBe(`${APP}/security`);
    const expires = new Date(field(txt, 'Expires')!);
    expect(expires.getTime()).toBeGreaterThan(now.getTime());
    expect(expires.getTime() - now.getTime()).toBeLessThan(365 * 24 * 3600 * 1000);
  });

  it('is not produced without a contact', () => {
    expect(securityTxt({ appUrl: APP, contact: null, policyUrl: `${APP}/security` })).toBeNull();
  });
});
