/**
 * What an export is made of, read inside withUser() so that RLS decides: the organization's
 * document settings, the SOP, the chosen version, its lifecycle state and electronic signatures
 * (lib/document-control/service), and the controlled revision history up to it.
 *
 * Which version: the one asked for (?version=), else the SOP's effective version (what the shop
 * floor uses), else — for an obsolete SOP — the version made obsolete, else the latest version.
 * A version of another SOP or organization is a 404; content that no longer fits the schema is
 * a 422, never a corrupt file.
 *
 * The approvals are the signatures of the version's current routing round: authored, reviewed,
 * approved, and a rejection with its comment (a rejection is a signed record of that round, and
 * an auditor reading the printout must see it, not a cleaner page than the record). Signatures of
 * earlier rounds that were withdrawn did not count toward the approval: they are not listed, and
 * the document says how many there are. Reviewers and approvers still to sign are listed as
 * awaited while the version is in review or in approval.
 */
import { contentHash } from '@/lib/document-control/canonical';
import { lifecycleOf, signaturesOf, type Lifecycle, type Signature } from '@/lib/document-control/service';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { getDocumentSettings, type DocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import { reviewScheduleOf } from '@/lib/review/service';
import { ZSopContent } from '@/lib/sops/content';
import { requireSop, requireVersion, type Version } from '@/lib/sops/service';
import type { ExportDocument, ExportRevision, ExportSignature } from './types';

export type LoadedExport = ExportDocument & { versionId: string };

export async function loadExportDocument(tx: Tx, org: Pick<OrgSummary, 'id' | 'name'>, sopId: string, versionId?: string): Promise<LoadedExport> {
  return exportDocument(tx, org, await getDocumentSettings(tx, org.id), sopId, versionId);
}

/** Every SOP of the organization that has a version, each at its default version (the bulk export). */
export async function loadCurrentExports(tx: Tx, org: Pick<OrgSummary, 'id' | 'name'>): Promise<LoadedExport[]> {
  const settings = await getDocumentSettings(tx, org.id);
  const rows = await tx.query<{ id: string }>('select id from public.sops where org_id = $1 and current_version_id is not null order by number', [org.id]);
  const docs: LoadedExport[] = [];
  for (const { id } of rows) docs.push(await exportDocument(tx, org, settings, id));
  return docs;
}

/** The effective version, else the obsolete one, else the latest; null when the SOP has no version. */
async function defaultVersionId(tx: Tx, orgId: string, sopId: string): Promise<string | null> {
  const [row] = await tx.query<{ id: string | null }>(
    `select coalesce(s.effective_version_id,
              (select t.version_id from public.sop_transitions t
                where t.sop_id = s.id and t.to_state = 'obsolete' and t.version_id is not null order by t.seq desc limit 1),
              s.current_version_id) as id
       from public.sops s where s.org_id = $1 and s.id = $2`,
    [orgId, sopId],
  );
  return row?.id ?? null;
}

async function lastTransitionReason(tx: Tx, versionId: string): Promise<string> {
  const [row] = await tx.query<{ reason: string }>('select reason from public.sop_transitions where version_id = $1 order by seq desc limit 1', [versionId]);
  return row?.reason ?? '';
}

const ENDED = new Set(['superseded', 'obsolete', 'rejected', 'withdrawn']);
const LIVE_ROUND = new Set(['in_review', 'in_approval']);

/** Signatures of the current round (none for a withdrawn version), then the tasks still awaited. */
function approvalsOf(lifecycle: Lifecycle, signatures: Signature[]): { signatures: ExportSignature[]; earlier: number } {
  const round = lifecycle.state === 'withdrawn' ? null : lifecycle.round;
  // Signatures outside any round (read-and-understood, issue 15) are not approvals.
  const rounds = signatures.filter((s) => s.submissionId !== null);
  const current = round ? rounds.filter((s) => s.submissionId === round.submissionId) : [];
  const lines: ExportSignature[] = current.map((s) => ({
    meaning: s.meaning as ExportSignature['meaning'], // a round's signatures have a round's meanings
    name: s.signerName,
    email: s.signerEmail,
    signedAt: s.signedAt,
    status: s.valid ? 'valid' : 'invalid',
    method: s.authMethod,
    comment: s.comment,
  }));
  if (round && LIVE_ROUND.has(lifecycle.state)) {
    for (const t of round.tasks.filter((k) => !k.done)) {
      lines.push({ meaning: t.step === 'review' ? 'reviewed' : 'approved', name: t.assigneeName, email: t.assigneeEmail, signedAt: null, status: 'pending', method: '', comment: '' });
    }
  }
  return { signatures: lines, earlier: rounds.length - current.length };
}

/** The revisions of the SOP that became effective up to this version, then this version if it has not. */
async function revisionHistory(tx: Tx, orgId: string, sopId: string, version: Version, lifecycle: Lifecycle, reasonForChange: string): Promise<ExportRevision[]> {
  const rows = await tx.query<{ id: string; label: string; effective_at: Date; reason: string | null; author: string | null }>(
    `select v.id, e.label, e.created_at as effective_at, s.reason, coalesce(nullif(p.full_name, ''), p.email, '') as author
       from public.sop_versions v
       join lateral (select t.label, t.created_at, t.submission_id from public.sop_transitions t
                      where t.version_id = v.id and t.to_state = 'effective' order by t.seq desc limit 1) e on true
       left join public.sop_submissions s on s.id = e.submission_id
       left join public.profiles p on p.id = s.submitted_by
      where v.org_id = $1 and v.sop_id = $2 and v.seq <= $3
      order by v.seq`,
    [orgId, sopId, version.seq],
  );
  const revisions: ExportRevision[] = rows.map((r) => ({ version: r.label || '—', date: isoTime(r.effective_at), author: r.author ?? '', change: r.reason ?? '' }));
  if (!rows.some((r) => r.id === version.id)) {
    const planned = lifecycle.state === 'approved' && lifecycle.round?.effectiveFrom;
    revisions.push({
      version: lifecycle.revisionLabel ?? `${version.label} (draft)`,
      date: planned ? `${planned.slice(0, 10)} (planned)` : 'Not effective',
      author: version.authorName,
      change: reasonForChange || version.changeSummary || 'New version',
    });
  }
  return revisions;
}

async function exportDocument(tx: Tx, org: Pick<OrgSummary, 'id' | 'name'>, settings: DocumentSettings, sopId: string, versionId?: string): Promise<LoadedExport> {
  const sop = await requireSop(tx, org.id, sopId);
  const id = versionId ?? (await defaultVersionId(tx, org.id, sop.id));
  if (!id) throw new AppError('not_found', 'This SOP has no version to export yet.');
  const version = await requireVersion(tx, org.id, sop.id, id);
  const parsed = ZSopContent.safeParse(version.content);
  if (!parsed.success) {
    // e.g. a version saved before steps were limited to 5 levels: it stays as stored, and the reason is named.
    const issue = parsed.error.issues[0];
    const why = issue ? ` (${issue.path.join('.') || 'content'}: ${issue.message})` : '';
    throw new AppError('unprocessable', `Version ${version.label} does not match the SOP content schema${why}, so it cannot be exported. Save a corrected version and export that.`);
  }
  const ref = { orgId: org.id, sopId: sop.id, versionId: version.id };
  const lifecycle = await lifecycleOf(tx, ref);
  const { signatures, earlier } = approvalsOf(lifecycle, await signaturesOf(tx, ref));
  const ended = ENDED.has(lifecycle.state);
  const reasonForChange = lifecycle.round?.changeReason ?? '';
  const schedule = lifecycle.state === 'effective' ? await reviewScheduleOf(tx, { orgId: org.id, sopId: sop.id }) : null;
  const review = schedule && schedule.effectiveVersionId === version.id ? { nextReviewAt: schedule.nextReviewAt, exemptReason: schedule.exemptReason } : undefined;
  return {
    versionId: version.id,
    org: { name: org.name, footerText: settings.exportFooter, pageSize: settings.pageSize },
    sop: { documentNumber: sop.docNumber, title: sop.title, department: sop.department, owner: sop.ownerName },
    version: {
      label: lifecycle.revisionLabel ?? version.label,
      state: lifecycle.state,
      createdAt: version.createdAt,
      authorName: version.authorName,
      changeSummary: version.changeSummary,
      reasonForChange,
      effectiveAt: lifecycle.effectiveAt,
      effectiveFrom: lifecycle.round?.effectiveFrom ?? null,
      endedAt: ended ? lifecycle.stateChangedAt : null,
      endedReason: ended ? await lastTransitionReason(tx, version.id) : '',
      contentHash: lifecycle.round ? contentHash(version.content) : '',
      ...(review ? { review } : {}),
    },
    signatures,
    earlierRoundSignatures: earlier,
    revisions: await revisionHistory(tx, org.id, sop.id, version, lifecycle, reasonForChange),
    content: { ...parsed.data, titleBlock: { ...parsed.data.titleBlock, documentNumber: sop.docNumber } },
  };
}

export async function recordExport(tx: Tx, orgId: string, action: 'sop.exported' | 'sop.bulk_exported', targetId: string, data: Record<string, unknown>): Promise<void> {
  await tx.query("select private.record_event($1, $2, $3, $4, $5::jsonb)", [orgId, action, action === 'sop.exported' ? 'sop_versions' : 'organizations', targetId, JSON.stringify(data)]);
}
