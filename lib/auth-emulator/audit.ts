/**
 * auth.audit_log_entries rows as GoTrue writes them (models.NewAuditLogEntry): instance_id
 * nil, the actor and action in `payload`, the client address beside it.
 */
import type { Tx } from '@/lib/db/types';
import type { Ctx } from './context';
import { uuid } from './crypto';
import { clientIpOf } from './sessions';
import type { UserRow } from './users';

const LOG_TYPE = {
  login: 'account',
  logout: 'account',
  user_signedup: 'team',
  token_revoked: 'token',
  user_updated_password: 'user',
  user_recovery_requested: 'user',
  verification_attempted: 'factor',
  factor_deleted: 'factor',
} as const;

export type AuditAction = keyof typeof LOG_TYPE;

export async function audit(tx: Tx, ctx: Ctx, actor: Pick<UserRow, 'id' | 'email' | 'raw_user_meta_data'>, action: AuditAction, traits?: Record<string, unknown>) {
  const payload: Record<string, unknown> = { actor_id: actor.id, actor_via_sso: false, actor_username: actor.email, action, log_type: LOG_TYPE[action] };
  const name = actor.raw_user_meta_data?.full_name;
  if (name !== undefined) payload.actor_name = name;
  if (traits) payload.traits = traits;
  await tx.query(
    `insert into auth.audit_log_entries (instance_id, id, payload, created_at, ip_address) values ('00000000-0000-0000-0000-000000000000', $1, $2::json, $3, $4)`,
    [uuid(), JSON.stringify(payload), ctx.now().toISOString(), clientIpOf(ctx)],
  );
}
