/**
 * One way to send email: Resend when RESEND_API_KEY is set, otherwise the local outbox that
 * /dev/mailbox shows (embedded mode). Callers send after their database transaction has
 * committed, and get false back (logged, never thrown) when the provider refused.
 */
import 'server-only';
import { env, type AppEnv } from '@/lib/env';
import { asService } from '@/lib/db/service';
import { emailSender, type EmailMessage } from './sender';

export type { EmailMessage, SendEmail } from './sender';

export async function sendEmail(msg: EmailMessage): Promise<boolean> {
  return sendEmailWith(env().email, msg);
}

/** The sender for a given email configuration (tests point Resend at a local fake). */
export async function sendEmailWith(cfg: AppEnv['email'], msg: EmailMessage): Promise<boolean> {
  return emailSender(cfg, asService)(msg);
}
