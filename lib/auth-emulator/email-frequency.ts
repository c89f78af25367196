/**
 * The 60 s email frequency limit (GoTrue's SMTP_MAX_FREQUENCY), kept per hashed address and
 * purpose whether or not an account exists, so that /signup, /resend and /recover answer a
 * second request within the minute with the same 429 for a registered address as for an
 * unknown one. Claimed with one atomic upsert, so concurrent requests cannot both send.
 */
import { createHash } from 'node:crypto';
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { fail } from './http';

export type EmailPurpose = 'confirmation' | 'recovery';

export function frequencyError(ctx: Ctx, sentAt: Date) {
  const wait = Math.max(1, Math.ceil(ctx.config.emailFrequencySeconds - (ctx.now().getTime() - new Date(sentAt).getTime()) / 1000));
  return fail(429, 'over_email_send_rate_limit', `For security purposes, you can only request this after ${wait} seconds.`, {}, { 'Retry-After': String(wait) });
}

/** Record that an email of this purpose goes to the address now, or throw the 429. */
export async function claimEmailSend(tx: Tx, ctx: Ctx, address: string, purpose: EmailPurpose): Promise<void> {
  const hash = createHash('sha256').update(address.toLowerCase()).digest('hex');
  const now = ctx.now();
  const cutoff = new Date(now.getTime() - ctx.config.emailFrequencySeconds * 1000).toISOString();
  await tx.query('delete from embedded.email_sends where sent_at <= $1 and not (address_hash = $2 and purpose = $3)', [cutoff, hash, purpose]);
  const claimed = await tx.query(
    `insert into embedded.email_sends as s (address_hash, purpose, sent_at) values ($1, $2, $3)
     on conflict (address_hash, purpose) do update set sent_at = excluded.sent_at where s.sent_at <= $4
     returning 1`,
    [hash, purpose, now.toISOString(), cutoff],
  );
  if (claimed.length) return;
  const [last] = await tx.query<{ sent_at: Date }>('select sent_at from embedded.email_sends where address_hash = $1 and purpose = $2', [hash, purpose]);
  throw frequencyError(ctx, last?.sent_at ?? now);
}
