/**
 * SOP operations, each taking the open withUser() transaction: RLS decides visibility and
 * who may write; these functions translate refusals into AppErrors a person can act on.
 * Content is validated with the zod schema before every write (the caller passes
 * TSopContent that went through it, e.g. prepareContent()).
 *
 * An update that RLS refuses matches no row rather than failing, which would read as "someone
 * else saved" (409); so every write first asks private.can() — the check RLS makes — in the
 * same transaction, and a role that may not edit gets 403 whatever revision it names.
 */
import { z } from 'zod';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { assertCan } from '@/lib/orgs/service';
import { reviewColumnsSql, reviewFilterSql, type ReviewState } from '@/lib/review/service';
import type { TSopContent } from './content';
import { revisionOf } from './etag';
import { prepareContent } from './prepare';
import { renderSopHtml } from './render-html';

export const SOP_STATUSES = ['draft', 'in_review', 'approved', 'effective', 'obsolete'] as const;
export type SopStatus = (typeof SOP_STATUSES)[number];
export type VersionSource = 'ai' | 'offline' | 'manual';

export interface SopSummary {
  id: string;
  docNumber: string;
  title: string;
  department: string;
  status: SopStatus;
  ownerId: string | null;
  ownerName: string;
  currentVersionLabel: string | null;
  updatedAt: string;
  /** The next periodic review (public.sop_review_schedule, against the database clock); null when not scheduled (not effective, or exempt). */
  review: { nextReviewAt: string; dueDate: string; daysLeft: number; state: ReviewState } | null;
}

export interface SopDetail extends SopSummary {
  orgId: string;
  draftContent: TSopContent | null;
  draftRevision: number;
  draftUpdatedAt: string;
  currentVersionId: string | null;
  createdAt: string;
}

export interface VersionMeta {
  id: string;
  sopId: string;
  seq: number;
  label: string;
  changeSummary: string;
  source: VersionSource;
  complete: boolean;
  model: string;
  inputTokens: number;
  outputTokens: number;
  authorId: string | null;
  authorName: string;
  createdAt: string;
}

export interface Version extends VersionMeta {
  content: TSopContent;
  html: string;
}


type SopRow = {
  id: string;
  org_id: string;
  doc_number: string;
  title: string;
  department: string;
  status: SopStatus;
  owner_id: string | null;
  owner_name: string | null;
  current_version_id: string | null;
  version_label: string | null;
  draft_content: TSopContent | null;
  draft_revision: number;
  draft_updated_at: Date;
  created_at: Date;
  updated_at: Date;
  next_review_at: Date | null;
  /** next_review_at to the microsecond, for the cursor (a Date would lose the microseconds, and a page would repeat). */
  next_review_key: string | null;
  review_due_date: string | null;
  review_days_left: number | null;
  review_state: ReviewState | null;
};

const SOP_SELECT = `
  select s.id, s.org_id, s.doc_number, s.title, s.department, s.status, s.owner_id,
         coalesce(nullif(p.full_name, ''), p.email, '') as owner_name,
         s.current_version_id, v.label as version_label, s.draft_content, s.draft_revision,
         s.draft_updated_at, s.created_at, s.updated_at, rs.next_review_at,
         to_char(rs.next_review_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as next_review_key, ${reviewColumnsSql('rs')}
    from public.sops s
    left join public.profiles p on p.id = s.owner_id
    left join public.sop_versions v on v.id = s.current_version_id
    left join public.sop_review_schedule rs on rs.sop_id = s.id`;

function toSummary(r: SopRow): SopSummary {
  return {
    id: r.id,
    docNumber: r.doc_number,
    title: r.title,
    department: r.department,
    status: r.status,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? '',
    currentVersionLabel: r.version_label,
    updatedAt: isoTime(r.updated_at),
    review:
      r.next_review_at && r.review_due_date && r.review_state
        ? { nextReviewAt: isoTime(r.next_review_at), dueDate: r.review_due_date, daysLeft: Number(r.review_days_left), state: r.review_state }
        : null,
  };
}

function toDetail(r: SopRow): SopDetail {
  return {
    ...toSummary(r),
    orgId: r.org_id,
    draftContent: r.draft_content,
    draftRevision: Number(r.draft_revision),
    draftUpdatedAt: isoTime(r.draft_updated_at),
    currentVersionId: r.current_version_id,
    createdAt: isoTime(r.created_at),
  };
}


const CANNOT_EDIT = 'Your role cannot edit SOPs in this organization. Ask an owner or admin to make you an author.';

