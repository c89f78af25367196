import type { Metadata } from 'next';
import Link from 'next/link';
import { Section } from '@/components/app/section';
import { GenerateForm } from '@/components/sops/generate-form';
import { TemplatePicker } from '@/components/sops/template-picker';
import { Alert } from '@/components/ui/form';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { listOrgFrameworks } from '@/lib/compliance/org-frameworks';
import { CURRENT_FRAMEWORKS } from '@/lib/library';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings } from '@/lib/orgs/service';
import { departmentSuggestions } from '@/lib/sops/departments';
import { loadTemplates } from '@/lib/templates/page-context';

export const metadata: Metadata = { title: 'New SOP' };

/** The two ways to start an SOP; the choice is in the address (?from=…) so a reload keeps it. */
const CHOICES = [
  { key: 'description', label: 'Describe the process', hint: 'Write what happens in your own words; SOPwright drafts the SOP.' },
  { key: 'template', label: 'Start from a template', hint: 'Pick a ready-made SOP (sanitation, receiving, CAPA …) or one your organization saved.' },
] as const;

export default async function NewSopPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ from?: string; template?: string }> }) {
  const { slug } = await params;
  const { user, org } = await loadOrg(slug);
  if (!roleCan(org.role, 'sops.edit')) {
    return <Alert kind="error">Your role ({org.role}) can read SOPs but not draft them. Ask an owner or admin to make you an author.</Alert>;
  }
  const query = await searchParams;
  const from = query.from === 'template' ? 'template' : 'description';

  return (
    <div className="space-y-4">
      <nav aria-label="How to start" className="grid gap-3 sm:grid-cols-2" data-test="new-sop-choices">
        {CHOICES.map((c) => (
          <Link
            key={c.key}
            href={`/o/${org.slug}/sops/new?from=${c.key}`}
            aria-current={from === c.key ? 'page' : undefined}
            data-test={`from-${c.key}`}
            className={`rounded-xl border bg-white p-4 shadow-sm ${from === c.key ? 'border-brand-600 ring-2 ring-brand-100' : 'border-slate-200 hover:border-slate-400'}`}
          >
            <span className="block font-semibold text-slate-900">{c.label}</span>
            <span className="mt-1 block text-sm text-slate-600">{c.hint}</span>
          </Link>
        ))}
      </nav>
      {from === 'template' ? <FromTemplate user={user} org={org} initial={query.template} /> : <FromDescription user={user} org={org} />}
    </div>
  );
}

type Ctx = Awaited<ReturnType<typeof loadOrg>>;

async function FromTemplate({ user, org, initial }: Pick<Ctx, 'user' | 'org'> & { initial?: string }) {
  const templates = await loadTemplates(user, org);
  return (
    <Section title="New SOP from a template" description="The new SOP starts as a draft (version 0.1) with the template’s text, under your title and department. Edit it to fit your site before submitting it for review.">
      <TemplatePicker slug={org.slug} templates={templates} initial={initial} />
    </Section>
  );
}

async function FromDescription({ user, org }: Pick<Ctx, 'user' | 'org'>) {
  const [settings, departments, followed] = await withUser(user.claims, async (tx) => [await getDocumentSettings(tx, org.id), await departmentSuggestions(tx, org.id), await listOrgFrameworks(tx, org.id)] as const);
  const serverHasClaude = env().ai.mode === 'claude';
  const mode = serverHasClaude && settings.aiAllowed ? 'ai' : 'offline';
  // Current editions only (what drafting accepts); the ones the organization follows first, chosen.
  const options = CURRENT_FRAMEWORKS.map((f) => ({ code: f.code, name: f.name, clauses: f.clauses.length, followed: followed.includes(f.code) }));
  const frameworks = [...options.filter((f) => f.followed), ...options.filter((f) => !f.followed)];
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
