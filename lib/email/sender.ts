/**
 * The sender behind sendEmail (lib/email/index.ts), without the process-wide database: Resend
 * when the configuration has an API key, otherwise the local outbox reached through the
 * asService it is given. Job scripts (scripts/jobs-run.ts) build theirs on the database they
 * opened; the app's is built on the process database.
 */
import { Resend } from 'resend';
import type { AppEnv } from '@/lib/env';
import type { Scopes } from '@/lib/db/scopes';
import { logError } from '@/lib/log';
import { writeToOutbox } from './outbox';

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is, for the outbox and logs: 'invite', 'signup' … */
  kind: string;
}

/** Sends one message; false (logged, never thrown) when the provider refused or could not be reached. */
export type SendEmail = (msg: EmailMessage) => Promise<boolean>;

export function emailSender(cfg: AppEnv['email'], asService: Scopes['asService']): SendEmail {
  return async (msg) => {
    try {
      if (cfg.mode === 'outbox') {
        await writeToOutbox(asService, msg);
        return true;
      }
      const resend = new Resend(cfg.apiKey, cfg.baseUrl ? { baseUrl: cfg.baseUrl } : undefined);
      const { error } = await resend.emails.send({ from: cfg.from, to: [msg.to], subject: msg.subject, text: msg.text, html: msg.html, tags: [{ name: 'kind', value: msg.kind }] });
      if (error) {
        logError('email provider refused a message', { kind: msg.kind, name: error.name, message: error.message });
        return false;
      }
      return true;
    } catch (err) {
      logError('email could not be sent', { kind: msg.kind, err });
      return false;
    }
  };
}
