/**
 * Plan limits enforced in the same transaction as the action they limit: an AI draft over the
 * month's quota is a 402 before anything is generated (no tokens spent), an invite over the
 * seat limit is refused with the reason. Without Stripe configured there are no limits. A
 * per-organization advisory lock makes concurrent requests count one after the other.
 */
import type { Tx } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/http/errors';
import { aiDraftsThisMonth, billingState, seatsUsed } from './state';
import { PLANS } from './plans';

async function lockOrg(tx: Tx, orgId: string, key: number): Promise<void> {
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1::text, $2))', [orgId, key]);
}

export async function assertDraftQuota(tx: Tx, orgId: string, source: 'ai' | 'offline'): Promise<void> {
  if (env().billing.mode === 'off' || source === 'offline') return;
  await lockOrg(tx, orgId, 7422);
  const state = await billingState(tx, orgId);
  const limit = state.limits.monthlyAiDrafts;
  if (limit === null) return;
  if ((await aiDraftsThisMonth(tx, orgId)) >= limit) {
    throw new AppError(
      'payment_required',
      `This organization has used all ${limit} AI drafts of the ${PLANS[state.plan].label} plan this month. Upgrade in Settings → Billing, or draft offline (switch AI processing off).`,
    );
  }
}

export async function assertSeatAvailable(tx: Tx, orgId: string): Promise<void> {
  if (env().billing.mode === 'off') return;
  await lockOrg(tx, orgId, 7423);
  const state = await billingState(tx, orgId);
  const limit = state.limits.seats;
  if (limit === null) return;
  if ((await seatsUsed(tx, orgId)) >= limit) {
    throw new AppError(
      'payment_required',
      `The ${PLANS[state.plan].label} plan includes ${limit} seats (members and pending invites), and they are all taken. Upgrade in Settings → Billing, or withdraw a pending invite.`,
    );
  }
}
