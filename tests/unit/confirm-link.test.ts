import { describe, expect, it } from 'vitest';
import { confirmedElsewhereUrl, hasCodeVerifier } from '@/lib/auth/confirm';

describe('confirmation links', () => {
  it('know whether this browser holds a PKCE verifier of @supabase/ssr', () => {
    expect(hasCodeVerifier(['sb-sopwright-auth-token-code-verifier'])).toBe(true);
    expect(hasCodeVerifier(['sb-sopwright-auth-token-flow-abc-code-verifier'])).toBe(true);
    expect(hasCodeVerifier(['sb-sopwright-auth-token', 'sb-sopwright-auth-token.0'])).toBe(false);
    expect(hasCodeVerifier(['sb-sopwright-auth-token-flows-code-verifier'])).toBe(false);
    expect(hasCodeVerifier(['sb-other-auth-token-code-verifier'])).toBe(false);
  });

  it('send another browser to "confirmed, sign in", with the address and the way back', () => {
    expect(confirmedElsewhereUrl('https://app', 'a@b.c', '/invite/1?token=x')).toBe('https://app/email-confirmed?signin=1&email=a%40b.c&next=%2Finvite%2F1%3Ftoken%3Dx');
    expect(confirmedElsewhereUrl('https://app', undefined, '/email-confirmed')).toBe('https://app/email-confirmed?signin=1');
  });
});
