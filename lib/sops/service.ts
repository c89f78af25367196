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
  /** The list's search relevance (null without q) and updated_at to the microsecond: its cursor. */
  rank?: number | null;
  updated_key?: string;
  next_review_at: Date | null;
  /** next_review_at to the microsecond, for the cursor (a Date would lose the microseconds, and a page would repeat). */
  next_review_key: string | null;
  review_due_date: string | null;
  review_days_left: number | null;
  review_state: ReviewState | null;
};

/** What a row of the list shows (toSummary): never the draft (6–14 KB a row). */
type SummaryRow = Omit<SopRow, 'draft_content' | 'draft_revision' | 'draft_updated_at' | 'created_at'>;

const SUMMARY_COLUMNS = `s.id, s.org_id, s.doc_number, s.title, s.department, s.status, s.owner_id,
         coalesce(nullif(p.full_name, ''), p.email, '') as owner_name,
         s.current_version_id, v.label as version_label, s.updated_at, rs.next_review_at,
         to_char(rs.next_review_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as next_review_key, ${reviewColumnsSql('rs')}`;
const SUMMARY_JOINS = `
    left join public.profiles p on p.id = s.owner_id
    left join public.sop_versions v on v.id = s.current_version_id
    left join public.sop_review_schedule rs on rs.sop_id = s.id`;

const SOP_SELECT = `
  select ${SUMMARY_COLUMNS}, s.draft_content, s.draft_revision, s.draft_updated_at, s.created_at
    from public.sops s ${SUMMARY_JOINS}`;

function toSummary(r: SummaryRow): SopSummary {
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

/** The cursor of the relevance order (search): ['relevance', rank, updated_at to the microsecond, id]. */
const ZRankCursor = z.tuple([z.literal('relevance'), z.number().finite(), z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), z.uuid()]);

export function encodeRankCursor(rank: number, updatedKey: string, id: string): string {
  return Buffer.from(JSON.stringify(['relevance', rank, updatedKey, id])).toString('base64url');
}

function decodeRankCursor(cursor: string): [number, string, string] {
  const parsed = ZRankCursor.safeParse(cursorJson(cursor));
  if (!parsed.success) throw new AppError('validation_failed', 'cursor: not a cursor this API returned for this search.');
  return [parsed.data[1], parsed.data[2], parsed.data[3]];
}

/**
 * What `q` matches and how it ranks: private.sop_search (supabase/migrations/20261206000200_search_index.sql)
 * — the words of the title, department and draft (full text, GIN on s.search), or a substring of
 * the title or of the document number (ilike, trigram GIN indexes), each answered by its index.
 * Rank: exact document number 3, title substring 2, number substring 1, plus ts_rank (title
 * words weigh more than department, department more than body). RLS still applies to the join.
 */
function searchSql(q: string, param: (value: unknown) => string): string {
  return `private.sop_search($1, ${param(q)}, ${param(likeLiteral(q))}) m join public.sops s on s.id = m.id`;
}

/**
 * One page of the list. The page's ids are chosen first, from public.sops alone (and the review
 * schedule when the filter or the order needs it), so that the joins for owner, version and
 * review run for the page only, never for every row of the organization.
 * Order: next_review when asked; with `q`, relevance (then newest first); else newest first.
 */
export async function listSops(tx: Tx, orgId: string, f: ListFilter): Promise<{ items: SopSummary[]; nextCursor: string | null }> {
  const where = ['s.org_id = $1'];
  const params: unknown[] = [orgId];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const add = (sql: string, value: unknown) => where.push(sql.replaceAll('$?', param(value)));
  const search = f.q ? searchSql(f.q, param) : null;
  // Obsolete SOPs stay readable but leave the default list (ISO 9001 7.5.3: prevent unintended use); ask for them by status.
  // Compared as text: the enum's = and <> are not LEAKPROOF, so under RLS the planner may not read
  // the column's statistics and guesses one row — then it sorts the whole organization for a page.
  if (f.status) add('s.status::text = $?', f.status);
  else where.push("s.status::text <> 'obsolete'");
  if (f.ownerId) add('s.owner_id = $?', f.ownerId);
  if (f.department) add('s.department = $?', f.department);
  if (f.review) where.push(reviewFilterSql('rs', f.review));
  const order = f.sort === 'next_review' ? 'next_review' : search ? 'relevance' : 'updated';
  if (f.cursor && order === 'next_review') {
    // Soonest first, unscheduled (null) last, then id: after (at, id) come later times, the same time with a larger id, and every null.
    const [at, id] = decodeReviewCursor(f.cursor);
    if (at === null) {
      add('(rs.next_review_at is null and s.id > $?::uuid)', id);
    } else {
      // ::text first: the driver would read the parameter as a Date and drop its microseconds.
      where.push(`(rs.next_review_at is null or (rs.next_review_at, s.id) > (${param(at)}::text::timestamptz, ${param(id)}::uuid))`);
    }
  } else if (f.cursor && order === 'relevance') {
    const [rank, at, id] = decodeRankCursor(f.cursor);
    where.push(`(m.rank, s.updated_at, s.id) < (${param(rank)}::float8, ${param(at)}::text::timestamptz, ${param(id)}::uuid)`);
  } else if (f.cursor) {
    const [at, id] = decodeCursor(f.cursor);
    where.push(`(s.updated_at, s.id) < (${param(at)}::timestamptz, ${param(id)}::uuid)`);
  }
  const withSchedule = order === 'next_review' || Boolean(f.review);
  const [inner, outer] = {
    next_review: ['rs.next_review_at asc nulls last, s.id asc', 'h.next_review_at asc nulls last, h.id asc'],
    relevance: ['rank desc, s.updated_at desc, s.id desc', 'h.rank desc, h.updated_at desc, h.id desc'],
    updated: ['s.updated_at desc, s.id desc', 'h.updated_at desc, h.id desc'],
  }[order];
  const rows = await tx.query<SummaryRow>(
    `select ${SUMMARY_COLUMNS}, h.rank, to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as updated_key
       from (select s.id, s.updated_at, ${search ? 'm.rank' : 'null::float8'} as rank, ${withSchedule ? 'rs.next_review_at' : 'null::timestamptz'} as next_review_at
               from ${search ?? 'public.sops s'} ${withSchedule ? 'left join public.sop_review_schedule rs on rs.sop_id = s.id' : ''}
              where ${where.join(' and ')}
              order by ${inner} limit ${param(f.limit + 1)}) h
       join public.sops s on s.id = h.id ${SUMMARY_JOINS}
      order by ${outer}`,
    params,
  );
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const more = rows.length > f.limit && last;
  const nextCursor = !more
    ? null
    : order === 'next_review'
      ? encodeReviewCursor(last.next_review_key, last.id)
      : order === 'relevance'
        ? encodeRankCursor(Number(last.rank), last.updated_key!, last.id)
        : encodeCursor(isoTime(last.updated_at), last.id);
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
