import type { Metadata } from 'next';
import Link from 'next/link';
import { Section } from '@/components/app/section';
import { RecentAuditEvents } from '@/components/audit/audit-events';
import { ApprovalsPanel, Headline, ReviewChart, StatusChart, TrainingCharts } from '@/components/dashboard/overview';
import { StatusBadge } from '@/components/sops/status-badge';
import { formatUtc } from '@/lib/format';
import { loadOrgOverview } from '@/lib/orgs/page-context';
import { ROLE_LABELS } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Overview' };

export default async function OrgHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, memberCount, dashboard, recent, events, canAudit, canEdit, canAssign } = await loadOrgOverview(slug);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 text-sm text-slate-600">
        <p title={ROLE_LABELS[org.role].description}>
          Your role: <strong className="text-slate-900">{ROLE_LABELS[org.role].label}</strong> · {memberCount} member{memberCount === 1 ? '' : 's'}
        </p>
        <p className="text-xs text-slate-500" data-test="dashboard-as-of">Figures as of {formatUtc(dashboard.now)}</p>
      </div>
      <Headline slug={org.slug} d={dashboard} />
      <div className="grid gap-6 lg:grid-cols-2">
        <StatusChart slug={org.slug} d={dashboard} canEdit={canEdit} />
        <ReviewChart slug={org.slug} d={dashboard} />
      </div>
      <TrainingCharts slug={org.slug} d={dashboard} canAssign={canAssign} />
      <div className="grid gap-6 lg:grid-cols-2">
        <ApprovalsPanel slug={org.slug} d={dashboard} />
        <Section title="Recently updated SOPs" description={<Link href={`/o/${org.slug}/sops`} className="text-brand-700 underline">All SOPs</Link>}>
          {recent.length ? (
            <ul className="space-y-2 text-sm" data-test="recent-sops">
              {recent.map((s) => (
                <li key={s.id} className="flex items-start justify-between gap-3">
                  <Link href={`/o/${org.slug}/sops/${s.id}`} className="min-w-0 text-brand-700 wrap-anywhere hover:underline">
                    <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{s.docNumber}</span>
                    {s.title}
                  </Link>
                  <span className="shrink-0 whitespace-nowrap">
                    <StatusBadge status={s.status} />
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">
              No SOPs yet.{' '}
              {canEdit ? (
                <Link href={`/o/${org.slug}/sops/new`} className="text-brand-700 underline">
                  Draft the first one
                </Link>
              ) : null}
            </p>
          )}
        </Section>
      </div>
      {canAudit ? (
        <div className="min-w-0">
          <Section title="Recent activity" description={<>From the organization’s append-only audit trail, newest first. Times are UTC. <Link href={`/o/${org.slug}/audit`} className="text-brand-700 underline">Full audit trail</Link></>}>
            <RecentAuditEvents events={events} />
          </Section>
        </div>
      ) : null}
    </div>
  );
}
