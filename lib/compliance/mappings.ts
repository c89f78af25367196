/**
 * Which SOP addresses which clause (public.sop_clause_mappings): mapped by hand, taken from
 * the SOP's own references, or suggested (by Claude or keyword matching) and waiting for a
 * person to accept or reject it. Members read them; editors (sops.edit) add, accept and remove
 * them, by RLS. The table's triggers set the org, the people and the times, force a suggestion
 * to 'proposed' and everything else to 'accepted', and audit every change; this module checks
 * the clause against the library first and turns refusals into AppErrors.
 */
import { z } from 'zod';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { CURRENT_FRAMEWORK_CODES, findClause, getFramework, isKnownCitation } from '@/lib/library';
import { assertCan } from '@/lib/orgs/service';
import { zText } from '@/lib/security/sanitize';
import { ZSopParam } from '@/lib/sops/api-schemas';
import type { TSopContent } from '@/lib/sops/content';
import { requireSop, requireVersion } from '@/lib/sops/service';

export type MappingOrigin = 'manual' | 'references' | 'suggested';
export type SuggestionEngine = 'claude' | 'keywords';

export const ZMappingParam = ZSopParam.extend({ mappingId: z.uuid('mappingId must be a UUID.') });

/** POST …/mappings: one clause of a current library framework, picked by hand. */
export const ZAddMappingInput = z
  .object({
    framework: z.enum(CURRENT_FRAMEWORK_CODES, { message: `framework: use a code of a current edition from GET /api/v1/frameworks (${CURRENT_FRAMEWORK_CODES.join(', ')}).` }),
    clause: zText().trim().min(1, 'Choose a clause.').max(60, 'clause: at most 60 characters.'),
  })
  .strict();
export type TAddMappingInput = z.infer<typeof ZAddMappingInput>;

export interface Mapping {
  id: string;
  sopId: string;
  framework: string;
  /** The framework's short label ("ISO 9001"), or its code when the library no longer has it. */
  frameworkName: string;
  clause: string;
  /** The clause's title in the library, or '' when the library does not (or no longer) list it. */
  clauseTitle: string;
  /** Withdrawn by the publisher since it was mapped (still shown, never counted). */
  withdrawn: boolean;
  origin: MappingOrigin;
  status: 'proposed' | 'accepted';
  /** For a suggestion: which engine proposed it. */
  suggestedBy: SuggestionEngine | null;
  rationale: string;
  createdByName: string;
  createdAt: string;
  acceptedByName: string | null;
  acceptedAt: string | null;
}

type Row = {
  id: string;
  sop_id: string;
  framework: string;
  clause_id: string;
  origin: MappingOrigin;
  status: 'proposed' | 'accepted';
  suggested_by: SuggestionEngine | null;
  rationale: string;
  created_at: Date;
  accepted_at: Date | null;
  created_by_name: string | null;
  accepted_by_name: string | null;
};

const SELECT = `select m.id, m.sop_id, m.framework, m.clause_id, m.origin, m.status, m.suggested_by, m.rationale, m.created_at, m.accepted_at,
         coalesce(nullif(btrim(c.full_name), ''), c.email) as created_by_name,
         coalesce(nullif(btrim(a.full_name), ''), a.email) as accepted_by_name
    from public.sop_clause_mappings m
    left join public.profiles c on c.id = m.created_by
    left join public.profiles a on a.id = m.accepted_by`;

function toMapping(r: Row): Mapping {
  const clause = findClause(r.framework, r.clause_id);
  return {
    id: r.id,
    sopId: r.sop_id,
    framework: r.framework,
    frameworkName: getFramework(r.framework)?.shortName ?? r.framework,
    clause: r.clause_id,
    clauseTitle: clause?.title ?? '',
    withdrawn: Boolean(clause?.withdrawn),
    origin: r.origin,
    status: r.status,
    suggestedBy: r.suggested_by,
    rationale: r.rationale,
    createdByName: r.created_by_name ?? 'A former member',
    createdAt: isoTime(r.created_at),
    acceptedByName: r.status === 'accepted' ? (r.accepted_by_name ?? 'A former member') : null,
    acceptedAt: r.accepted_at ? isoTime(r.accepted_at) : null,
  };
}

export interface SopRef {
  orgId: string;
  sopId: string;
}

