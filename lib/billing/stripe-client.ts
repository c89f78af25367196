/**
 * The Stripe SDK client for the billing configuration (env().billing in stripe mode). One
 * instance per configuration; STRIPE_API_BASE_URL points it at a Stripe-compatible endpoint
 * (stripe-mock, or the local fake in tests) through the SDK's host/port/protocol options,
 * since the SDK takes no base URL. The secret key is never logged or put into errors.
 */
import 'server-only';
import Stripe from 'stripe';
import { ConfigError, env, type AppEnv } from '@/lib/env';

export type StripeBillingConfig = Extract<AppEnv['billing'], { mode: 'stripe' }>;

/**
 * The API version every request sends (Stripe-Version): the one stripe@23.1.0 pins and types.
 * Upgrading the SDK to one that pins another version makes this line a type error, on purpose.
 */
export const STRIPE_API_VERSION: Stripe.LatestApiVersion = '2026-10-28.endive';

const clients = new Map<string, Stripe>();

/** The Stripe client for a billing configuration (default: this process's). Throws when billing is off. */
export function stripeClient(cfg: AppEnv['billing'] = env().billing): Stripe {
  if (cfg.mode !== 'stripe') throw new ConfigError('Billing is off: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET to use Stripe.');
  const cacheKey = `${cfg.apiBaseUrl ?? ''}\n${cfg.secretKey}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new Stripe(cfg.secretKey, {
      apiVersion: STRIPE_API_VERSION,
      maxNetworkRetries: 2,
      telemetry: false,
      ...(cfg.apiBaseUrl ? endpointOf(cfg.apiBaseUrl) : {}),
    });
    clients.set(cacheKey, client);
  }
  return client;
}

/** host/port/protocol for the SDK from a base URL such as http://localhost:12111 (an origin: the SDK adds /v1/…). */
export function endpointOf(baseUrl: string): { host: string; port: number; protocol: 'http' | 'https' } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ConfigError('Invalid configuration: STRIPE_API_BASE_URL: not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError('Invalid configuration: STRIPE_API_BASE_URL: must be http:// or https://');
  if (url.pathname !== '/' || url.search || url.hash) {
    throw new ConfigError('Invalid configuration: STRIPE_API_BASE_URL: must be an origin without a path (the SDK adds /v1/…)');
  }
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  // URL keeps IPv6 literals bracketed ([::1]); node's http client wants them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port ? Number(url.port) : protocol === 'https' ? 443 : 80;
  return { host, port, protocol };
}
