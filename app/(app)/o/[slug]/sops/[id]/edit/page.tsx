import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { SopEditor } from '@/components/sops/editor/sop-editor';
import { Alert } from '@/components/ui/form';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { listOrgFrameworks } from '@/lib/compliance/org-frameworks';
import { CURRENT_FRAMEWORK_CODES, FRAMEWORKS } from '@/lib/library';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings } from '@/lib/orgs/service';
import { loadSopPage } from '@/lib/sops/page-context';
import { ZImproveInput } from '@/lib/sops/api-schemas';

export const metadata: Metadata = { title: 'Edit SOP' };

/** `?improve=<section>&instruction=<text>` (the gap analysis's "Improve this section"): the rewrite to offer, or nothing when either is not valid. */
function improveFrom(q: Record<string, string | string[] | undefined>): { section: string; instruction: string } | null {
  const parsed = ZImproveInput.safeParse({ section: q.improve, instruction: q.instruction });
  return parsed.success ? parsed.data : null;
}

export default async function EditSopPage({ params, searchParams }: { params: Promise<{ slug: string; id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { slug, id } = await params;
  const initialImprove = improveFrom(await searchParams);
  const { user, org, sop } = await loadSopPage(slug, id);
  if (!roleCan(org.role, 'sops.edit')) notFound();
  if (!sop.draftContent) return <Alert kind="error">This SOP has no content yet. Wait for its draft to finish, or retry it from the SOP page.</Alert>;
  const [settings, followed] = await withUser(user.claims, async (tx) => [await getDocumentSettings(tx, org.id), await listOrgFrameworks(tx, org.id)] as const);
  // Only what the references picker needs: the frameworks the organization follows (every
  // current one when it follows none yet) and those the SOP already cites; withdrawn clauses
  // only where the SOP cites them (so their titles still show).
  const cited = sop.draftContent.references;
  const offered = new Set([...(followed.length ? followed : CURRENT_FRAMEWORK_CODES), ...cited.map((r) => r.framework)]);
  const library = FRAMEWORKS.filter((f) => offered.has(f.code)).map((f) => ({
    code: f.code,
    name: f.name,
    clauses: f.clauses.filter((c) => !c.withdrawn || cited.some((r) => r.framework === f.code && r.clause === c.id)).map((c) => ({ id: c.id, title: c.title })),
  }));
  return (
    <div className="space-y-3">
      <div>
        <p className="font-mono text-xs text-slate-500">{sop.docNumber}</p>
        <h2 className="text-xl font-semibold">Edit “{sop.title}”</h2>
      </div>
      <SopEditor
        org={org.slug}
        sopId={sop.id}
        docNumber={sop.docNumber}
        initialContent={sop.draftContent}
        initialRevision={sop.draftRevision}
        aiMode={env().ai.mode === 'claude' && settings.aiAllowed}
        library={library}
        initialImprove={initialImprove}
      />
    </div>
  );
}