/** 403 unless the caller may edit this organization's SOPs. */
export function assertCanEdit(tx: Tx, orgId: string): Promise<void> {
  return assertCan(tx, orgId, 'sops.edit', CANNOT_EDIT);
}

function refused(err: unknown, message: string): never {
  throw databaseError(err, {
    '42501': new AppError('forbidden', message),
  });
}

export async function createSop(
  tx: Tx,
  args: { orgId: string; userId: string; title: string; department?: string; content?: TSopContent | null },
): Promise<SopDetail> {
  try {
    const [row] = await tx.query<{ id: string }>(
      `insert into public.sops (org_id, title, department, owner_id, draft_content, created_by)
       values ($1, $2, $3, $4, $5::jsonb, $4) returning id`,
      [args.orgId, args.title, args.department ?? '', args.userId, args.content ? JSON.stringify(args.content) : null],
    );
    return await requireSop(tx, args.orgId, row!.id);
  } catch (err) {
    refused(err, 'Your role cannot create SOPs in this organization. Ask an owner or admin.');
  }
}

/** The SOP in this org, or 404 (not visible, another org's, or no such id). */
export async function requireSop(tx: Tx, orgId: string, sopId: string): Promise<SopDetail> {
  const [row] = await tx.query<SopRow>(`${SOP_SELECT} where s.org_id = $1 and s.id = $2`, [orgId, sopId]);
  if (!row) throw new AppError('not_found', 'No such SOP in this organization.');
  return toDetail(row);
}

export interface ListFilter {
  q?: string;
  status?: SopStatus;
  ownerId?: string;
  department?: string;
  /** Periodic review: overdue, or due within 30 days and not yet overdue. */
  review?: 'overdue' | 'due30';
  /** updated (default): newest change first; next_review: soonest review first, unscheduled last. */
  sort?: 'updated' | 'next_review';
  cursor?: string;
  limit: number;
}

/** Cursor = the last row's (updated_at, id), opaque to clients. */
export function encodeCursor(updatedAt: string, id: string): string {
  return Buffer.from(JSON.stringify([updatedAt, id])).toString('base64url');
}

/**
 * Exactly what encodeCursor writes: a canonical UTC time Postgres accepts (years 1–9999) and a
 * UUID. Anything else — a 36-dash "uuid", "1" as the time — is refused here, not by Postgres.
 */
const ZCursorTime = z.iso.datetime().refine((t) => {
  const d = new Date(t);
  return !Number.isNaN(d.getTime()) && d.toISOString() === t && d.getUTCFullYear() >= 1;
});
const ZCursor = z.tuple([ZCursorTime, z.uuid()]);

/** The cursor of the next_review order: ['next_review', the last row's next review time or null (unscheduled), its id]. */
const ZReviewCursor = z.tuple([z.literal('next_review'), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/).nullable(), z.uuid()]);

export function encodeReviewCursor(nextReviewAt: string | null, id: string): string {
  return Buffer.from(JSON.stringify(['next_review', nextReviewAt, id])).toString('base64url');
}

function cursorJson(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}

function decodeReviewCursor(cursor: string): [string | null, string] {
  const parsed = ZReviewCursor.safeParse(cursorJson(cursor));
  if (!parsed.success) throw new AppError('validation_failed', 'cursor: not a cursor this API returned for sort=next_review.');
  return [parsed.data[1], parsed.data[2]];
}

function decodeCursor(cursor: string): [string, string] {
  const value = cursorJson(cursor);
  const parsed = ZCursor.safeParse(value);
  if (!parsed.success) throw new AppError('validation_failed', 'cursor: not a cursor this API returned.');
  return parsed.data;
}

/** A LIKE pattern that matches `text` literally (its \\, % and _ escaped). */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, '\\$&');

