import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Section } from '@/components/app/section';
import { OrgSettingsForm } from '@/components/app/org-forms';
import { Alert } from '@/components/ui/form';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Organization settings' };

export default async function OrgSettingsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { slug } = await params;
  const { org } = await loadOrg(slug);
  if (!roleCan(org.role, 'org.update')) notFound();
  const saved = (await searchParams).saved === '1';
  return (
    <div className="space-y-6">
      {saved ? <Alert kind="notice">Settings saved.</Alert> : null}
      <Section title="General">
        <OrgSettingsForm slug={org.slug} name={org.name} />
      </Section>
      <Section title="Ownership" description="Owners can hand ownership to another member from the Members page (“Make owner”); they then become an admin. An organization always keeps at least one owner.">
        <p className="text-sm text-slate-600">Organization id: <code>{org.id}</code></p>
      </Section>
    </div>
  );
}
