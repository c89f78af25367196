/**
 * Failed TOTP verifications, limited per user, and so for each of the user's factors (not
 * only per IP, which an aal1 session could rotate): after 5 failures within 15 minutes every
 * factor of the user refuses every code, the right one too, until the oldest of those
 * failures is 15 minutes old. Counted in
 * Postgres (embedded.mfa_failed_attempts) under a lock on the user row, so the limit holds
 * across processes and concurrent requests; failures and the lockout go to the audit log.
 */
import type { Tx } from '@/lib/db/types';
import { audit } from './audit';
import type { Ctx } from './context';
import { fail } from './http';
import type { UserRow } from './users';

export const MAX_FAILURES = 5;
const WINDOW_SECONDS = 15 * 60;

type Factor = { id: string; factor_type: string };

/** Lock the user's row for the verification, so two attempts at once count one after the other. */
export async function lockForVerification(tx: Tx, userId: string) {
  await tx.query('select 1 from auth.users where id = $1 for no key update', [userId]);
}

/** Seconds until the user may try a code again, or 0 when not locked. */
export async function lockedFor(tx: Tx, ctx: Ctx, userId: string): Promise<number> {
  const now = ctx.now().getTime();
  const since = new Date(now - WINDOW_SECONDS * 1000).toISOString();
  const rows = await tx.query<{ created_at: Date }>(
    'select created_at from embedded.mfa_failed_attempts where user_id = $1 and created_at > $2 order by created_at desc offset $3 limit 1',
    [userId, since, MAX_FAILURES - 1],
  );
  if (!rows[0]) return 0;
  return Math.max(1, Math.ceil((new Date(rows[0].created_at).getTime() + WINDOW_SECONDS * 1000 - now) / 1000));
}

export function lockedError(seconds: number) {
  return fail(429, 'over_request_rate_limit', `Too many failed verification attempts. For security purposes, you can only try again after ${seconds} seconds.`, {}, { 'Retry-After': String(seconds) });
}

const traits = (factor: Factor, challengeId: string | undefined, outcome: string) => ({ factor_id: factor.id, challenge_id: challengeId, factor_type: factor.factor_type, outcome });

/** Record a wrong code (and, when it is the one that locks the factor, the lockout). */
export async function recordFailure(tx: Tx, ctx: Ctx, user: UserRow, factor: Factor, challengeId: string | undefined) {
  const now = ctx.now();
  await tx.query('delete from embedded.mfa_failed_attempts where user_id = $1 and created_at <= $2', [user.id, new Date(now.getTime() - WINDOW_SECONDS * 1000).toISOString()]);
  await tx.query('insert into embedded.mfa_failed_attempts (user_id, factor_id, created_at) values ($1, $2, $3)', [user.id, factor.id, now.toISOString()]);
  await audit(tx, ctx, user, 'verification_attempted', traits(factor, challengeId, 'failed'));
  const seconds = await lockedFor(tx, ctx, user.id);
  if (seconds) await audit(tx, ctx, user, 'verification_attempted', { ...traits(factor, challengeId, 'locked'), locked_seconds: seconds });
}

/** A verified code: audited, and earlier failures forgiven. */
export async function recordSuccess(tx: Tx, ctx: Ctx, user: UserRow, factor: Factor, challengeId: string) {
  await tx.query('delete from embedded.mfa_failed_attempts where user_id = $1', [user.id]);
  await audit(tx, ctx, user, 'verification_attempted', traits(factor, challengeId, 'verified'));
}
