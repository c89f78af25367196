import type { Metadata } from 'next';
import Link from 'next/link';
import { LifecycleActions } from '@/components/document-control/lifecycle-actions';
import { RoundSummary } from '@/components/document-control/round-summary';
import { SignatureList } from '@/components/document-control/signature-list';
import { SigningCeremony } from '@/components/document-control/signing-ceremony';
import { StateBadge } from '@/components/document-control/state-badge';
import { SubmitForm } from '@/components/document-control/submit-form';
import { TransitionList } from '@/components/document-control/transition-list';
import { DiffView } from '@/components/sops/diff-view';
import { SopHtml } from '@/components/sops/sop-html';
import { loadVersionPage } from '@/lib/document-control/page-context';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'SOP version' };

function Section({ title, test, id, children }: { title: string; test: string; id?: string; children: React.ReactNode }) {
  return (
    <section className="space-y-3" data-test={test} id={id} aria-labelledby={`${test}-title`}>
      <h3 id={`${test}-title`} className="text-base font-semibold text-slate-900">{title}</h3>
      {children}
    </section>
  );
}

export default async function VersionPage({ params }: { params: Promise<{ slug: string; id: string; versionId: string }> }) {
  const { slug, id, versionId } = await params;
  const p = await loadVersionPage(slug, id, versionId);
  const { org, sop, version, lifecycle, signatures } = p;
  const apiVersion = `/api/v1/orgs/${org.slug}/sops/${sop.id}/versions/${version.id}`;
  const round = lifecycle.round;
  const submitterName = round ? (signatures.find((s) => s.meaning === 'authored' && s.submissionId === round.submissionId)?.signerName ?? '') : '';
  const isEffective = p.effective?.versionId === version.id;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <p className="font-mono text-xs text-slate-500" data-test="doc-number">{sop.docNumber}</p>
          <h2 className="text-xl font-semibold" data-test="sop-title">{sop.title}</h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StateBadge lifecycle={lifecycle} />
            <span data-test="version-label">Version {version.label}</span>
            {lifecycle.revisionLabel ? <span data-test="revision-label">· Revision {lifecycle.revisionLabel}</span> : null}
            {lifecycle.effectiveAt ? <span>· effective since {formatUtc(lifecycle.effectiveAt)}</span> : null}
            <span>· saved {formatUtc(version.createdAt)}{version.authorName ? ` by ${version.authorName}` : ''}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2 text-sm">
          <Link href={`/o/${org.slug}/sops/${sop.id}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold hover:border-brand-600" data-test="back-to-sop">Back to the SOP</Link>
          <a href={`/api/v1/orgs/${org.slug}/sops/${sop.id}/export.docx?version=${version.id}`} className="rounded-md border border-slate-300 bg-white px-4 py-2 font-semibold hover:border-brand-600" data-test="export-version">Export .docx</a>
        </div>
      </div>

      {p.task ? (
        <p className="rounded-md border border-brand-100 bg-brand-50 px-4 py-3 text-sm text-brand-900" data-test="task-banner">
          You are asked to {p.task.step === 'review' ? 'review' : 'approve'} this version. Read it and what changed, then{' '}
          <a href="#sign" className="font-semibold underline">sign below</a>.
        </p>
      ) : null}

      {p.submittable && p.submitter?.ok ? (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700" data-test="submit-banner">
          This is the latest version and it is not under review. <a href="#submit" className="font-semibold text-brand-700 underline">Submit it for review and approval</a> when it is ready.
        </p>
      ) : null}

      <LifecycleActions versionUrl={apiVersion} sopUrl={`/api/v1/orgs/${org.slug}/sops/${sop.id}`} {...p.actions} />

      {round ? (
        <Section title="Review and approval" test="routing">
          <RoundSummary round={round} submitterName={submitterName} />
        </Section>
      ) : null}

      <Section title="Signatures" test="signature-section">
        <SignatureList signatures={signatures} empty="Nobody has signed this version yet." />
      </Section>

      <Section title="What changed since the effective version" test="effective-diff">
        {isEffective ? (
          <p className="text-sm text-slate-600" data-test="is-effective">This is the effective version.</p>
        ) : p.diff && p.effective ? (
          <DiffView diff={p.diff} fromLabel={`Effective version ${p.effective.label}${p.effective.revisionLabel ? ` (revision ${p.effective.revisionLabel})` : ''}`} toLabel={`version ${version.label}`} />
        ) : (
          <p className="text-sm text-slate-600" data-test="no-effective">No effective version yet: everything in this version is new.</p>
        )}
      </Section>

      <Section title={`Version ${version.label}`} test="version-content">
        <article className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <SopHtml html={version.html} />
        </article>
      </Section>

      {p.task && p.signer ? (
        <Section title="Your signature" test="sign-section" id="sign">
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            {p.signer.ok ? (
              <SigningCeremony url={apiVersion} step={p.task.step} signer={p.signer} />
            ) : (
              <p className="text-sm text-red-800" data-test="sign-refused">{p.signer.message}</p>
            )}
          </div>
        </Section>
      ) : null}

      {p.submittable && p.submitter ? (
        <Section title="Submit this version" test="submit-section" id="submit">
          <div className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
            {p.submitter.ok ? (
              <SubmitForm url={apiVersion} candidates={p.candidates} notReviewers={p.notReviewers} effectiveLabel={p.effective?.revisionLabel ?? null} signer={p.submitter} preselected={p.routing} />
            ) : (
              <p className="text-sm text-red-800" data-test="submit-refused">{p.submitter.message}</p>
            )}
          </div>
        </Section>
      ) : null}

      {p.history.length ? (
        <Section title="Lifecycle history" test="transitions">
          <TransitionList transitions={p.history} />
        </Section>
      ) : null}
    </div>
  );
}
