import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { PortalForm, UpgradeForm } from '@/components/app/billing-forms';
import { Alert } from '@/components/ui/form';
import { PLANS, PAID_PLANS } from '@/lib/billing/plans';
import { billingSummary } from '@/lib/billing/state';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Billing' };

const STATUS: Record<string, string> = {
  none: 'No subscription',
  active: 'Active',
  trialing: 'Trial',
  past_due: 'Payment past due',
  canceled: 'Cancelled',
  unpaid: 'Unpaid',
  incomplete: 'Payment incomplete',
  incomplete_expired: 'Expired',
  paused: 'Paused',
};

function Meter({ label, used, limit, testId }: { label: string; used: number; limit: number | null; testId: string }) {
  const pct = limit ? Math.min(100, Math.round((used / limit) * 100)) : 0;
  return (
    <div data-test={testId}>
      <div className="flex justify-between text-sm">
        <span>{label}</span>
        <span className="tabular-nums text-slate-600">{limit === null ? `${used} (no limit)` : `${used} of ${limit}`}</span>
      </div>
      {limit !== null ? (
        <div className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100" aria-hidden>
          <div className={`h-full ${pct >= 100 ? 'bg-red-600' : pct >= 80 ? 'bg-amber-500' : 'bg-brand-600'}`} style={{ width: `${pct}%` }} />
        </div>
      ) : null}
    </div>
  );
}

export default async function BillingPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ checkout?: string }> }) {
  const { slug } = await params;
  const { checkout } = await searchParams;
  const { user, org } = await loadOrg(slug);
  const s = await withUser(user.claims, (tx) => billingSummary(tx, org.id));
  const canManage = roleCan(org.role, 'billing.manage');
  const paid = s.plan !== 'free' && ['active', 'trialing', 'past_due'].includes(s.status);

  if (!s.configured) {
    return (
      <Section title="Billing" description="Billing is not configured on this server.">
        <div className="space-y-3 text-sm text-slate-700" data-test="billing-unconfigured">
          <p>This SOPwright server runs without Stripe, so there are no plans and no limits: every feature, unlimited drafting and unlimited seats.</p>
          <p>
            To offer paid plans, set <code>STRIPE_SECRET_KEY</code>, <code>STRIPE_WEBHOOK_SECRET</code>, <code>STRIPE_PRICE_PRO</code> and <code>STRIPE_PRICE_TEAM</code> (see <code>.env.example</code> and the README, “Billing with Stripe”), point a Stripe webhook at <code>/api/stripe/webhook</code>, and restart.
          </p>
          <p className="text-slate-600">
            This period: {s.usage.aiDraftsThisMonth} AI draft{s.usage.aiDraftsThisMonth === 1 ? '' : 's'}, {s.usage.seats} seat{s.usage.seats === 1 ? '' : 's'} in use.
          </p>
        </div>
      </Section>
    );
  }

  return (
    <div className="space-y-6">
      {checkout === 'success' ? (
        <Alert kind="notice">{paid ? `Thank you: this organization is on the ${PLANS[s.plan].label} plan.` : 'Thank you. Stripe is confirming your subscription; reload this page in a moment to see the new plan.'}</Alert>
      ) : null}
      {checkout === 'cancelled' ? <Alert kind="notice">Checkout was cancelled. Nothing was charged.</Alert> : null}
      {s.status === 'past_due' || s.status === 'unpaid' ? (
        <div role="alert" data-test="past-due-banner" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
          The last payment failed. Update the payment method in Manage billing to keep the {PLANS[s.plan].label} plan; compliance features stay available either way.
        </div>
      ) : null}
      <Section title="Plan" description="Plans limit AI drafting volume and seats only. Review, approval, versions, the audit trail and exports are never limited.">
        <dl className="grid gap-4 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Plan</dt>
            <dd className="text-lg font-semibold" data-test="billing-plan">{PLANS[s.plan].label}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Status</dt>
            <dd className="text-lg font-semibold" data-test="billing-status">{STATUS[s.status] ?? s.status}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{s.cancelAtPeriodEnd ? 'Ends on' : 'Renews on'}</dt>
            <dd className="text-lg font-semibold">{s.currentPeriodEnd ? new Date(s.currentPeriodEnd).toISOString().slice(0, 10) : '—'}</dd>
          </div>
        </dl>
        <div className="mt-6 space-y-4">
          <Meter label="AI drafts this month" used={s.usage.aiDraftsThisMonth} limit={s.limits.monthlyAiDrafts} testId="usage-drafts" />
          <Meter label="Seats (members and pending invites)" used={s.usage.seats} limit={s.limits.seats} testId="usage-seats" />
        </div>
      </Section>
      {canManage ? (
        <Section title="Change plan">
          <div className="grid gap-4 sm:grid-cols-3">
            {PAID_PLANS.filter((p) => !(paid && p === s.plan)).map((p) => (
              <div key={p} className="rounded-lg border border-slate-200 p-4">
                <p className="font-semibold">{PLANS[p].label}</p>
                <p className="mt-1 text-sm text-slate-600">
                  {PLANS[p].monthlyAiDrafts} AI drafts a month · {PLANS[p].seats} seats
                </p>
                {!paid ? (
                  <div className="mt-3">
                    <UpgradeForm slug={org.slug} plan={p} label={`Upgrade to ${PLANS[p].label}`} />
                  </div>
                ) : (
                  <p className="mt-3 text-sm text-slate-600">Switch plans in Manage billing.</p>
                )}
              </div>
            ))}
            {s.status !== 'none' ? (
              <div className="rounded-lg border border-slate-200 p-4">
                <p className="font-semibold">Billing account</p>
                <p className="mt-1 text-sm text-slate-600">Invoices, payment method, plan changes and cancellation, on Stripe.</p>
                <div className="mt-3">
                  <PortalForm slug={org.slug} />
                </div>
              </div>
            ) : null}
          </div>
        </Section>
      ) : (
        <p className="text-sm text-slate-600" data-test="billing-readonly">Owners and admins manage billing.</p>
      )}
    </div>
  );
}
