import type { Metadata } from 'next';
import Link from 'next/link';
import { Section } from '@/components/app/section';
import { StatusBadge } from '@/components/sops/status-badge';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { ROLE_LABELS, roleCan } from '@/lib/orgs/permissions';
import { listAuditEvents } from '@/lib/audit/service';
import { listMembers } from '@/lib/orgs/service';
import { listSops } from '@/lib/sops/service';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'Overview' };


export default async function OrgHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  const canAudit = roleCan(org.role, 'audit.read');
  const { members, events, recent } = await withUser(user.claims, async (tx) => ({
    members: await listMembers(tx, org.id),
    recent: (await listSops(tx, org.id, { limit: 5 })).items,
    events: canAudit ? (await listAuditEvents(tx, org.id, { limit: 15 })).events : [],
  }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section title="You" description={ROLE_LABELS[org.role].description}>
        <p className="text-sm">
          Your role: <strong>{ROLE_LABELS[org.role].label}</strong> · {members.length} member{members.length === 1 ? '' : 's'}
        </p>
      </Section>
      <Section title="Recently updated SOPs" description={<Link href={`/o/${org.slug}/sops`} className="text-brand-700 underline">All SOPs</Link>}>
        {recent.length ? (
          <ul className="space-y-2 text-sm" data-test="recent-sops">
            {recent.map((s) => (
              <li key={s.id} className="flex items-center justify-between gap-3">
                <Link href={`/o/${org.slug}/sops/${s.id}`} className="truncate text-brand-700 hover:underline">
                  <span className="mr-2 font-mono text-xs text-slate-500">{s.docNumber}</span>
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
        <Section title="Recent activity" description={<>From the organization’s append-only audit trail. <Link href={`/o/${org.slug}/audit`} className="text-brand-700 underline">Full audit trail</Link></>}>
          <ol className="space-y-2 text-sm" data-test="audit-list">
            {events.map((e) => (
              <li key={e.id} className="flex justify-between gap-4">
                <span>{e.description}</span>
                <span className="whitespace-nowrap text-slate-500">{formatUtc(e.createdAt)}</span>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </div>
  );
}