const CANNOT = 'Your role cannot map SOPs to frameworks in this organization. Ask an owner or admin to make you an author.';
const key = (framework: string, clause: string) => `${framework}\u0000${clause}`;
const ORDER = new Map(CURRENT_FRAMEWORK_CODES.map((c, i) => [c, i]));
const clauseOrder = (m: { framework: string; clause: string }) => getFramework(m.framework)?.clauses.findIndex((c) => c.id === m.clause) ?? 999;

/** The SOP's mappings, accepted and proposed, by framework (library order), then clause (document order). 404 for another org's SOP. */
export async function listMappings(tx: Tx, ref: SopRef): Promise<Mapping[]> {
  await requireSop(tx, ref.orgId, ref.sopId);
  const rows = await tx.query<Row>(`${SELECT} where m.org_id = $1 and m.sop_id = $2`, [ref.orgId, ref.sopId]);
  return rows
    .map(toMapping)
    .sort((a, b) => (ORDER.get(a.framework) ?? 999) - (ORDER.get(b.framework) ?? 999) || a.framework.localeCompare(b.framework) || clauseOrder(a) - clauseOrder(b) || a.clause.localeCompare(b.clause));
}

/** The keys ("framework NUL clause") of every mapping of the SOP, accepted or proposed. */
export async function mappedKeys(tx: Tx, ref: SopRef): Promise<Set<string>> {
  const rows = await tx.query<{ framework: string; clause_id: string }>('select framework, clause_id from public.sop_clause_mappings where org_id = $1 and sop_id = $2', [ref.orgId, ref.sopId]);
  return new Set(rows.map((r) => key(r.framework, r.clause_id)));
}
export { key as mappingKey };

/** The refusals a mapping write can meet, as AppErrors (anything else is rethrown). */
export function mappingRefused(err: unknown): unknown {
  return databaseError(err, {
    DC404: new AppError('not_found', 'No such SOP in this organization.'),
    DC409: new AppError('conflict', 'Only a proposed suggestion can be accepted; this one is already accepted.'),
    DC422: new AppError('unprocessable', 'That mapping does not fit this SOP.'),
    '23505': new AppError('conflict', 'That clause is already mapped to this SOP (or waiting as a suggestion).', { details: { reason: 'already_mapped' } }),
    '42501': new AppError('forbidden', CANNOT),
  });
}

async function insert(tx: Tx, ref: SopRef, m: { framework: string; clause: string; origin: MappingOrigin; rationale?: string; suggestedBy?: SuggestionEngine }): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    'insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin, rationale, suggested_by) values ($1, $2, $3, $4, $5, $6) returning id',
    [ref.sopId, m.framework, m.clause, m.origin, (m.rationale ?? '').slice(0, 1000), m.suggestedBy ?? null],
  );
  return row!.id;
}

async function requireMapping(tx: Tx, id: string): Promise<Mapping> {
  const [row] = await tx.query<Row>(`${SELECT} where m.id = $1`, [id]);
  if (!row) throw new AppError('not_found', 'No such mapping for this SOP.');
  return toMapping(row);
}

/** Map the SOP to a clause by hand: the framework must be a current edition, the clause one of its own and not withdrawn (422). 409 when it is already mapped or proposed. */
export async function addMapping(tx: Tx, ref: SopRef, input: TAddMappingInput): Promise<Mapping> {
  await requireSop(tx, ref.orgId, ref.sopId);
  await assertCan(tx, ref.orgId, 'sops.edit', CANNOT);
  const f = getFramework(input.framework);
  if (!f || f.status !== 'current') throw new AppError('unprocessable', `${input.framework} is not a current framework of the library.`);
  const clause = findClause(f.code, input.clause);
  if (!clause) throw new AppError('unprocessable', `${input.clause.trim()} is not a clause of ${f.shortName} in the library. Pick one from the list.`);
  if (clause.withdrawn) throw new AppError('unprocessable', `${f.shortName} ${clause.id} was withdrawn by the publisher (${clause.withdrawn.note}); map the clause that replaced it.`);
  try {
    return await requireMapping(tx, await insert(tx, ref, { framework: f.code, clause: clause.id, origin: 'manual' }));
  } catch (err) {
    throw mappingRefused(err);
  }
}

/** What the SOP says now: its working draft, else its current version (null when it has no content yet). */
export async function currentContent(tx: Tx, ref: SopRef): Promise<TSopContent | null> {
  const sop = await requireSop(tx, ref.orgId, ref.sopId);
  if (sop.draftContent) return sop.draftContent;
  return sop.currentVersionId ? (await requireVersion(tx, ref.orgId, ref.sopId, sop.currentVersionId)).content : null;
}

