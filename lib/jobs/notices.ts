/**
 * The scheduled job's memory of what it has sent (private.notices_sent), so that running it
 * twice sends nothing twice. A notice is claimed (its key inserted) before its email goes
 * out; an email the provider refused releases its claim, so the next run tries again.
 *
 * Keys name what the email is about and when, e.g.
 *   review:30d:<sop id>:<due date>         review:due:<sop id>:<due date>
 *   review-escalation:<org id>:<ISO week>  training:assigned:<task id>
 */
import type { JobContext } from './context';
import type { EmailMessage } from '@/lib/email/sender';

export interface Notice {
  key: string;
  orgId: string;
  kind: string;
  message: EmailMessage;
}

/** Send each notice not sent before; returns how many went out. */
export async function sendNotices(ctx: JobContext, notices: readonly Notice[]): Promise<number> {
  let sent = 0;
  for (const n of notices) {
    const claimed = await ctx.asService((tx) =>
      tx.query<{ key: string }>(
        'insert into private.notices_sent (key, org_id, kind, recipient) values ($1, $2, $3, $4) on conflict (key) do nothing returning key',
        [n.key, n.orgId, n.kind, n.message.to],
      ),
    );
    if (claimed.length === 0) continue;
    if (await ctx.sendEmail(n.message)) {
      sent += 1;
    } else {
      await ctx.asService((tx) => tx.query('delete from private.notices_sent where key = $1', [n.key]));
    }
  }
  return sent;
}
