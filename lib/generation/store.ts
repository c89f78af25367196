/**
 * The generations table (one drafting run per row), read and written inside the caller's
 * transaction like every other user-scoped table: the run is recorded as the user who started
 * it, and RLS applies. Sections are stored as they arrive, so a closed tab, a cancel or a
 * failure loses nothing. closeRun() is the one way a run ends, with or without a version.
 */
import type { Redaction } from '@/lib/ai/scrub';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { assertCan } from '@/lib/orgs/service';
import type { TCitation, TSopContent } from '@/lib/sops/content';
import { fillPartial } from '@/lib/sops/prepare';
import { createVersion, requireSop } from '@/lib/sops/service';

export type GenerationStatus = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
export type GenerationKind = 'draft' | 'improve';

export interface Generation {
  id: string;
  orgId: string;
  sopId: string;
  kind: GenerationKind;
  section: string;
  status: GenerationStatus;
  source: 'ai' | 'offline';
  input: Record<string, unknown>;
  redactions: Redaction[];
  partialContent: Record<string, unknown>;
  removedCitations: TCitation[];
  versionId: string | null;
  model: string;
  errorCode: string;
  errorMessage: string;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  firstSectionAt: string | null;
  finishedAt: string | null;
}

export const FINISHED: readonly GenerationStatus[] = ['succeeded', 'failed', 'cancelled'];

export type TitleBlock = TSopContent['titleBlock'];
export interface Usage {
  inputTokens: number;
  outputTokens: number;
}

/** The columns of a Generation, named as its fields (the timestamps still as the driver returns them). */
const COLUMNS = `id, org_id as "orgId", sop_id as "sopId", kind, section, status, source, input, redactions,
  partial_content as "partialContent", removed_citations as "removedCitations", version_id as "versionId",
  model, error_code as "errorCode", error_message as "errorMessage", cancel_requested as "cancelRequested",
  created_by as "createdBy", created_at as "createdAt", started_at as "startedAt",
  first_section_at as "firstSectionAt", finished_at as "finishedAt"`;

type Times = 'createdAt' | 'startedAt' | 'firstSectionAt' | 'finishedAt';
type Row = Omit<Generation, Times> & Record<Times, unknown>;

function toGeneration(r: Row): Generation {
  const iso = (d: unknown) => (d == null ? null : isoTime(d));
  return { ...r, createdAt: isoTime(r.createdAt), startedAt: iso(r.startedAt), firstSectionAt: iso(r.firstSectionAt), finishedAt: iso(r.finishedAt) };
}

export async function createGeneration(
  tx: Tx,
  args: { orgId: string; sopId: string; userId: string; kind: GenerationKind; section?: string; source: 'ai' | 'offline'; input: object; redactions: Redaction[] },
): Promise<Generation> {
  const [row] = await tx.query<Row>(
    `insert into public.generations (org_id, sop_id, kind, section, source, input, redactions, created_by)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) returning ${COLUMNS}`,
    [args.orgId, args.sopId, args.kind, args.section ?? '', args.source, JSON.stringify(args.input), JSON.stringify(args.redactions), args.userId],
  );
  return toGeneration(row!);
}

export async function requireGeneration(tx: Tx, orgId: string, id: string): Promise<Generation> {
  const [row] = await tx.query<Row>(`select ${COLUMNS} from public.generations where org_id = $1 and id = $2`, [orgId, id]);
  if (!row) throw new AppError('not_found', 'No such generation in this organization.');
  return toGeneration(row);
}

/** The latest generation of an SOP (to show progress or the last failure on its page). */
export async function latestGeneration(tx: Tx, orgId: string, sopId: string): Promise<Generation | null> {
  const [row] = await tx.query<Row>(`select ${COLUMNS} from public.generations where org_id = $1 and sop_id = $2 order by created_at desc limit 1`, [orgId, sopId]);
  return row ? toGeneration(row) : null;
}

