import type { Metadata } from 'next';
import { Section } from '@/components/app/section';
import { GenerateForm } from '@/components/sops/generate-form';
import { Alert } from '@/components/ui/form';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { frameworkSummaries } from '@/lib/library';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings } from '@/lib/orgs/service';
import { departmentSuggestions } from '@/lib/sops/departments';

export const metadata: Metadata = { title: 'New SOP' };

export default async function NewSopPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  if (!roleCan(org.role, 'sops.edit')) {
    return <Alert kind="error">Your role ({org.role}) can read SOPs but not draft them. Ask an owner or admin to make you an author.</Alert>;
  }
  const [settings, departments] = await withUser(user.claims, async (tx) => [await getDocumentSettings(tx, org.id), await departmentSuggestions(tx, org.id)] as const);
  const serverHasClaude = env().ai.mode === 'claude';
  const mode = serverHasClaude && settings.aiAllowed ? 'ai' : 'offline';
  const frameworks = frameworkSummaries().map((f) => ({ code: f.code, name: f.name, clauses: f.clauseCount }));
  return (
    <Section
      title="New SOP"
      description={
        <span data-test="ai-mode">
          {mode === 'ai'
            ? 'AI processing is allowed for this organization: Claude drafts the SOP from your description after personal data is redacted.'
            : !serverHasClaude
              ? 'Offline draft: this server has no Claude API key, so SOPwright builds the draft itself from your description. Nothing leaves the server.'
              : 'Offline draft: AI processing is switched off for this organization (Settings). Nothing leaves the server.'}
        </span>
      }
    >
      <GenerateForm org={org.slug} frameworks={frameworks} mode={mode} sensitiveTerms={mode === 'ai' ? settings.sensitiveTerms : []} departments={departments} />
    </Section>
  );
}
