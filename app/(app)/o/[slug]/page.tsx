import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { withUser } from '@/lib/db';
import { loadOrg } from '@/lib/orgs/page-context';
import { ROLE_LABELS, roleCan } from '@/lib/orgs/permissions';
import { listMembers } from '@/lib/orgs/service';

export const metadata: Metadata = { title: 'Overview' };

const fmt = (d: Date | string) => new Date(d).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

export default async function OrgHome({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  const canAudit = roleCan(org.role, 'audit.read');
  const { members, events } = await withUser(user.claims, async (tx) => ({
    members: await listMembers(tx, org.id),
    events: canAudit
      ? await tx.query<{ id: string; action: string; actor_email: string; created_at: Date; target_type: string }>(
          'select id, action, actor_email, created_at, target_type from public.audit_events where org_id = $1 order by seq desc limit 15',
          [org.id],
        )
      : [],
  }));
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Section title="You" description={ROLE_LABELS[org.role].description}>
        <p className="text-sm">
          Your role: <strong>{ROLE_LABELS[org.role].label}</strong> · {members.length} member{members.length === 1 ? '' : 's'}
        </p>
      </Section>
      {canAudit ? (
        <Section title="Recent activity" description="From the organization’s append-only audit trail.">
          <ol className="space-y-2 text-sm" data-test="audit-list">
            {events.map((e) => (
              <li key={e.id} className="flex justify-between gap-4">
                <span>
                  <code className="rounded bg-slate-100 px-1">{e.action}</code> <span className="text-slate-600">by {e.actor_email || 'the system'}</span>
                </span>
                <span className="whitespace-nowrap text-slate-500">{fmt(e.created_at)}</span>
              </li>
            ))}
          </ol>
        </Section>
      ) : null}
    </div>
  );
}