export interface FromReferences {
  added: Mapping[];
  /** References already mapped (or waiting as suggestions). */
  skipped: number;
  /** References that are not clauses of the library (or withdrawn ones). */
  unknown: number;
}

/** Map the clauses the SOP's content cites (its References section) that are clauses of the library; the rest are counted, not mapped. */
export async function mapFromReferences(tx: Tx, ref: SopRef): Promise<FromReferences> {
  const content = await currentContent(tx, ref);
  await assertCan(tx, ref.orgId, 'sops.edit', CANNOT);
  if (!content) throw new AppError('unprocessable', 'This SOP has no content yet, so it cites nothing to map.');
  const mapped = await mappedKeys(tx, ref);
  const seen = new Set<string>();
  const out: FromReferences = { added: [], skipped: 0, unknown: 0 };
  for (const r of content.references) {
    const c = { framework: r.framework.trim(), clause: r.clause.trim() };
    const k = key(c.framework, c.clause);
    if (seen.has(k)) continue;
    seen.add(k);
    if (!isKnownCitation(c)) out.unknown++;
    else if (mapped.has(k)) out.skipped++;
    else {
      try {
        out.added.push(await requireMapping(tx, await insert(tx, ref, { ...c, origin: 'references', rationale: r.reason ?? '' })));
      } catch (err) {
        throw mappingRefused(err);
      }
      mapped.add(k);
    }
  }
  return out;
}

export interface Proposal {
  framework: string;
  clause: string;
  reason: string;
}

/** Store suggestions as proposed (the trigger forces it), skipping clauses the SOP already has (mapped or proposed, even by a concurrent run). */
export async function storeSuggestions(tx: Tx, ref: SopRef, proposals: readonly Proposal[], engine: SuggestionEngine): Promise<{ added: Mapping[]; skipped: number }> {
  await requireSop(tx, ref.orgId, ref.sopId);
  await assertCan(tx, ref.orgId, 'sops.edit', CANNOT);
  const added: Mapping[] = [];
  let skipped = 0;
  for (const p of proposals) {
    try {
      const [row] = await tx.query<{ id: string }>(
        `insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin, rationale, suggested_by) values ($1, $2, $3, 'suggested', $4, $5)
         on conflict (sop_id, framework, clause_id) do nothing returning id`,
        [ref.sopId, p.framework, p.clause, p.reason.slice(0, 1000), engine],
      );
      if (row) added.push(await requireMapping(tx, row.id));
      else skipped++;
    } catch (err) {
      throw mappingRefused(err);
    }
  }
  return { added, skipped };
}

/** One statement on one mapping of this SOP, as an editor; 404 when it matches none. */
async function onMapping<R>(tx: Tx, ref: SopRef & { mappingId: string }, sql: string): Promise<R> {
  await requireSop(tx, ref.orgId, ref.sopId);
  await assertCan(tx, ref.orgId, 'sops.edit', CANNOT);
  let rows: R[];
  try {
    rows = await tx.query<R & Record<string, unknown>>(sql, [ref.mappingId, ref.orgId, ref.sopId]);
  } catch (err) {
    throw mappingRefused(err);
  }
  if (!rows.length) throw new AppError('not_found', 'No such mapping for this SOP.');
  return rows[0]!;
}

/** Accept a proposed suggestion (it becomes a mapping, accepted by the caller). 404 when it is not this SOP's; 409 when it is already accepted. */
export async function acceptMapping(tx: Tx, ref: SopRef & { mappingId: string }): Promise<Mapping> {
  await onMapping(tx, ref, "update public.sop_clause_mappings set status = 'accepted' where id = $1 and org_id = $2 and sop_id = $3 returning id");
  return requireMapping(tx, ref.mappingId);
}

/** Remove a mapping, or reject a suggestion (both delete it; the audit trail says which). 404 when it is not this SOP's. */
export async function removeMapping(tx: Tx, ref: SopRef & { mappingId: string }): Promise<{ rejected: boolean }> {
  const row = await onMapping<{ status: string }>(tx, ref, 'delete from public.sop_clause_mappings where id = $1 and org_id = $2 and sop_id = $3 returning status');
  return { rejected: row.status === 'proposed' };
}
