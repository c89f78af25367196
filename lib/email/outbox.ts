/**
 * The local outbox (embedded mode): emails are stored instead of sent, and /dev/mailbox
 * shows them. Server-only table (schema `embedded`), reached as the service.
 */
import type { Scopes } from '@/lib/db/scopes';

export interface OutboxMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  kind: string;
}

export interface OutboxEntry extends OutboxMessage {
  id: string;
  createdAt: Date;
}

export async function writeToOutbox(asService: Scopes['asService'], msg: OutboxMessage): Promise<void> {
  await asService((tx) =>
    tx.query('insert into embedded.outbox (to_address, subject, text_body, html_body, kind) values ($1, $2, $3, $4, $5)', [msg.to, msg.subject, msg.text, msg.html, msg.kind]),
  );
}

export async function listOutbox(asService: Scopes['asService'], opts: { to?: string; limit?: number } = {}): Promise<OutboxEntry[]> {
  const rows = await asService((tx) =>
    tx.query<{ id: string; to_address: string; subject: string; text_body: string; html_body: string; kind: string; created_at: Date }>(
      `select id, to_address, subject, text_body, html_body, kind, created_at from embedded.outbox
        where ($1::text is null or lower(to_address) = lower($1)) order by created_at desc limit $2`,
      [opts.to ?? null, Math.min(Math.max(opts.limit ?? 50, 1), 200)],
    ),
  );
  return rows.map((r) => ({ id: r.id, to: r.to_address, subject: r.subject, text: r.text_body, html: r.html_body, kind: r.kind, createdAt: r.created_at }));
}
