'use client';
/** The billing page's buttons, bound to lib/billing/actions.ts. */
import { useActionState } from 'react';
import { portalAction, upgradeAction } from '@/lib/billing/actions';
import { FormMessages, SubmitButton } from '@/components/ui/form';

export function UpgradeForm({ slug, plan, label }: { slug: string; plan: 'pro' | 'team'; label: string }) {
  const [state, action] = useActionState(upgradeAction, undefined);
  return (
    <form action={action} className="space-y-2" data-test={`upgrade-${plan}`}>
      <FormMessages state={state} />
      <input type="hidden" name="slug" value={slug} />
      <input type="hidden" name="plan" value={plan} />
      <SubmitButton pendingText="Opening Stripe…">{label}</SubmitButton>
    </form>
  );
}

export function PortalForm({ slug }: { slug: string }) {
  const [state, action] = useActionState(portalAction, undefined);
  return (
    <form action={action} className="space-y-2" data-test="manage-billing">
      <FormMessages state={state} />
      <input type="hidden" name="slug" value={slug} />
      <SubmitButton pendingText="Opening Stripe…" variant="secondary">
        Manage billing
      </SubmitButton>
    </form>
  );
}
