import type { Metadata } from 'next';
import Link from 'next/link';
import { Section } from '@/components/app/section';
import { RecentAuditEvents } from '@/components/audit/audit-events';
import { StatusBadge } from '@/components/sops/status-badge';
import { loadOrgOverview } from '@/lib/orgs/page-context';
import { ROLE_LABELS, roleCan } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Overview' };

export default async function OrgHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, memberCount, recent, events, canAudit } = await loadOrgOverview(slug);
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section title="You" description={ROLE_LABELS[org.role].description}>
        <p className="text-sm">
          Your role: <strong>{ROLE_LABELS[org.role].label}</strong> · {memberCount} member{memberCount === 1 ? '' : 's'}
        </p>
      </Section>
      <Section title="Recently updated SOPs" description={<Link href={`/o/${org.slug}/sops`} className="text-brand-700 underline">All SOPs</Link>}>
        {recent.length ? (
          <ul className="space-y-2 text-sm" data-test="recent-sops">
            {recent.map((s) => (
              <li key={s.id} className="flex items-start justify-between gap-3">
                <Link href={`/o/${org.slug}/sops/${s.id}`} className="min-w-0 text-brand-700 wrap-anywhere hover:underline">
                  <span className="mr-2 whitespace-nowrap font-mono text-xs text-slate-500">{s.docNumber}</span>
                  {s.title}
                </Link>
                <StatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">
            No SOPs yet.{' '}
            {roleCan(org.role, 'sops.edit') ? (
              <Link href={`/o/${org.slug}/sops/new`} className="text-brand-700 underline">
                Draft the first one
              </Link>
            ) : null}
          </p>
        )}
      </Section>
      {canAudit ? (
        <div className="min-w-0 lg:col-span-2">
          <Section title="Recent activity" description={<>From the organization’s append-only audit trail, newest first. Times are UTC. <Link href={`/o/${org.slug}/audit`} className="text-brand-700 underline">Full audit trail</Link></>}>
            <RecentAuditEvents events={events} />
          </Section>
        </div>
      ) : null}
    </div>
  );
}
