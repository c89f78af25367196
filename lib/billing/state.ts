/**
 * An organization's billing state as members see it: plan, subscription status, renewal date,
 * usage this period and the limits that apply. Read through withUser (RLS: members only).
 */
import type { Tx } from '@/lib/db/types';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { limitsFor, UNLIMITED, type Limits, type PlanId } from './plans';

export interface BillingState {
  configured: boolean;
  plan: PlanId;
  status: string;
  currentPeriodEnd: string | null;
  cancelAtPeriodEnd: boolean;
  limits: Limits;
}

export async function billingState(tx: Tx, orgId: string): Promise<BillingState> {
  const [row] = await tx.query<{ plan: PlanId; billing_status: string; current_period_end: Date | null; cancel_at_period_end: boolean }>(
    'select plan, billing_status, current_period_end, cancel_at_period_end from public.organizations where id = $1',
    [orgId],
  );
  if (!row) throw new AppError('not_found', 'No such organization.');
  const configured = env().billing.mode === 'stripe';
  return {
    configured,
    plan: row.plan,
    status: row.billing_status,
    currentPeriodEnd: row.current_period_end ? new Date(row.current_period_end).toISOString() : null,
    cancelAtPeriodEnd: row.cancel_at_period_end,
    limits: configured ? limitsFor(row.plan, row.billing_status) : UNLIMITED,
  };
}

/** AI drafts (generations sent to the model) started this calendar month, UTC. */
export async function aiDraftsThisMonth(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>(
    "select count(*)::int as n from public.generations where org_id = $1 and source = 'ai' and created_at >= date_trunc('month', now() at time zone 'utc') at time zone 'utc'",
    [orgId],
  );
  return Number(row?.n ?? 0);
}

/** Members plus pending invites (unexpired, not accepted, not withdrawn). */
export async function seatsUsed(tx: Tx, orgId: string): Promise<number> {
  const [row] = await tx.query<{ n: number }>('select private.seats_used($1) as n', [orgId]);
  return Number(row?.n ?? 0);
}

export async function billingSummary(tx: Tx, orgId: string) {
  const state = await billingState(tx, orgId);
  return {
    plan: state.plan,
    status: state.status,
    currentPeriodEnd: state.currentPeriodEnd,
    cancelAtPeriodEnd: state.cancelAtPeriodEnd,
    configured: state.configured,
    usage: { aiDraftsThisMonth: await aiDraftsThisMonth(tx, orgId), seats: await seatsUsed(tx, orgId) },
    limits: state.limits,
  };
}
