/**
 * Stored gap analyses (public.sop_gap_analyses: editors insert, members read, append-only;
 * the database sets org, person and time, checks the version is this SOP's, and audits each
 * run). Every function takes the caller's transaction.
 *
 * A run is planned in the request's transaction (planGapAnalysis: permission, framework, the
 * SOP's current saved version, the engine, the organization's rate, and for Claude the text
 * scrubbed exactly as drafting scrubs it), and stored in a transaction of its own after the
 * model answered (lib/compliance/gap-run.ts); the offline engine needs no network and stores
 * in the request's transaction.
 */
import { z } from 'zod';
import { claudeFor, scrubForImprove } from '@/lib/generation/start';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { CURRENT_FRAMEWORK_CODES, getFramework, leafClauses, type Framework } from '@/lib/library';
import { getDocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import { assertCanEdit, requireSop, requireVersion } from '@/lib/sops/service';
import type { RateLimitRule } from '@/lib/ratelimit/types';
import { flattenSop, ZGapResult, type GapResult, type LocatedSentence } from './gap-analysis';

/** Per person (the rate limiter, on the route) and per organization (counted from its stored Claude runs), as for drafting. */
export const GAP_PER_USER: RateLimitRule = { name: 'gap-analysis-user', limit: 10, windowSeconds: 600 };
export const GAP_PER_ORG: RateLimitRule = { name: 'gap-analysis-org', limit: 40, windowSeconds: 600 };

const ZFrameworkCode = z.enum(CURRENT_FRAMEWORK_CODES, { message: `framework: use a code of a current library framework from GET /api/v1/frameworks (${CURRENT_FRAMEWORK_CODES.join(', ')}).` });

export const ZGapAnalysisInput = z
  .object({
    framework: ZFrameworkCode,
    engine: z.enum(['auto', 'offline'], 'engine is auto (Claude when AI processing is on, else offline) or offline.').default('auto').describe('auto: Claude when AI processing is on for the organization and the server, else the offline keyword analysis; offline: always the keyword analysis.'),
  })
  .strict();
export type GapAnalysisInput = z.infer<typeof ZGapAnalysisInput>;

export const ZGapAnalysesQuery = z.object({
  framework: ZFrameworkCode.optional().describe('Every analysis against this framework, newest first (default: the latest analysis per framework).'),
});

export type GapEngine = 'claude' | 'offline';

export interface GapAnalysis {
  id: string;
  sopId: string;
  framework: string;
  engine: GapEngine;
  /** The Claude model that answered; "offline" for the keyword analysis. */
  model: string;
  /** The saved version analysed (null: the SOP had none, its working draft was analysed). */
  versionId: string | null;
  versionLabel: string | null;
  createdBy: string | null;
  createdByName: string;
  createdAt: string;
  result: GapResult;
}

/** What a run needs once its transaction has committed. `sentences` are what the engine reads (for Claude: scrubbed). */
export interface GapPlan {
  orgId: string;
  sopId: string;
  versionId: string | null;
  framework: Framework;
  engine: GapEngine;
  title: string;
  sentences: LocatedSentence[];
  claude: { apiKey: string; baseUrl?: string; model: string } | null;
}

type Row = {
  id: string;
  sop_id: string;
  framework: string;
  engine: GapEngine;
  model: string;
  version_id: string | null;
  version_label: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: Date;
  result: unknown;
};

const SELECT = `select g.id, g.sop_id, g.framework, g.engine, g.model, g.version_id, v.label as version_label, g.created_by,
         coalesce(nullif(p.full_name, ''), p.email, 'Former member') as created_by_name, g.created_at, g.result
    from public.sop_gap_analyses g
    left join public.sop_versions v on v.id = g.version_id
    left join public.profiles p on p.id = g.created_by`;

const EMPTY: GapResult = { addressed: [], gaps: [], flagged: [] };

function toAnalysis(r: Row): GapAnalysis {
  const parsed = ZGapResult.safeParse(r.result);
  return {
    id: r.id,
    sopId: r.sop_id,
    framework: r.framework,
    engine: r.engine,
    model: r.model,
    versionId: r.version_id,
    versionLabel: r.version_label,
    createdBy: r.created_by,
    createdByName: r.created_by ? (r.created_by_name ?? 'Former member') : 'Unknown',
    createdAt: isoTime(r.created_at),
    result: parsed.success ? parsed.data : EMPTY,
  };
}

/** The framework to analyse against: a current one of the library, with clauses (422 for one that ships none yet). */
export function analysableFramework(code: string): Framework {
  const f = getFramework(code);
  if (!f || f.status !== 'current') throw new AppError('bad_request', `${code} is not a current framework of the library.`);
  if (leafClauses(f).length === 0) throw new AppError('unprocessable', `${f.shortName} has no clauses in the library yet, so an SOP cannot be analysed against it.`);
  return f;
}

/** Which engine answers: Claude only when asked for `auto` and AI processing is on for this server and organization. */
function engineFor(input: GapAnalysisInput, aiAllowed: boolean): GapPlan['claude'] {
  const ai = input.engine === 'auto' ? claudeFor({ aiAllowed }) : null;
  return ai ? { apiKey: ai.apiKey, ...(ai.baseUrl && { baseUrl: ai.baseUrl }), model: ai.model } : null;
}

/** At most GAP_PER_ORG Claude runs per organization in its window, counted from the stored ones (concurrent checks one after the other). */
async function admitClaude(tx: Tx, orgId: string): Promise<void> {
  const { limit, windowSeconds } = GAP_PER_ORG;
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1::text, 7425))', [orgId]);
  const [recent] = await tx.query<{ n: number; wait: number | null }>(
    `select count(*)::int as n, ceil(extract(epoch from min(created_at) + make_interval(secs => $2) - now()))::int as wait
       from (select created_at from public.sop_gap_analyses
              where org_id = $1 and engine = 'claude' and created_at > now() - make_interval(secs => $2)
              order by created_at desc limit $3) as last`,
    [orgId, windowSeconds, limit],
  );
  if (recent && recent.n >= limit) {
    const wait = Math.max(1, recent.wait ?? 1);
    throw new AppError('rate_limited', `Too many gap analyses with Claude in this organization. Try again in ${wait} seconds, or run the offline keyword analysis.`, { headers: { 'Retry-After': String(wait) } });
  }
}

