/**
 * The plan-quota hook for AI drafting, called inside the same transaction that records the
 * generation. Billing (plans and their limits) is not built yet, so every organization is
 * unlimited; the measure it will use is draftsThisMonth().
 */
import type { Tx } from '@/lib/db/types';

export async function assertDraftQuota(tx: Tx, orgId: string): Promise<void> {
  // Unlimited until plans exist; then: if (await draftsThisMonth(tx, orgId) >= limit) throw
  // new AppError('payment_required', …) → 402.
  void tx;
  void orgId;
}
