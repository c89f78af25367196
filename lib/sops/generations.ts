/**
 * Generation rows (one drafting run each), read and written inside withUser() like every
 * other user-scoped table: the run is recorded as the user who started it, and RLS applies.
 * Sections are stored as they arrive, so a closed tab, a cancel or a failure loses nothing.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { assertCan } from '@/lib/orgs/service';
import type { Redaction } from '@/lib/ai/scrub';
import type { TCitation } from './content';
import { fillPartial } from './prepare';
import { createVersion } from './service';

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

const iso = (d: unknown) => (d == null ? null : isoTime(d));

type Row = {
  id: string;
  org_id: string;
  sop_id: string;
  kind: GenerationKind;
  section: string;
  status: GenerationStatus;
  source: 'ai' | 'offline';
  input: Record<string, unknown>;
  redactions: Redaction[];
  partial_content: Record<string, unknown>;
  removed_citations: TCitation[];
  version_id: string | null;
  model: string;
  error_code: string;
  error_message: string;
  cancel_requested: boolean;
  created_by: string | null;
  created_at: Date;
  started_at: Date | null;
  first_section_at: Date | null;
  finished_at: Date | null;
};

function toGeneration(r: Row): Generation {
  return {
    id: r.id,
    orgId: r.org_id,
    sopId: r.sop_id,
    kind: r.kind,
    section: r.section,
    status: r.status,
    source: r.source,
    input: r.input,
    redactions: r.redactions,
    partialContent: r.partial_content,
    removedCitations: r.removed_citations,
    versionId: r.version_id,
    model: r.model,
    errorCode: r.error_code,
    errorMessage: r.error_message,
    cancelRequested: r.cancel_requested,
    createdBy: r.created_by,
    createdAt: iso(r.created_at)!,
    startedAt: iso(r.started_at),
    firstSectionAt: iso(r.first_section_at),
    finishedAt: iso(r.finished_at),
  };
}

export async function createGeneration(
  tx: Tx,
  args: { orgId: string; sopId: string; userId: string; kind: GenerationKind; section?: string; source: 'ai' | 'offline'; input: object; redactions: Redaction[] },
): Promise<Generation> {
  const [row] = await tx.query<Row>(
    `insert into public.generations (org_id, sop_id, kind, section, source, input, redactions, created_by)
     values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8) returning *`,
    [args.orgId, args.sopId, args.kind, args.section ?? '', args.source, JSON.stringify(args.input), JSON.stringify(args.redactions), args.userId],
  );
  return toGeneration(row!);
}

export async function getGeneration(tx: Tx, orgId: string, id: string): Promise<Generation | null> {
  const [row] = await tx.query<Row>('select * from public.generations where org_id = $1 and id = $2', [orgId, id]);
  return row ? toGeneration(row) : null;
}

export async function requireGeneration(tx: Tx, orgId: string, id: string): Promise<Generation> {
  const g = await getGeneration(tx, orgId, id);
  if (!g) throw new AppError('not_found', 'No such generation in this organization.');
  return g;
}

/** The latest generation of an SOP (to show progress or the last failure on its page). */
export async function latestGeneration(tx: Tx, orgId: string, sopId: string): Promise<Generation | null> {
  const [row] = await tx.query<Row>('select * from public.generations where org_id = $1 and sop_id = $2 order by created_at desc limit 1', [orgId, sopId]);
  return row ? toGeneration(row) : null;
}

export async function markRunning(tx: Tx, id: string, model: string): Promise<void> {
  await tx.query("update public.generations set status = 'running', started_at = now(), model = $2 where id = $1 and status = 'queued'", [id, model]);
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

export async function finishGeneration(
  tx: Tx,
  id: string,
  result: {
    status: 'succeeded' | 'failed' | 'cancelled';
    versionId?: string | null;
    removedCitations?: TCitation[];
    inputTokens?: number;
    outputTokens?: number;
    errorCode?: string;
    errorMessage?: string;
  },
): Promise<void> {
  await tx.query(
    `update public.generations
        set status = $2, version_id = $3, removed_citations = $4::jsonb, input_tokens = $5, output_tokens = $6,
            error_code = $7, error_message = left($8, 500), finished_at = now()
      where id = $1 and status in ('queued', 'running')`,
    [
      id,
      result.status,
      result.versionId ?? null,
      JSON.stringify(result.removedCitations ?? []),
      result.inputTokens ?? 0,
      result.outputTokens ?? 0,
      result.errorCode ?? '',
      result.errorMessage ?? '',
    ],
  );
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
  let rows: unknown[];
  try {
    rows = await tx.query('update public.generations set cancel_requested = true where org_id = $1 and id = $2 returning id', [orgId, id]);
  } catch (err) {
    throw databaseError(err, {
      '42501': new AppError('forbidden', CANNOT_CANCEL),
    });
  }
  if (rows.length === 0) throw new AppError('forbidden', CANNOT_CANCEL);
  return { ...g, cancelRequested: true };
}

/**
 * Close a run that stopped early (failure, Cancel, restart): the sections it wrote become an
 * incomplete draft version whose missing sections say so, and the run records why it stopped.
 * Returns that version's id (none when nothing was written).
 */
export async function closeWithPartial(
  tx: Tx,
  g: Generation,
  args: {
    authorId: string;
    partial: Record<string, unknown>;
    titleBlock: { title: string; documentNumber: string; department: string };
    status: 'failed' | 'cancelled';
    code: string;
    message: string;
    usage?: { inputTokens: number; outputTokens: number };
  },
): Promise<string | null> {
  let versionId: string | null = null;
  if (Object.keys(args.partial).length > 0) {
    const filled = fillPartial(args.partial, args.titleBlock);
    const v = await createVersion(tx, {
      orgId: g.orgId,
      sopId: g.sopId,
      authorId: args.authorId,
      content: filled.content,
      source: g.source,
      complete: false,
      changeSummary: `Incomplete draft (${args.code}). Not drafted: ${filled.missing.join(', ') || 'nothing'}.`,
      inputTokens: args.usage?.inputTokens,
      outputTokens: args.usage?.outputTokens,
    });
    versionId = v.id;
  }
  await finishGeneration(tx, g.id, {
    status: args.status,
    versionId,
    errorCode: args.code,
    errorMessage: args.message,
    inputTokens: args.usage?.inputTokens,
    outputTokens: args.usage?.outputTokens,
  });
  return versionId;
}
