/**
 * The only module that reads process.env.
 *
 * It validates every variable with zod and decides, for each part of the app, whether it
 * runs embedded (no env, no network) or against a hosted service. A half-set configuration
 * (a URL without its key, a Stripe key without its webhook secret) is an error that names the
 * missing variable, thrown the first time the configuration is read (at start-up: see
 * instrumentation.ts and scripts/db-migrate.ts).
 */
import { z } from 'zod';

const optional = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const optionalUrl = optional.pipe(z.url().optional());
const wholeNumber = (min: number, max: number) =>
  optional.pipe(z.string().regex(/^\d+$/, `a whole number from ${min} to ${max}`).transform(Number).pipe(z.number().min(min).max(max)).optional());

/** Which proxy's word to take for the client address (lib/security/client-ip.ts applies it). */
export type TrustProxy = { kind: 'none' } | { kind: 'hops'; hops: number } | { kind: 'header'; name: string };

const MAX_HOPS = 10;

/**
 * TRUST_PROXY: unset → no proxy, the socket address; a number N → N proxies append to
 * X-Forwarded-For; a header name → a proxy that overwrites that header with the client's
 * address. Values that would let a client choose its own address are refused.
 */
const ZTrustProxy = optional.transform((raw, ctx): TrustProxy => {
  const value = raw?.toLowerCase();
  const refuse = (message: string) => {
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  };
  if (value === undefined) return { kind: 'none' };
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops < 1 || hops > MAX_HOPS) return refuse(`give the number of proxies in front of the app (1–${MAX_HOPS}), or unset it to trust none`);
    return { kind: 'hops', hops };
  }
  if (['true', 'false', 'yes', 'no', 'on', 'off', 'all', '*'].includes(value)) {
    return refuse(`"${value}" is not a proxy: give the number of proxies in front of the app, or the header your proxy sets (e.g. x-real-ip)`);
  }
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(value)) return refuse('give the number of proxies in front of the app, or one header name such as x-real-ip');
  if (value === 'x-forwarded-for' || value === 'forwarded') return refuse(`any client can write ${value}: give the number of proxies that append to X-Forwarded-For instead`);
  if (value.startsWith('x-sopwright-')) return refuse(`${value} is SOPwright's own header`);
  return { kind: 'header', name: value };
});

const ZRawEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_URL: optionalUrl,
  PORT: optional,
  TRUST_PROXY: ZTrustProxy,
  // database
  DATABASE_URL: optional,
  // a session connection (not a transaction pooler) for LISTEN, when DATABASE_URL is a transaction pooler
  DATABASE_LISTEN_URL: optional,
  SOPWRIGHT_DATA_DIR: optional,
  // auth
  NEXT_PUBLIC_SUPABASE_URL: optionalUrl,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optional,
  SUPABASE_SERVICE_ROLE_KEY: optional,
  // Only read to warn that it has no effect in production (see warnings below).
  SOPWRIGHT_MAILBOX: optional,
  // scheduled jobs (hosted)
  CRON_SECRET: optional,
  // audit trail exports: the Ed25519 key that signs their checkpoints (PKCS8 PEM or JWK JSON)
  AUDIT_SIGNING_KEY: optional,
  // email
  RESEND_API_KEY: optional,
  RESEND_BASE_URL: optionalUrl,
  EMAIL_FROM: optional,
  // AI drafting
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: optional,
  // drafting runs (lib/generation/runtime.ts)
  DRAFT_WORKERS: wholeNumber(0, 32),
  DRAFT_HEARTBEAT_SECONDS: wholeNumber(1, 60),
  // rate limiting
  UPSTASH_REDIS_REST_URL: optionalUrl,
  UPSTASH_REDIS_REST_TOKEN: optional,
  // billing
  STRIPE_SECRET_KEY: optional,
  STRIPE_WEBHOOK_SECRET: optional,
  STRIPE_PRICE_PRO: optional,
  STRIPE_PRICE_TEAM: optional,
  STRIPE_API_BASE_URL: optionalUrl,
  // error tracking
  SENTRY_DSN: optionalUrl,
  // security.txt (RFC 9116)
  SECURITY_CONTACT: optional,
  // where the project takes vulnerability reports when SECURITY_CONTACT is unset
  SOURCE_REPOSITORY_URL: optionalUrl,
  SUPPORT_EMAIL: optional.pipe(z.email().optional()),
  SECURITY_POLICY_URL: optionalUrl,
  SECURITY_TXT_EXPIRES: optional.pipe(z.iso.datetime({ offset: true }).optional()),
});

