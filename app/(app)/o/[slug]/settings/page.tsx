import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { DocumentSettingsForm, OrgSettingsForm } from '@/components/app/org-forms';
import { OrgFrameworksForm } from '@/components/compliance/org-frameworks-form';
import { RoutingDefaultsForms } from '@/components/document-control/routing-defaults-form';
import { ReviewSettingsForm } from '@/components/review/review-settings-form';
import { Alert } from '@/components/ui/form';
import { loadOrgFrameworks } from '@/lib/compliance/page-context';
import { withUser } from '@/lib/db';
import { loadRoutingDefaults } from '@/lib/document-control/page-context';
import { env } from '@/lib/env';
import { loadOrg } from '@/lib/orgs/page-context';
import { getDocumentSettings, getReviewSettings } from '@/lib/orgs/service';
import { roleCan } from '@/lib/orgs/permissions';

export const metadata: Metadata = { title: 'Organization settings' };

export default async function OrgSettingsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ saved?: string }> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  const followed = await loadOrgFrameworks(user, org);
  const frameworksSection = (
    <Section
      title="Frameworks you follow"
      description="The regulations and standards your SOPs are mapped to. They come first when you draft an SOP, map it to clauses or ask for suggestions. The badge says how much of each framework SOPwright’s library has."
    >
      <OrgFrameworksForm slug={org.slug} frameworks={followed.frameworks} canChange={followed.canChange} />
    </Section>
  );
  // Everyone sees which frameworks the organization follows; only owners and admins see (and change) the rest.
  if (!roleCan(org.role, 'org.update')) return <div className="space-y-6">{frameworksSection}</div>;
  const { settings, review } = await withUser(user.claims, async (tx) => ({ settings: await getDocumentSettings(tx, org.id), review: await getReviewSettings(tx, org.id) }));
  const routing = roleCan(org.role, 'sops.control') ? await loadRoutingDefaults(user, org) : null;
  const saved = (await searchParams).saved === '1';
  return (
    <div className="space-y-6">
      {saved ? <Alert kind="notice">Settings saved.</Alert> : null}
      <Section title="General">
        <OrgSettingsForm slug={org.slug} name={org.name} />
      </Section>
      {frameworksSection}
      <Section title="Drafting and documents">
        <DocumentSettingsForm slug={org.slug} aiAllowed={settings.aiAllowed} serverHasClaude={env().ai.mode === 'claude'} sensitiveTerms={settings.sensitiveTerms} exportFooter={settings.exportFooter} pageSize={settings.pageSize} />
      </Section>
      <Section title="Periodic review and training" description="Defaults for every SOP: how often an effective SOP is reviewed (a SOP can set its own interval, or none with a reason, on its page), and how long people have to read and acknowledge a SOP assigned to them.">
        <ReviewSettingsForm slug={org.slug} reviewIntervalMonths={review.reviewIntervalMonths} trainingDueDays={review.trainingDueDays} />
      </Section>
      {routing ? (
        <Section
          title="Review and approval defaults"
          description="Per department, the reviewers and approvers the submit form pre-selects for an SOP of that department (else those of “any department”). They are suggestions: the submitter can change them, and only members whose role may approve when the version is submitted can be chosen."
        >
          <RoutingDefaultsForms slug={org.slug} defaults={routing.defaults} people={routing.people} departments={routing.departments} />
        </Section>
      ) : null}
      <Section title="Ownership" description="Owners can hand ownership to another member from the Members page (“Make owner”); they then become an admin. An organization always keeps at least one owner.">
        <p className="text-sm text-slate-600">Organization id: <code>{org.id}</code></p>
      </Section>
    </div>
  );
}