/**
 * The worker's claim on a queued run (service scope: worker_id and heartbeat_at are the
 * worker's alone). Null when the run is no longer queued: cancelled while it waited, or
 * already claimed by a worker that the queue has since given up on.
 */
export async function claimRun(tx: Tx, id: string, workerId: string, model: string): Promise<Generation | null> {
  const [row] = await tx.query<Row>(
    `update public.generations set status = 'running', started_at = now(), model = $3, worker_id = $2, heartbeat_at = now()
      where id = $1 and status = 'queued' and not cancel_requested returning ${COLUMNS}`,
    [id, workerId, model],
  );
  return row ? toGeneration(row) : null;
}

/** A heartbeat of the worker running a run; `alive` is false once the run is no longer running as this worker's. */
export async function heartbeat(tx: Tx, id: string, workerId: string): Promise<{ alive: boolean; cancelRequested: boolean }> {
  const [row] = await tx.query<{ cancel_requested: boolean }>(
    "update public.generations set heartbeat_at = now() where id = $1 and worker_id = $2 and status = 'running' returning cancel_requested",
    [id, workerId],
  );
  return { alive: !!row, cancelRequested: row?.cancel_requested ?? false };
}

/** Whether a run is running with no heartbeat for `staleSeconds`: its worker is gone. */
export async function isStale(tx: Tx, orgId: string, id: string, staleSeconds: number): Promise<boolean> {
  const [row] = await tx.query<{ stale: boolean }>(
    `select coalesce(heartbeat_at < now() - make_interval(secs => $3), true) as stale
       from public.generations where org_id = $1 and id = $2 and status = 'running'`,
    [orgId, id, staleSeconds],
  );
  return row?.stale ?? false;
}

/** Store a finished section; returns whether someone asked to cancel meanwhile. */
export async function recordSection(tx: Tx, id: string, key: string, value: unknown): Promise<{ cancelRequested: boolean }> {
  const [row] = await tx.query<{ cancel_requested: boolean }>(
    `update public.generations
        set partial_content = partial_content || jsonb_build_object($2::text, $3::jsonb),
            first_section_at = coalesce(first_section_at, now())
      where id = $1 returning cancel_requested`,
    [id, key, JSON.stringify(value)],
  );
  return { cancelRequested: row?.cancel_requested ?? false };
}

const CANNOT_CANCEL = 'Your role cannot cancel drafting in this organization: only people who may edit its SOPs can.';

/**
 * Record a Cancel. Only a role that may edit SOPs may cancel (403 otherwise, finished run or
 * not); the permission is checked first because RLS would let the update match no row and say
 * nothing. `cancelRequested` in the result is true only when the request was recorded, and only
 * then may the caller stop the run.
 */
export async function requestCancel(tx: Tx, orgId: string, id: string): Promise<Generation> {
  const g = await requireGeneration(tx, orgId, id);
  await assertCan(tx, orgId, 'sops.edit', CANNOT_CANCEL);
  if (FINISHED.includes(g.status)) return g;
  let rows: { status: GenerationStatus }[];
  try {
    rows = await tx.query('update public.generations set cancel_requested = true where org_id = $1 and id = $2 returning status', [orgId, id]);
  } catch (err) {
    throw databaseError(err, {
      '42501': new AppError('forbidden', CANNOT_CANCEL),
    });
  }
  if (rows.length === 0) throw new AppError('forbidden', CANNOT_CANCEL);
  if (rows[0]!.status === 'queued') {
    // No worker has it yet (the row is locked now, so none can claim it): it ends here, and the
    // worker that fetches its job finds nothing to do.
    await closeRun(tx, g, { authorId: g.createdBy ?? '', status: 'cancelled', code: 'cancelled', message: CANCELLED_BEFORE_START });
    return { ...g, status: 'cancelled', cancelRequested: true };
  }
  return { ...g, cancelRequested: true };
}