export type TRawEnv = z.infer<typeof ZRawEnv>;

/** The Claude model drafts use when ANTHROPIC_MODEL is not set. */
export const DEFAULT_ANTHROPIC_MODEL = 'claude-sonnet-5-5';

/** Pairs (and groups) of variables that only make sense together. */
const TOGETHER: ReadonlyArray<readonly (keyof TRawEnv)[]> = [
  ['NEXT_PUBLIC_SUPABASE_URL', 'NEXT_PUBLIC_SUPABASE_ANON_KEY'],
  ['UPSTASH_REDIS_REST_URL', 'UPSTASH_REDIS_REST_TOKEN'],
  ['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET'],
];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export interface AppEnv {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  /** Public origin of the app, e.g. http://localhost:3000 (no trailing slash). */
  appUrl: string;
  /** Where the client address comes from: the socket, or a trusted proxy's header. */
  trustProxy: TrustProxy;
  /** `listenUrl`: where LISTEN goes when DATABASE_URL is a transaction pooler (which drops notifications). */
  database: { mode: 'pglite'; dataDir: string } | { mode: 'postgres'; url: string; listenUrl?: string };
  auth:
    | { mode: 'emulator' }
    | { mode: 'supabase'; url: string; anonKey: string; serviceRoleKey: string | undefined };
  email: { mode: 'outbox'; from: string } | { mode: 'resend'; apiKey: string; baseUrl?: string; from: string };
  /** Claude drafting: `baseUrl` points the SDK at a gateway (or a local fake in tests). */
  ai: { mode: 'offline' } | { mode: 'claude'; apiKey: string; baseUrl?: string; model: string };
  /** Drafting runs on this instance: how many at once (0: none; a worker elsewhere runs them) and the heartbeat. */
  drafting: { workers: number; heartbeatSeconds: number };
  rateLimit: { mode: 'postgres' } | { mode: 'upstash'; url: string; token: string };
  billing:
    | { mode: 'off' }
    | {
        mode: 'stripe';
        secretKey: string;
        webhookSecret: string;
        pricePro?: string;
        priceTeam?: string;
        apiBaseUrl?: string;
      };
  errors: { mode: 'console' } | { mode: 'sentry'; dsn: string };
  /**
   * security.txt and /security. `contact` is a real reporting channel (mailto: or https:) or
   * null when none is configured: then security.txt is not served at all (a Contact that
   * points back at the page that points to it would send researchers in a circle).
   */
  securityTxt: { contact: string | null; policyUrl: string; expires: string | undefined };
  /** /dev/mailbox is served: embedded auth, no Resend, and never in production (it shows reset links to anyone). */
  mailbox: boolean;
  /** Configurations that run but deserve a loud line at start (instrumentation.ts prints them). */
  warnings: string[];
  /** Bearer secret of the scheduled job routes (/api/jobs/*); unset disables them. */
  cronSecret: string | undefined;
  /**
   * The key that signs audit-export checkpoints: AUDIT_SIGNING_KEY (hosted), else a key the app
   * generates once in the embedded data folder (lib/audit/checkpoint.ts). Never logged.
   */
  auditSigningKey: { mode: 'env'; key: string } | { mode: 'file'; path: string };
}