/**
 * Everything a run needs, read in the request's transaction: 403 for a role that may not edit,
 * 404 for an SOP the caller cannot see, 422 for a framework without clauses or an SOP without
 * content. The analysed text is the SOP's current saved version (its working draft when it has
 * none); for Claude it is scrubbed as drafting scrubs it (scrubForImprove, the organization's
 * sensitive terms), and the answer is checked against that scrubbed text.
 */
export async function planGapAnalysis(tx: Tx, org: OrgSummary, sopId: string, input: GapAnalysisInput): Promise<GapPlan> {
  const sop = await requireSop(tx, org.id, sopId);
  await assertCanEdit(tx, org.id);
  const framework = analysableFramework(input.framework);
  const version = sop.currentVersionId ? await requireVersion(tx, org.id, sop.id, sop.currentVersionId) : null;
  const content = version?.content ?? sop.draftContent;
  if (!content) throw new AppError('unprocessable', 'This SOP has no content yet to analyse.');
  const settings = await getDocumentSettings(tx, org.id);
  const claude = engineFor(input, settings.aiAllowed);
  if (claude) await admitClaude(tx, org.id);
  const analysed = claude ? scrubForImprove(content, '', settings.sensitiveTerms).content : content;
  return {
    orgId: org.id,
    sopId: sop.id,
    versionId: version?.id ?? null,
    framework,
    engine: claude ? 'claude' : 'offline',
    title: analysed.titleBlock.title,
    sentences: flattenSop(analysed),
    claude,
  };
}

export async function storeGapAnalysis(tx: Tx, plan: GapPlan, result: GapResult, model: string): Promise<GapAnalysis> {
  try {
    const [row] = await tx.query<{ id: string }>(
      'insert into public.sop_gap_analyses (sop_id, version_id, framework, engine, model, result) values ($1, $2, $3, $4, $5, $6::jsonb) returning id',
      [plan.sopId, plan.versionId, plan.framework.code, plan.engine, model.slice(0, 100), JSON.stringify(ZGapResult.parse(result))],
    );
    const [stored] = await tx.query<Row>(`${SELECT} where g.id = $1`, [row!.id]);
    return toAnalysis(stored!);
  } catch (err) {
    throw databaseError(err, {
      DC404: new AppError('not_found', 'No such SOP.'),
      DC422: new AppError('unprocessable', 'The analysed version is not a version of this SOP.'),
      '42501': new AppError('forbidden', 'Your role cannot run gap analyses in this organization. Ask an owner or admin to make you an author.'),
    });
  }
}

/** The latest analysis per framework (library order), or every analysis against one framework, newest first. */
export async function listGapAnalyses(tx: Tx, orgId: string, sopId: string, framework?: string): Promise<GapAnalysis[]> {
  await requireSop(tx, orgId, sopId);
  if (framework) {
    const rows = await tx.query<Row>(`${SELECT} where g.org_id = $1 and g.sop_id = $2 and g.framework = $3 order by g.created_at desc, g.id limit 100`, [orgId, sopId, framework]);
    return rows.map(toAnalysis);
  }
  const rows = await tx.query<Row>(`${SELECT.replace(/^select /, 'select distinct on (g.framework) ')} where g.org_id = $1 and g.sop_id = $2 order by g.framework, g.created_at desc, g.id`, [orgId, sopId]);
  const order = new Map(CURRENT_FRAMEWORK_CODES.map((c, i) => [c, i]));
  return rows.map(toAnalysis).sort((a, b) => (order.get(a.framework) ?? 999) - (order.get(b.framework) ?? 999));
}
