'use client';
/** The billing page's buttons, bound to lib/billing/actions.ts. */
import { portalAction, upgradeAction } from '@/lib/billing/actions';
import { ActionForm, SubmitButton } from '@/components/ui/form';

export function UpgradeForm({ slug, plan, label }: { slug: string; plan: 'pro' | 'team'; label: string }) {
  return (
    <ActionForm action={upgradeAction} hidden={{ slug, plan }} className="space-y-2" test={`upgrade-${plan}`}>
      <SubmitButton pendingText="Opening Stripe…">{label}</SubmitButton>
    </ActionForm>
  );
}

export function PortalForm({ slug }: { slug: string }) {
  return (
    <ActionForm action={portalAction} hidden={{ slug }} className="space-y-2" test="manage-billing">
      <SubmitButton pendingText="Opening Stripe…" variant="secondary">
        Manage billing
      </SubmitButton>
    </ActionForm>
  );
}