/** Parse an environment object (process.env by default). Throws ConfigError naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): AppEnv {
  const parsed = ZRawEnv.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = issue?.path.join('.') ?? 'environment';
    throw new ConfigError(`Invalid configuration: ${name}: ${issue?.message ?? 'invalid value'}`);
  }
  const e = parsed.data;
  for (const group of TOGETHER) {
    const set = group.filter((k) => e[k] !== undefined);
    if (set.length > 0 && set.length < group.length) {
      const missing = group.filter((k) => e[k] === undefined);
      throw new ConfigError(
        `Incomplete configuration: ${set.join(', ')} is set but ${missing.join(', ')} is missing. ` +
          `Set ${missing.join(' and ')} too, or unset ${set.join(' and ')} to use the embedded default.`,
      );
    }
  }

  const appUrl = (e.APP_URL ?? `http://localhost:${e.PORT ?? '3000'}`).replace(/\/+$/, '');
  const from = e.EMAIL_FROM ?? 'SOPwright <no-reply@sopwright.local>';

  const emulator = !(e.NEXT_PUBLIC_SUPABASE_URL && e.NEXT_PUBLIC_SUPABASE_ANON_KEY);
  const production = e.NODE_ENV === 'production';
  const warnings: string[] = [];
  if (production && e.SOPWRIGHT_MAILBOX !== undefined) {
    warnings.push('SOPWRIGHT_MAILBOX is set, but /dev/mailbox is never served in production: it would show password-reset links to anyone. Unset it.');
  }
  if (production && emulator && !e.RESEND_API_KEY) {
    warnings.push('No RESEND_API_KEY: sign-up, password-reset and invite emails are kept in the local outbox and NOT delivered. Set RESEND_API_KEY.');
  }
  const dataDir = e.SOPWRIGHT_DATA_DIR ?? '.data';
  if (production && e.DATABASE_URL && !e.AUDIT_SIGNING_KEY) {
    warnings.push(`No AUDIT_SIGNING_KEY: audit-export checkpoints are signed with a key kept in ${dataDir}/ on this instance; with several instances each signs with its own. Set AUDIT_SIGNING_KEY (an Ed25519 PKCS8 PEM or JWK).`);
  }
  return {
    cronSecret: e.CRON_SECRET,
    auditSigningKey: e.AUDIT_SIGNING_KEY ? { mode: 'env', key: e.AUDIT_SIGNING_KEY } : { mode: 'file', path: `${dataDir}/sopwright-audit-signing-key.pem` },
    mailbox: emulator && !e.RESEND_API_KEY && !production,
    warnings,
    trustProxy: e.TRUST_PROXY,
    nodeEnv: e.NODE_ENV,
    isProduction: production,
    appUrl,
    database: e.DATABASE_URL
      ? { mode: 'postgres', url: e.DATABASE_URL, ...(e.DATABASE_LISTEN_URL && { listenUrl: e.DATABASE_LISTEN_URL }) }
      : { mode: 'pglite', dataDir },
    auth:
      e.NEXT_PUBLIC_SUPABASE_URL && e.NEXT_PUBLIC_SUPABASE_ANON_KEY
        ? {
            mode: 'supabase',
            url: e.NEXT_PUBLIC_SUPABASE_URL.replace(/\/+$/, ''),
            anonKey: e.NEXT_PUBLIC_SUPABASE_ANON_KEY,
            serviceRoleKey: e.SUPABASE_SERVICE_ROLE_KEY,
          }
        : { mode: 'emulator' },
    email: e.RESEND_API_KEY
      ? { mode: 'resend', apiKey: e.RESEND_API_KEY, baseUrl: e.RESEND_BASE_URL, from }
      : { mode: 'outbox', from },
    ai: e.ANTHROPIC_API_KEY
      ? { mode: 'claude', apiKey: e.ANTHROPIC_API_KEY, baseUrl: e.ANTHROPIC_BASE_URL?.replace(/\/+$/, ''), model: e.ANTHROPIC_MODEL ?? DEFAULT_ANTHROPIC_MODEL }
      : { mode: 'offline' },
    drafting: { workers: e.DRAFT_WORKERS ?? 4, heartbeatSeconds: e.DRAFT_HEARTBEAT_SECONDS ?? 5 },
    rateLimit:
      e.UPSTASH_REDIS_REST_URL && e.UPSTASH_REDIS_REST_TOKEN
        ? { mode: 'upstash', url: e.UPSTASH_REDIS_REST_URL, token: e.UPSTASH_REDIS_REST_TOKEN }
        : { mode: 'postgres' },
    billing:
      e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET
        ? {
            mode: 'stripe',
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET,
            pricePro: e.STRIPE_PRICE_PRO,
            priceTeam: e.STRIPE_PRICE_TEAM,
            apiBaseUrl: e.STRIPE_API_BASE_URL,
          }
        : { mode: 'off' },
    errors: e.SENTRY_DSN ? { mode: 'sentry', dsn: e.SENTRY_DSN } : { mode: 'console' },
    securityTxt: {
      contact: securityContact(e, appUrl, warnings, production),
      policyUrl: e.SECURITY_POLICY_URL ?? `${appUrl}/security`,
      expires: e.SECURITY_TXT_EXPIRES,
    },
  };
}

/**
 * The vulnerability-reporting channel: SECURITY_CONTACT (mailto: or https:), else the
 * repository's private advisory form (SOURCE_REPOSITORY_URL on GitHub), else
 * mailto:SUPPORT_EMAIL, else none. Never the app's own /security page or security.txt.
 */
