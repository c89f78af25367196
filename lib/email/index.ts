/**
 * One way to send email: Resend when RESEND_API_KEY is set, otherwise the local outbox that
 * /dev/mailbox shows (embedded mode). Callers send after their database transaction has
 * committed, and get false back (logged, never thrown) when the provider refused.
 */
import 'server-only';
import { Resend } from 'resend';
import { env, type AppEnv } from '@/lib/env';
import { asService } from '@/lib/db/service';
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

export async function sendEmail(msg: EmailMessage): Promise<boolean> {
  return sendEmailWith(env().email, msg);
}

/** The sender for a given email configuration (tests point Resend at a local fake). */
export async function sendEmailWith(cfg: AppEnv['email'], msg: EmailMessage): Promise<boolean> {
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
}
