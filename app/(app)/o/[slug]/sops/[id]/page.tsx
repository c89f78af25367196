import type { Metadata } from 'next';
import Link from 'next/link';
import { GapPanel } from '@/components/compliance/gap-panel';
import { MappingPanel } from '@/components/compliance/mapping-panel';
import { LifecyclePanel } from '@/components/document-control/lifecycle-panel';
import { TrainingNotice, TrainingPanel } from '@/components/training/training-panel';
import { ReviewPanel } from '@/components/review/review-panel';
import { GenerationWatcher, RetryGeneration } from '@/components/sops/generation-watcher';
import { SaveTemplateForm } from '@/components/sops/save-template-form';
import { SopHtml } from '@/components/sops/sop-html';
import { StatusBadge } from '@/components/sops/status-badge';
import { Alert } from '@/components/ui/form';
import { roleCan } from '@/lib/orgs/permissions';
import { FINISHED } from '@/lib/generation/store';
import { loadGapPanel } from '@/lib/compliance/gap-page-context';
import { loadMappingPanel } from '@/lib/compliance/page-context';
import { loadSopLifecycle } from '@/lib/document-control/page-context';
import { loadSopReview } from '@/lib/review/page-context';
import { loadSopPage } from '@/lib/sops/page-context';
import { loadTrainingPanel } from '@/lib/training/page-context';
import { renderSopHtml } from '@/lib/sops/render-html';
import { formatUtc } from '@/lib/format';

export const metadata: Metadata = { title: 'SOP' };


export default async function SopPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { slug, id } = await params;
  const fromTemplate = (await searchParams).created === 'template';
  const { user, org, sop, version, generation } = await loadSopPage(slug, id);
  const lifecycle = await loadSopLifecycle(user, org, sop);
  const training = await loadTrainingPanel(user, org, sop.id);
  const review = await loadSopReview(user, org, sop);
  const gaps = await loadGapPanel(user, org, sop);
  const mapping = await loadMappingPanel(user, org, sop);
  const canEdit = roleCan(org.role, 'sops.edit');
  const running = generation && !FINISHED.includes(generation.status);
  const draftDiffers = version && sop.draftContent && JSON.stringify(version.content) !== JSON.stringify(sop.draftContent);
  // Is the content below the effective revision (which a reader signs as read and understood)?
  const showsEffective = !!version && version.id === training.effective?.versionId && !draftDiffers;
  const stopped = generation && (generation.status === 'failed' || generation.status === 'cancelled') && generation.kind === 'draft';

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0 wrap-anywhere">
          <p className="font-mono text-xs text-slate-500" data-test="doc-number">{sop.docNumber}</p>
          <h2 className="text-xl font-semibold" data-test="sop-title">{sop.title}</h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <StatusBadge status={sop.status} />
            {version ? <span data-test="version-label">Version {version.label}</span> : null}
            {version && !version.complete ? <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800" data-test="incomplete-badge">incomplete draft</span> : null}
            {version?.source === 'offline' ? <span className="rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium" data-test="offline-badge">offline draft</span> : null}
            {sop.department ? <span>· {sop.department}</span> : null}
            {sop.ownerName ? <span>· Owner {sop.ownerName}</span> : null}
            <span>· Updated {formatUtc(sop.updatedAt)}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canEdit && sop.draftContent ? (
            <Link href={`/o/${org.slug}/sops/${sop.id}/edit`} data-test="edit-sop" className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700">Edit</Link>
          ) : null}
          {version ? (
            <a href={`/api/v1/orgs/${org.slug}/sops/${sop.id}/export.docx`} data-test="export-docx" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600">
              Export .docx
            </a>
          ) : null}
          {canEdit && sop.draftContent ? <SaveTemplateForm slug={org.slug} sopId={sop.id} title={sop.title} /> : null}
          <Link href={`/o/${org.slug}/sops/${sop.id}/history`} data-test="history-link" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600">History</Link>
          {roleCan(org.role, 'audit.read') ? <Link href={`/o/${org.slug}/audit?sop=${sop.id}`} data-test="sop-audit-link" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:border-brand-600">Audit trail</Link> : null}
        </div>
      </div>
      {fromTemplate && canEdit ? (
        <Alert kind="notice">
          Created from a template as version {version?.label ?? '0.1'}. Replace each “[to be confirmed]” with your site’s values in the{' '}
          <Link href={`/o/${org.slug}/sops/${sop.id}/edit`} className="font-medium underline">editor</Link>, then save a version and submit it for review.
        </Alert>
      ) : null}
      {running ? <GenerationWatcher org={org.slug} generationId={generation.id} /> : null}
      {!running && stopped ? (
        <div className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-test="stopped-banner">
          <span>
            {generation.errorMessage || 'Drafting stopped.'} {generation.versionId ? 'The sections that were written are kept; missing ones say “Not drafted”.' : ''}
          </span>
          {canEdit ? <RetryGeneration org={org.slug} generationId={generation.id} /> : null}
        </div>
      ) : null}
      {!running && generation?.removedCitations.length ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-test="removed-citations">
          Removed: not a verifiable clause — {generation.removedCitations.map((c) => `${c.framework} ${c.clause}`).join(', ')}
        </div>
      ) : null}
      <TrainingNotice slug={org.slug} sopId={sop.id} data={training} showsEffective={showsEffective} />
      <LifecyclePanel slug={org.slug} sopId={sop.id} data={lifecycle} />
      <ReviewPanel slug={org.slug} sopId={sop.id} data={review} canEdit={canEdit && Boolean(sop.draftContent)} />
      {draftDiffers ? (
        <p className="text-sm text-slate-600" data-test="unsaved-draft">
          Showing the working draft. It has changes not yet saved as a version (last version {version.label}).
        </p>
      ) : null}
      {sop.draftContent ? (
        <article className="rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
          <SopHtml html={draftDiffers ? renderSopHtml(sop.draftContent) : (version?.html ?? renderSopHtml(sop.draftContent))} />
        </article>
      ) : !running ? (
        <p className="text-sm text-slate-600">This SOP has no content yet.</p>
      ) : null}
      <MappingPanel slug={org.slug} sopId={sop.id} data={mapping} />
      <GapPanel slug={org.slug} sopId={sop.id} data={gaps} />
      <TrainingPanel slug={org.slug} sopId={sop.id} data={training} showsEffective={showsEffective} />
    </div>
  );
}