export function securityContact(e: Pick<TRawEnv, 'SECURITY_CONTACT' | 'SOURCE_REPOSITORY_URL' | 'SUPPORT_EMAIL'>, appUrl: string, warnings: string[] = [], production = false): string | null {
  const self = [`${appUrl}/security`, `${appUrl}/security/`, `${appUrl}/.well-known/security.txt`];
  if (e.SECURITY_CONTACT) {
    const raw = e.SECURITY_CONTACT;
    const value = /^[^:/\s]+@[^\s@]+$/.test(raw) ? `mailto:${raw}` : raw;
    if (!/^mailto:[^\s@]+@[^\s@]+$/.test(value) && !/^https:\/\/\S+$/.test(value)) {
      throw new ConfigError('SECURITY_CONTACT must be an email address, a mailto: URI or an https:// URL (RFC 9116 §2.5.3).');
    }
    if (self.includes(value.replace(/[?#].*$/, ''))) {
      throw new ConfigError('SECURITY_CONTACT points at the /security page, which itself sends reporters to security.txt: give a real mailbox or reporting form.');
    }
    return value;
  }
  const repo = e.SOURCE_REPOSITORY_URL?.replace(/\/+$/, '').replace(/\.git$/, '');
  if (repo && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(repo)) return `${repo}/security/advisories/new`;
  if (e.SUPPORT_EMAIL) return `mailto:${e.SUPPORT_EMAIL}`;
  if (production) warnings.push('No SECURITY_CONTACT (nor SOURCE_REPOSITORY_URL on GitHub, nor SUPPORT_EMAIL): /.well-known/security.txt is not served and /security names no contact. Set SECURITY_CONTACT.');
  return null;
}

let cached: AppEnv | undefined;

/** The validated configuration of this process (parsed once). */
export function env(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** A summary of the modes without any secret, for logs and /api/health. */
export function describeModes(e: AppEnv = env()): Record<string, string> {
  return {
    database: e.database.mode,
    auth: e.auth.mode,
    email: e.email.mode,
    ai: e.ai.mode,
    rateLimit: e.rateLimit.mode,
    billing: e.billing.mode,
    errors: e.errors.mode,
  };
}
