/**
 * Plan limits enforced in the same transaction as the action they limit: an AI draft over the
 * month's quota is a 402 before anything is generated (no tokens spent), an invite over the
 * seat limit is refused with the reason. Without Stripe configured there are no limits. A
 * per-organization advisory lock makes concurrent requests count one after the other.
 */
import type { Tx } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { aiDraftsThisMonth, billingState, seatsUsed } from './state';
import { PLANS } from './plans';

const LIMITS = {
  monthlyAiDrafts: {
    lock: 7422,
    used: aiDraftsThisMonth,
    refusal: (limit: number, plan: string) =>
      `This organization has used all ${limit} AI drafts of the ${plan} plan this month. Upgrade in Settings → Billing, or draft offline (switch AI processing off).`,
  },
  seats: {
    lock: 7423,
    used: seatsUsed,
    refusal: (limit: number, plan: string) =>
      `The ${plan} plan includes ${limit} seats (members and pending invites), and they are all taken. Upgrade in Settings → Billing, or withdraw a pending invite.`,
  },
} as const;

/** 402 when the organization's plan has no room left for one more of `what`. */
async function assertRoom(tx: Tx, orgId: string, what: keyof typeof LIMITS): Promise<void> {
  if (env().billing.mode === 'off') return;
  const rule = LIMITS[what];
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1::text, $2))', [orgId, rule.lock]);
  const state = await billingState(tx, orgId);
  const limit = state.limits[what];
  if (limit !== null && (await rule.used(tx, orgId)) >= limit) throw new AppError('payment_required', rule.refusal(limit, PLANS[state.plan].label));
}

export async function assertDraftQuota(tx: Tx, orgId: string, source: 'ai' | 'offline'): Promise<void> {
  if (source === 'ai') await assertRoom(tx, orgId, 'monthlyAiDrafts');
}

export async function assertSeatAvailable(tx: Tx, orgId: string): Promise<void> {
  await assertRoom(tx, orgId, 'seats');
}
