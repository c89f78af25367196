import { describe, expect, it } from 'vitest';
import { ConfigError, describeModes, parseEnv } from '@/lib/env';

describe('parseEnv', () => {
  it('runs every part embedded when nothing is set', () => {
    const e = parseEnv({});
    expect(describeModes(e)).toEqual({
      database: 'pglite',
      auth: 'emulator',
      email: 'outbox',
      ai: 'offline',
      rateLimit: 'postgres',
      billing: 'off',
      errors: 'console',
    });
    expect(e.database).toEqual({ mode: 'pglite', dataDir: '.data' });
    expect(e.appUrl).toBe('http://localhost:3000');
  });

  it('switches each part to its hosted service when fully configured', () => {
    const e = parseEnv({
      DATABASE_URL: 'postgres://u:p@db.example.com:6543/postgres',
      NEXT_PUBLIC_SUPABASE_URL: 'https://abcd.supabase.co/',
      NEXT_PUBLIC_SUPABASE_ANON_KEY: 'anon',
      RESEND_API_KEY: 're_x',
      ANTHROPIC_API_KEY: 'sk-ant-x',
      UPSTASH_REDIS_REST_URL: 'https://r.upstash.io',
      UPSTASH_REDIS_REST_TOKEN: 't',
      STRIPE_SECRET_KEY: 'sk_test_x',
      STRIPE_WEBHOOK_SECRET: 'whsec_x',
      SENTRY_DSN: 'https://k@o1.ingest.sentry.io/1',
    });
    expect(describeModes(e)).toEqual({
      database: 'postgres',
      auth: 'supabase',
      email: 'resend',
      ai: 'claude',
      rateLimit: 'upstash',
      billing: 'stripe',
      errors: 'sentry',
    });
    expect(e.auth).toMatchObject({ url: 'https://abcd.supabase.co' });
  });

  it.each([
    [{ NEXT_PUBLIC_SUPABASE_URL: 'https://a.supabase.co' }, 'NEXT_PUBLIC_SUPABASE_ANON_KEY'],
    [{ NEXT_PUBLIC_SUPABASE_ANON_KEY: 'k' }, 'NEXT_PUBLIC_SUPABASE_URL'],
    [{ STRIPE_SECRET_KEY: 'sk_test_x' }, 'STRIPE_WEBHOOK_SECRET'],
    [{ UPSTASH_REDIS_REST_URL: 'https://r.upstash.io' }, 'UPSTASH_REDIS_REST_TOKEN'],
  ])('fails on a half-set configuration %o, naming %s', (source, missing) => {
    expect(() => parseEnv(source)).toThrow(ConfigError);
    expect(() => parseEnv(source)).toThrow(missing);
  });

  it('names the variable whose value is malformed', () => {
    expect(() => parseEnv({ APP_URL: 'not a url' })).toThrow(/APP_URL/);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '', STRIPE_SECRET_KEY: ' ' }).database.mode).toBe('pglite');
  });
});

describe('the local mailbox', () => {
  it('is served in development with the embedded auth and no Resend', () => {
    expect(parseEnv({ NODE_ENV: 'development' }).mailbox).toBe(true);
    expect(parseEnv({ NODE_ENV: 'development', RESEND_API_KEY: 're_x' }).mailbox).toBe(false);
  });

  it('is never served in production, whatever SOPWRIGHT_MAILBOX says, and says so loudly', () => {
    for (const value of [undefined, '1', 'true']) {
      const e = parseEnv({ NODE_ENV: 'production', SOPWRIGHT_MAILBOX: value });
      expect(e.mailbox).toBe(false);
      expect(e.warnings.some((w) => w.includes('SOPWRIGHT_MAILBOX'))).toBe(value !== undefined);
    }
  });

  it('warns that a production build without Resend delivers no email', () => {
    expect(parseEnv({ NODE_ENV: 'production' }).warnings.join(' ')).toMatch(/RESEND_API_KEY.*NOT delivered/);
    expect(parseEnv({ NODE_ENV: 'production', RESEND_API_KEY: 're_x', SECURITY_CONTACT: 'security@example.com' }).warnings).toEqual([]);
    expect(parseEnv({ NODE_ENV: 'development' }).warnings).toEqual([]);
  });
});
