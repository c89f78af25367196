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

const ZRawEnv = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  APP_URL: optionalUrl,
  PORT: optional,
  // database
  DATABASE_URL: optional,
  SOPWRIGHT_DATA_DIR: optional,
  // auth
  NEXT_PUBLIC_SUPABASE_URL: optionalUrl,
  NEXT_PUBLIC_SUPABASE_ANON_KEY: optional,
  SUPABASE_SERVICE_ROLE_KEY: optional,
  SOPWRIGHT_MAILBOX: optional,
  // scheduled jobs (hosted)
  CRON_SECRET: optional,
  // email
  RESEND_API_KEY: optional,
  RESEND_BASE_URL: optionalUrl,
  EMAIL_FROM: optional,
  // AI drafting
  ANTHROPIC_API_KEY: optional,
  ANTHROPIC_BASE_URL: optionalUrl,
  ANTHROPIC_MODEL: optional,
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
  database: { mode: 'pglite'; dataDir: string } | { mode: 'postgres'; url: string };
  auth:
    | { mode: 'emulator' }
    | { mode: 'supabase'; url: string; anonKey: string; serviceRoleKey: string | undefined };
  email: { mode: 'outbox'; from: string } | { mode: 'resend'; apiKey: string; baseUrl?: string; from: string };
  /** Claude drafting: `baseUrl` points the SDK at a gateway (or a local fake in tests). */
  ai: { mode: 'offline' } | { mode: 'claude'; apiKey: string; baseUrl?: string; model: string };
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
  securityTxt: { contact: string; policyUrl: string; expires: string | undefined };
  /** /dev/mailbox is served: embedded auth only, outside production unless SOPWRIGHT_MAILBOX=1. */
  mailbox: boolean;
  /** Bearer secret of the scheduled job routes (/api/jobs/*); unset disables them. */
  cronSecret: string | undefined;
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
  return {
    cronSecret: e.CRON_SECRET,
    mailbox: emulator && !e.RESEND_API_KEY && (e.NODE_ENV !== 'production' || e.SOPWRIGHT_MAILBOX === '1'),
    nodeEnv: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    appUrl,
    database: e.DATABASE_URL
      ? { mode: 'postgres', url: e.DATABASE_URL }
      : { mode: 'pglite', dataDir: e.SOPWRIGHT_DATA_DIR ?? '.data' },
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
      contact: e.SECURITY_CONTACT ?? `${appUrl}/security`,
      policyUrl: e.SECURITY_POLICY_URL ?? `${appUrl}/security`,
      expires: e.SECURITY_TXT_EXPIRES,
    },
  };
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