const CANCELLED_BEFORE_START = 'Drafting was cancelled before it started. Nothing was written.';

/**
 * End a run: save the version it produced (if any) as the person who started it, and record
 * how it ended. A run that already ended stays as it was. Returns the version's id.
 */
export async function closeRun(
  tx: Tx,
  g: Generation,
  end: {
    authorId: string;
    status: 'succeeded' | 'failed' | 'cancelled';
    version?: { content: TSopContent; changeSummary: string; complete?: boolean; model?: string };
    removedCitations?: TCitation[];
    code?: string;
    message?: string;
    usage?: Usage;
  },
): Promise<string | null> {
  // Lock the row and end only a run that is still open: a run closed meanwhile (as interrupted
  // while its worker stalled, or cancelled while queued) gets no second version.
  const [open] = await tx.query('select 1 from public.generations where id = $1 and status in (\'queued\', \'running\') for update', [g.id]);
  if (!open) return null;
  const tokens = { inputTokens: end.usage?.inputTokens, outputTokens: end.usage?.outputTokens };
  const version = end.version && (await createVersion(tx, { orgId: g.orgId, sopId: g.sopId, authorId: end.authorId, source: g.source, ...end.version, ...tokens }));
  await tx.query(
    `update public.generations
        set status = $2, version_id = $3, removed_citations = $4::jsonb, input_tokens = $5, output_tokens = $6,
            error_code = $7, error_message = left($8, 500), finished_at = now()
      where id = $1 and status in ('queued', 'running')`,
    [g.id, end.status, version?.id ?? null, JSON.stringify(end.removedCitations ?? []), tokens.inputTokens ?? 0, tokens.outputTokens ?? 0, end.code ?? '', end.message ?? ''],
  );
  return version?.id ?? null;
}

/**
 * Close a run that stopped early (failure, Cancel, restart): the sections it wrote become an
 * incomplete draft version whose missing sections say so, and the run records why it stopped.
 * Returns that version's id (none when nothing was written).
 */
export async function closeWithPartial(
  tx: Tx,
  g: Generation,
  args: { authorId: string; partial: Record<string, unknown>; titleBlock: TitleBlock; status: 'failed' | 'cancelled'; code: string; message: string; usage?: Usage },
): Promise<string | null> {
  const { partial, titleBlock, ...end } = args;
  if (Object.keys(partial).length === 0) return closeRun(tx, g, end);
  const filled = fillPartial(partial, titleBlock);
  const changeSummary = `Incomplete draft (${args.code}). Not drafted: ${filled.missing.join(', ') || 'nothing'}.`;
  return closeRun(tx, g, { ...end, version: { content: filled.content, changeSummary, complete: false } });
}

/** The title block a stopped draft's incomplete version carries, from its SOP as it is now. */
async function titleBlockOf(tx: Tx, g: Generation): Promise<TitleBlock> {
  const sop = await requireSop(tx, g.orgId, g.sopId);
  return { title: sop.title, documentNumber: sop.docNumber, department: sop.department };
}

export const INTERRUPTED = 'Drafting was interrupted: the server running it stopped. What was written is kept; retry to finish it.';

/**
 * Close a run whose worker is gone (stale heartbeat), keeping what it wrote, as the viewer who
 * found it; returns the run as it now is. A viewer whose role cannot edit leaves it for one who can.
 */
export async function closeInterrupted(tx: Tx, authorId: string, g: Generation): Promise<Generation> {
  const [can] = await tx.query<{ ok: boolean }>("select private.can($1, 'sops.edit') as ok", [g.orgId]);
  if (!can?.ok) return g;
  await closeWithPartial(tx, g, {
    authorId,
    partial: g.kind === 'draft' ? g.partialContent : {},
    titleBlock: await titleBlockOf(tx, g),
    status: 'failed',
    code: 'interrupted',
    message: INTERRUPTED,
  });
  return requireGeneration(tx, g.orgId, g.id);
}