export async function listSops(tx: Tx, orgId: string, f: ListFilter): Promise<{ items: SopSummary[]; nextCursor: string | null }> {
  const where = ['s.org_id = $1'];
  const params: unknown[] = [orgId];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('$?', `$${params.length}`));
  };
  if (f.q) {
    params.push(f.q, likeLiteral(f.q));
    where.push(`(s.search @@ websearch_to_tsquery('english', $${params.length - 1}) or s.doc_number ilike $${params.length} or s.title ilike '%' || $${params.length} || '%')`);
  }
  // Obsolete SOPs stay readable but leave the default list (ISO 9001 7.5.3: prevent unintended use); ask for them by status.
  if (f.status) add('s.status = $?', f.status);
  else where.push("s.status <> 'obsolete'");
  if (f.ownerId) add('s.owner_id = $?', f.ownerId);
  if (f.department) add('s.department = $?', f.department);
  if (f.review) where.push(reviewFilterSql('rs', f.review));
  const byReview = f.sort === 'next_review';
  if (f.cursor && byReview) {
    // Soonest first, unscheduled (null) last, then id: after (at, id) come later times, the same time with a larger id, and every null.
    const [at, id] = decodeReviewCursor(f.cursor);
    if (at === null) {
      add('(rs.next_review_at is null and s.id > $?::uuid)', id);
    } else {
      params.push(at, id);
      // ::text first: the driver would read the parameter as a Date and drop its microseconds.
      where.push(`(rs.next_review_at is null or (rs.next_review_at, s.id) > ($${params.length - 1}::text::timestamptz, $${params.length}::uuid))`);
    }
  } else if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    params.push(at, id);
    where.push(`(s.updated_at, s.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(f.limit + 1);
  const order = byReview ? 'rs.next_review_at asc nulls last, s.id asc' : 's.updated_at desc, s.id desc';
  const rows = await tx.query<SopRow>(`${SOP_SELECT} where ${where.join(' and ')} order by ${order} limit $${params.length}`, params);
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const more = rows.length > f.limit && last;
  const nextCursor = !more ? null : byReview ? encodeReviewCursor(last.next_review_key, last.id) : encodeCursor(isoTime(last.updated_at), last.id);
  return { items: page.map(toSummary), nextCursor };
}

export async function listDepartments(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.query<{ department: string }>(
    "select distinct department from public.sops where org_id = $1 and department <> '' order by 1",
    [orgId],
  );
  return rows.map((r) => r.department);
}

/**
 * Save the working draft if the caller saw the latest revision; otherwise 409 with the
 * current text, so that the page can show both and nothing is lost.
 */
export async function saveDraft(
  tx: Tx,
  args: { orgId: string; sopId: string; expectedRevision: number; title?: string; department?: string; content?: TSopContent },
): Promise<SopDetail> {
  const current = await requireSop(tx, args.orgId, args.sopId);
  await assertCanEdit(tx, args.orgId);
  if (current.draftRevision !== args.expectedRevision) {
    throw new ConflictError(current);
  }
  try {
    const rows = await tx.query<{ id: string }>(
      `update public.sops set title = coalesce($3, title), department = coalesce($4, department),
              draft_content = coalesce($5::jsonb, draft_content)
        where org_id = $1 and id = $2 and draft_revision = $6 returning id`,
      [args.orgId, args.sopId, args.title ?? null, args.department ?? null, args.content ? JSON.stringify(args.content) : null, args.expectedRevision],
    );
    if (rows.length === 0) throw new ConflictError(await requireSop(tx, args.orgId, args.sopId));
  } catch (err) {
    if (err instanceof ConflictError) throw err;
    refused(err, CANNOT_EDIT);
  }
  return requireSop(tx, args.orgId, args.sopId);
}

export class ConflictError extends AppError {
  constructor(readonly current: SopDetail) {
    super('conflict', 'Someone else saved this SOP after you opened it. Compare the two texts and save again.');
  }
}

export function parseIfMatch(header: string | null): number {
  const revision = revisionOf(header);
  if (revision === null) throw new AppError('bad_request', 'Send If-Match with the ETag you received (for example "r3") so that no one else\'s edit is overwritten.', { status: 428 });
  return revision;
}

type VersionRow = {
  id: string;
  sop_id: string;
  seq: number;
  label: string;
  change_summary: string;
  source: VersionSource;
  complete: boolean;
  model: string;
  input_tokens: number;
  output_tokens: number;
  author_id: string | null;
  author_name: string | null;
  created_at: Date;
  content?: TSopContent;
  html?: string;
};

function toVersionMeta(r: VersionRow): VersionMeta {
  return {
    id: r.id,
    sopId: r.sop_id,
    seq: Number(r.seq),
    label: r.label,
    changeSummary: r.change_summary,
    source: r.source,
    complete: r.complete,
    model: r.model,
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    authorId: r.author_id,
    authorName: r.author_name ?? '',
    createdAt: isoTime(r.created_at),
  };
}

const VERSION_META = `v.id, v.sop_id, v.seq, v.label, v.change_summary, v.source, v.complete, v.model,
  v.input_tokens, v.output_tokens, v.author_id, coalesce(nullif(p.full_name, ''), p.email, '') as author_name, v.created_at`;

/**
 * A new immutable version (0.1, 0.2 … while the SOP is a draft) that also becomes the SOP's
 * current version and working draft. `content` must already be validated and sanitized
 * (lib/sops/prepare). The revision history is the system's, not the author's: the previous
 * version's history plus this version's entry; the stored HTML is rendered from the result.
 */
export async function createVersion(
  tx: Tx,
  args: {
    orgId: string;
    sopId: string;
    authorId: string;
    content: TSopContent;
    source: VersionSource;
    complete?: boolean;
    changeSummary?: string;
    model?: string;
    inputTokens?: number;
    outputTokens?: number;
  },
): Promise<VersionMeta> {
  await assertCanEdit(tx, args.orgId);
  try {
    const [prev] = await tx.query<{ seq: number; history: TSopContent['revisionHistory'] | null }>(
      `select seq, content -> 'revisionHistory' as history from public.sop_versions where org_id = $1 and sop_id = $2 order by seq desc limit 1`,
      [args.orgId, args.sopId],
    );
    const label = `0.${Number(prev?.seq ?? 0) + 1}`;
    const summary = args.changeSummary?.trim() || 'New version';
    const content: TSopContent = {
      ...args.content,
      revisionHistory: [...(prev?.history ?? []), { version: label, date: new Date().toISOString().slice(0, 10), change: summary.slice(0, 4000), reason: '' }].slice(-100),
    };
    const [row] = await tx.query<{ id: string }>(
      `insert into public.sop_versions (org_id, sop_id, label, content, html, change_summary, source, complete, model, input_tokens, output_tokens, author_id)
       values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9, $10, $11, $12) returning id`,
      [
        args.orgId,
        args.sopId,
        label,
        JSON.stringify(content),
        renderSopHtml(content),
        summary.slice(0, 1000),
        args.source,
        args.complete ?? true,
        args.model ?? '',
        args.inputTokens ?? 0,
        args.outputTokens ?? 0,
        args.authorId,
      ],
    );
    await tx.query('update public.sops set current_version_id = $3, draft_content = $4::jsonb where org_id = $1 and id = $2', [
      args.orgId,
      args.sopId,
      row!.id,
      JSON.stringify(content),
    ]);
    return (await getVersionMeta(tx, args.orgId, args.sopId, row!.id))!;
  } catch (err) {
    refused(err, 'Your role cannot save versions of SOPs in this organization.');
  }
}

/**
 * "Save version": the working draft as the caller saw it (If-Match revision) becomes a new
 * version. 403 before anything else for a role that may not edit; 409 when the draft changed.
 */
export async function saveDraftAsVersion(
  tx: Tx,
  args: { orgId: string; sopId: string; authorId: string; expectedRevision: number; changeSummary: string },
): Promise<{ version: VersionMeta; sop: SopDetail }> {
  const sop = await requireSop(tx, args.orgId, args.sopId);
  await assertCanEdit(tx, args.orgId);
  if (sop.draftRevision !== args.expectedRevision) throw new ConflictError(sop);
  if (!sop.draftContent) throw new AppError('unprocessable', 'This SOP has no content to save as a version yet.');
  const version = await createVersion(tx, { orgId: args.orgId, sopId: sop.id, authorId: args.authorId, content: prepareContent(sop.draftContent), source: 'manual', changeSummary: args.changeSummary });
  return { version, sop: await requireSop(tx, args.orgId, sop.id) };
}

async function getVersionMeta(tx: Tx, orgId: string, sopId: string, versionId: string): Promise<VersionMeta | null> {
  const [row] = await tx.query<VersionRow>(
    `select ${VERSION_META} from public.sop_versions v left join public.profiles p on p.id = v.author_id
      where v.org_id = $1 and v.sop_id = $2 and v.id = $3`,
    [orgId, sopId, versionId],
  );
  return row ? toVersionMeta(row) : null;
}

export async function listVersions(tx: Tx, orgId: string, sopId: string): Promise<VersionMeta[]> {
  const rows = await tx.query<VersionRow>(
    `select ${VERSION_META} from public.sop_versions v left join public.profiles p on p.id = v.author_id
      where v.org_id = $1 and v.sop_id = $2 order by v.seq desc`,
    [orgId, sopId],
  );
  return rows.map(toVersionMeta);
}

export async function requireVersion(tx: Tx, orgId: string, sopId: string, versionId: string): Promise<Version> {
  const [row] = await tx.query<VersionRow>(
    `select ${VERSION_META}, v.content, v.html from public.sop_versions v left join public.profiles p on p.id = v.author_id
      where v.org_id = $1 and v.sop_id = $2 and v.id = $3`,
    [orgId, sopId, versionId],
  );
  if (!row) throw new AppError('not_found', 'No such version of this SOP.');
  return { ...toVersionMeta(row), content: row.content!, html: row.html ?? '' };
}
