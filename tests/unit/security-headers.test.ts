import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, securityHeaders, stripeHostedOrigins } from '@/lib/security/csp';
import { redact } from '@/lib/log';

describe('content security policy', () => {
  it('allows scripts only from self with the nonce, in production', () => {
    const csp = contentSecurityPolicy('abc', { dev: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
    for (const d of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'"]) expect(csp).toContain(d);
  });

  it('gives a fresh nonce each time', () => {
    expect(createNonce()).not.toBe(createNonce());
    expect(createNonce()).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });

  it("lets forms be redirected to Stripe's hosted pages only when given, and nowhere else", () => {
    expect(contentSecurityPolicy('abc', { dev: false })).toMatch(/form-action 'self'(;|$)/);
    expect(contentSecurityPolicy('abc', { dev: false, formAction: stripeHostedOrigins(undefined) })).toMatch(/form-action 'self' https:\/\/checkout\.stripe\.com https:\/\/billing\.stripe\.com(;|$)/);
    expect(stripeHostedOrigins('http://127.0.0.1:12111/')).toEqual(['http://127.0.0.1:12111']);
  });

  it('sends HSTS only in production', () => {
    expect(securityHeaders({ production: true })['Strict-Transport-Security']).toMatch(/max-age=\d+/);
    expect(securityHeaders({ production: false })['Strict-Transport-Security']).toBeUndefined();
  });
});

describe('log redaction', () => {
  it('removes secrets by key and by shape', () => {
    const out = JSON.stringify(
      redact({
        password: 'hunter2hunter2',
        headers: { authorization: 'Bearer x' },
        note: 'key sk_live_abcdefghijkl and jwt eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxMjM0NTYifQ.c2lnbmF0dXJlMTIz at postgres://app:s3cret@db:5432/x',
      }),
    );
    expect(out).not.toMatch(/hunter2|Bearer x|sk_live_abc|eyJhbGci|s3cret/);
    expect(out).toContain('postgres://app:[redacted]@db:5432/x');
  });
});
