import Link from 'next/link';
import { CountBadge } from '@/components/app/count-badge';
import { OrgTabs, type OrgTab } from '@/components/app/org-tabs';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';

export default async function OrgLayout({ children, params }: { children: React.ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { org, orgs, taskCounts } = await loadOrg(slug);
  const tabs: OrgTab[] = [
    { href: `/o/${org.slug}`, label: 'Overview' },
    { href: `/o/${org.slug}/sops`, label: 'SOPs' },
    { href: `/o/${org.slug}/tasks`, label: 'My tasks', count: taskCounts[org.id] ?? 0 },
    { href: `/o/${org.slug}/members`, label: 'Members' },
    { href: `/o/${org.slug}/training`, label: 'Training' },
    { href: `/o/${org.slug}/compliance`, label: 'Compliance' },
    ...(roleCan(org.role, 'audit.read') ? [{ href: `/o/${org.slug}/audit`, label: 'Audit trail' }] : []),
    { href: `/o/${org.slug}/settings`, label: 'Settings' },
    { href: `/o/${org.slug}/billing`, label: 'Billing' },
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div className="min-w-0 wrap-anywhere">
          <p className="text-xs uppercase tracking-wide text-slate-500">Organization</p>
          <h1 className="text-2xl font-semibold tracking-tight" data-test="org-name">
            {org.name}
          </h1>
        </div>
        {orgs.length > 1 ? (
          <nav aria-label="Switch organization" className="flex min-w-0 flex-wrap gap-2 text-sm">
            {orgs
              .filter((o) => o.id !== org.id)
              .map((o) => (
                <Link key={o.id} href={`/o/${o.slug}`} className="min-w-0 max-w-full rounded-md border border-slate-300 bg-white px-2.5 py-1 wrap-anywhere hover:border-brand-600">
                  {o.name}
                  <CountBadge count={taskCounts[o.id] ?? 0} label="tasks waiting" />
                </Link>
              ))}
          </nav>
        ) : null}
      </div>
      <OrgTabs tabs={tabs} />
      {children}
    </div>
  );
}
