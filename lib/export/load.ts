/**
 * What an export is made of, read inside withUser() so that RLS decides: the organization's
 * document settings, the SOP, the chosen version (default: the current one) and the revision
 * history up to it. A version in another organization is a 404; content that no longer fits
 * the schema is a 422, never a corrupt file.
 */
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { getDocumentSettings, type DocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import { ZSopContent } from '@/lib/sops/content';
import { listVersions, requireSop, requireVersion } from '@/lib/sops/service';
import type { ExportDocument } from './types';

const APPROVED = new Set(['approved', 'effective']);

export type LoadedExport = ExportDocument & { versionId: string };

export async function loadExportDocument(tx: Tx, org: Pick<OrgSummary, 'id' | 'name'>, sopId: string, versionId?: string): Promise<LoadedExport> {
  return exportDocument(tx, org, await getDocumentSettings(tx, org.id), sopId, versionId);
}

/** Every SOP of the organization that has a version, at its current version (the bulk export). */
export async function loadCurrentExports(tx: Tx, org: Pick<OrgSummary, 'id' | 'name'>): Promise<LoadedExport[]> {
  const settings = await getDocumentSettings(tx, org.id);
  const rows = await tx.query<{ id: string }>('select id from public.sops where org_id = $1 and current_version_id is not null order by number', [org.id]);
  const docs: LoadedExport[] = [];
  for (const { id } of rows) docs.push(await exportDocument(tx, org, settings, id));
  return docs;
}

async function exportDocument(tx: Tx, org: Pick<OrgSummary, 'id' | 'name'>, settings: DocumentSettings, sopId: string, versionId?: string): Promise<LoadedExport> {
  const sop = await requireSop(tx, org.id, sopId);
  const id = versionId ?? sop.currentVersionId;
  if (!id) throw new AppError('not_found', 'This SOP has no version to export yet.');
  const version = await requireVersion(tx, org.id, sop.id, id);
  const parsed = ZSopContent.safeParse(version.content);
  if (!parsed.success) {
    // e.g. a version saved before steps were limited to 5 levels: it stays as stored, and the reason is named.
    const issue = parsed.error.issues[0];
    const why = issue ? ` (${issue.path.join('.') || 'content'}: ${issue.message})` : '';
    throw new AppError('unprocessable', `Version ${version.label} does not match the SOP content schema${why}, so it cannot be exported. Save a corrected version and export that.`);
  }
  const revisions = (await listVersions(tx, org.id, sop.id))
    .filter((v) => v.seq <= version.seq)
    .sort((a, b) => a.seq - b.seq)
    .map((v) => ({ version: v.label, date: v.createdAt, author: v.authorName, change: v.changeSummary || 'New version' }));
  return {
    versionId: version.id,
    org: { name: org.name, footerText: settings.exportFooter, pageSize: settings.pageSize },
    sop: { documentNumber: sop.docNumber, title: sop.title, department: sop.department, owner: sop.ownerName, status: sop.status },
    version: {
      label: version.label,
      createdAt: version.createdAt,
      authorName: version.authorName,
      approved: APPROVED.has(sop.status) && version.id === sop.currentVersionId && version.complete,
      effectiveDate: null,
      changeSummary: version.changeSummary,
    },
    approvals: [],
    revisions,
    content: { ...parsed.data, titleBlock: { ...parsed.data.titleBlock, documentNumber: sop.docNumber } },
  };
}

export async function recordExport(tx: Tx, orgId: string, action: 'sop.exported' | 'sop.bulk_exported', targetId: string, data: Record<string, unknown>): Promise<void> {
  await tx.query("select private.record_event($1, $2, $3, $4, $5::jsonb)", [orgId, action, action === 'sop.exported' ? 'sop_versions' : 'organizations', targetId, JSON.stringify(data)]);
}
