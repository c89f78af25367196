import type { Metadata } from 'next';
import Link from 'next/link';
import { Section } from '@/components/app/section';
import { CreateOrgForm } from '@/components/app/org-forms';
import { loadMyOrgs } from '@/lib/orgs/page-context';
import { ROLE_LABELS } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Your organizations' };

export default async function OrgsPage() {
  const { orgs, taskCounts } = await loadMyOrgs();
  const waiting = orgs.filter((o) => (taskCounts[o.id] ?? 0) > 0);
  return (
    <div className="space-y-8">
      <h1 className="text-2xl font-semibold tracking-tight">{orgs.length ? 'Your organizations' : 'Create your organization'}</h1>
      {waiting.length ? (
        <Section title="My tasks" description="Reviews and approvals waiting for your signature.">
          <ul className="space-y-1 text-sm" data-test="tasks-per-org">
            {waiting.map((o) => (
              <li key={o.id}>
                <Link href={`/o/${o.slug}/tasks`} className="text-brand-700 underline">
                  {taskCounts[o.id]} {taskCounts[o.id] === 1 ? 'task' : 'tasks'} in {o.name}
                </Link>
              </li>
            ))}
          </ul>
        </Section>
      ) : null}
      {orgs.length ? (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white" data-test="org-list">
          {orgs.map((o) => (
            <li key={o.id}>
              <Link href={`/o/${o.slug}`} className="flex items-center justify-between px-5 py-4 hover:bg-slate-50">
                <span>
                  <span className="font-medium">{o.name}</span>
                  <span className="ml-2 text-sm text-slate-500">/o/{o.slug}</span>
                </span>
                <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700">{ROLE_LABELS[o.role].label}</span>
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="max-w-2xl text-slate-700">
          SOPs, members and audit trails belong to an organization. Create one for your company or site — you will be its owner and
          can invite colleagues with the role each needs. Were you invited? Open the link in your invitation email instead.
        </p>
      )}
      <Section title={orgs.length ? 'Create another organization' : 'New organization'}>
        <CreateOrgForm />
      </Section>
    </div>
  );
}
