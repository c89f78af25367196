/** What every emulator handler gets: configuration, the service transaction, the mailer, a clock. */
import type { Scopes } from '@/lib/db/scopes';
import { SESSION_LIFETIME_SECONDS } from '@/lib/supabase/config';

export interface EmulatorConfig {
  /** The app's public origin (SITE_URL), e.g. http://localhost:3000. */
  siteUrl: string;
  /** JWT issuer: `${siteUrl}/auth/v1`. */
  issuer: string;
  jwtExpSeconds: number;
  refreshReuseIntervalSeconds: number;
  otpExpSeconds: number;
  emailFrequencySeconds: number;
  mfaChallengeExpSeconds: number;
  flowStateExpSeconds: number;
  /** A session older than this needs a reauthentication nonce to change the password. */
  recentSignInSeconds: number;
  /** Time-box: a session ends this long after sign-in (auth.sessions.not_after), like GoTrue's sessions.timebox. */
  sessionLifetimeSeconds: number;
  publishableKey: string;
}

export interface Mailer {
  send(msg: { to: string; subject: string; text: string; html: string; kind: string }): Promise<void>;
}

export interface EmulatorDeps {
  asService: Scopes['asService'];
  config: EmulatorConfig;
  mailer: Mailer;
  now?: () => Date;
}

export interface Ctx extends Required<EmulatorDeps> {
  request: Request;
  url: URL;
  body: Record<string, unknown>;
}

export function defaultConfig(siteUrl: string, publishableKey: string): EmulatorConfig {
  const origin = siteUrl.replace(/\/+$/, '');
  return {
    siteUrl: origin,
    issuer: `${origin}/auth/v1`,
    jwtExpSeconds: 3600,
    refreshReuseIntervalSeconds: 10,
    otpExpSeconds: 86_400,
    emailFrequencySeconds: 60,
    mfaChallengeExpSeconds: 300,
    flowStateExpSeconds: 300,
    recentSignInSeconds: 24 * 3600,
    sessionLifetimeSeconds: SESSION_LIFETIME_SECONDS,
    publishableKey,
  };
}
