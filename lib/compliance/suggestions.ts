/**
 * Suggesting the clauses an SOP addresses, for the frameworks the organization follows (or
 * the current ones asked). Two engines:
 *   - Claude, when the organization's AI mode is on (the same rule as drafting: the server has
 *     an API key and the organization allows AI): one forced `propose_clauses` call over the
 *     SOP's content scrubbed exactly as a section rewrite scrubs it (PII and the
 *     organization's sensitive terms), with the allowed clauses listed; every proposal then
 *     passes checkCitations against the frameworks asked, and the ones that fail are reported
 *     as dropped;
 *   - keyword matching (offline, or when asked): the library's keyword matcher on the SOP's
 *     title and every section, the best MAX_SUGGESTIONS_PER_FRAMEWORK clauses per framework.
 * Proposals are stored as origin 'suggested' (the trigger makes them 'proposed'), skipping
 * clauses the SOP already has. The transaction is never held across the model call: the
 * request's transaction reads and plans (planSuggestions), the call runs after it committed,
 * and the proposals are written in a new short transaction (runClaudeSuggestions).
 */
import 'server-only';
import { streamTool, type ClaudeError } from '@/lib/ai/claude-drafter';
import { checkCitations } from '@/lib/ai/citations';
import { buildSuggestPrompt, MAX_SUGGESTIONS_PER_FRAMEWORK, PROPOSE_CLAUSES_TOOL, suggestableClauses, ZProposals } from '@/lib/ai/suggest-prompt';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { claudeFor, scrubForImprove, type ClaudeConfig } from '@/lib/generation/start';
import { CURRENT_FRAMEWORK_CODES, getFramework } from '@/lib/library';
import { keywordMatches, mentionsReason } from '@/lib/library/keywords';
import { assertCan, getDocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import type { TSopContent } from '@/lib/sops/content';
import { z } from 'zod';
import { listOrgFrameworks, ZFrameworkCodes } from './org-frameworks';
import { currentContent, mappedKeys, mappingKey, storeSuggestions, type Mapping, type Proposal, type SopRef, type SuggestionEngine } from './mappings';

/** POST …/mappings/suggest. */
export const ZSuggestInput = z
  .object({
    frameworks: ZFrameworkCodes.min(1, 'frameworks: name at least one, or leave it out for the frameworks your organization follows.').optional(),
    engine: z.enum(['auto', 'keywords']).default('auto').describe('auto: Claude when AI processing is on for the organization, else keyword matching; keywords: keyword matching (nothing leaves the server).'),
  })
  .strict();
export type TSuggestInput = z.infer<typeof ZSuggestInput>;

export interface SuggestionResult {
  engine: SuggestionEngine;
  frameworks: string[];
  added: Mapping[];
  /** Proposals the SOP already had (mapped or waiting). */
  skipped: number;
  /** Claude's proposals that are not clauses of the library or of the frameworks asked. */
  dropped: { framework: string; clause: string }[];
  /** A sentence for people: what was suggested, skipped and dropped. */
  message: string;
}

type Claude = ClaudeConfig;

/** What the model call needs, read in the request's transaction. */
export interface ClaudePlan {
  ref: SopRef;
  frameworks: string[];
  /** The scrubbed content, as it leaves. */
  sent: unknown;
  title: string;
  text: string;
}

export type SuggestPlan = { kind: 'done'; result: SuggestionResult } | { kind: 'claude'; plan: ClaudePlan };

const CANNOT = 'Your role cannot map SOPs to frameworks in this organization. Ask an owner or admin to make you an author.';

/** Every string of the SOP's sections (not its revision history), one per line: what keyword matching reads. */
export function sopText(content: TSopContent): string {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const [k, v] of Object.entries(content)) if (k !== 'titleBlock' && k !== 'revisionHistory') walk(v);
  return out.join('\n');
}

/** Keyword matching: the best clauses (leaves) of each framework the SOP's title and text mention. */
export function keywordProposals(frameworks: readonly string[], title: string, text: string): Proposal[] {
  return frameworks.flatMap((code) => {
    const f = getFramework(code);
    if (!f) return [];
    return keywordMatches(f, title, text)
      .filter((m) => !m.clause.group)
      .slice(0, MAX_SUGGESTIONS_PER_FRAMEWORK)
      .map((m) => ({ framework: code, clause: m.clause.id, reason: mentionsReason(m.words) }));
  });
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

function describe(r: Omit<SuggestionResult, 'message'>): string {
  const by = r.engine === 'claude' ? 'Claude' : 'Keyword matching';
  const parts = [r.added.length ? `${by} suggested ${plural(r.added.length, 'clause')}; accept or reject each below.` : `${by} found no new clause to suggest.`];
  if (r.skipped) parts.push(`${plural(r.skipped, 'suggestion was', 'suggestions were')} already mapped or waiting, so skipped.`);
  if (r.dropped.length) parts.push(`${plural(r.dropped.length, 'suggestion was', 'suggestions were')} dropped: not clauses of the library (${r.dropped.map((d) => `${getFramework(d.framework)?.shortName ?? d.framework} ${d.clause}`).join(', ')}).`);
  return parts.join(' ');
}

/**
 * In the request's transaction: who may, which frameworks, which engine, what the SOP says.
 * Keyword matching finishes here (nothing leaves the server); for Claude it returns the plan
 * to run once the transaction has committed.
 */
export async function planSuggestions(tx: Tx, org: OrgSummary, sopId: string, input: TSuggestInput): Promise<SuggestPlan> {
  const ref = { orgId: org.id, sopId };
  const content = await currentContent(tx, ref);
  await assertCan(tx, org.id, 'sops.edit', CANNOT);
  if (!content) throw new AppError('unprocessable', 'This SOP has no content yet to suggest clauses for.');
  const frameworks = input.frameworks ? [...new Set(input.frameworks)] : (await listOrgFrameworks(tx, org.id)).filter((c) => CURRENT_FRAMEWORK_CODES.includes(c));
  if (!frameworks.length) throw new AppError('unprocessable', 'Your organization follows no framework yet: choose them in Settings (Frameworks you follow), or name the frameworks to suggest clauses of.');
  const settings = await getDocumentSettings(tx, org.id);
  const title = content.titleBlock.title;
  const text = sopText(content);
  if (input.engine === 'auto' && claudeFor(settings)) {
    // What leaves: the content scrubbed as a section rewrite scrubs it, without its revision history.
    const sent: Partial<TSopContent> = { ...scrubForImprove(content, '', settings.sensitiveTerms).content };
    delete sent.revisionHistory;
    return { kind: 'claude', plan: { ref, frameworks, sent, title, text } };
  }
  const have = await mappedKeys(tx, ref);
  const fresh = keywordProposals(frameworks, title, text);
  const skippedBefore = fresh.filter((p) => have.has(mappingKey(p.framework, p.clause))).length;
  const stored = await storeSuggestions(tx, ref, fresh.filter((p) => !have.has(mappingKey(p.framework, p.clause))), 'keywords');
  const result = { engine: 'keywords' as const, frameworks, added: stored.added, skipped: skippedBefore + stored.skipped, dropped: [] };
  return { kind: 'done', result: { ...result, message: describe(result) } };
}

/** A model failure as an AppError a person can act on: nothing was stored. */
function failed(e: ClaudeError): AppError {
  const tail = 'Nothing was stored. Try again, or choose keyword matching.';
  switch (e.code) {
    case 'rate_limited':
      return new AppError('rate_limited', `Too many AI requests for this account right now. ${tail}`, e.retryAfterSeconds ? { headers: { 'Retry-After': String(e.retryAfterSeconds) } } : {});
    case 'auth_failed':
    case 'billing_problem':
    case 'model_not_found':
      return new AppError('unavailable', `Claude could not suggest clauses: ${e.message} ${tail}`, { status: 502 });
    case 'bad_request':
    case 'malformed_output':
    case 'output_truncated':
      return new AppError('unavailable', `Claude's answer could not be used as clause suggestions. ${tail}`, { status: 502 });
    case 'cancelled':
      return new AppError('unavailable', `The suggestion request was cancelled. ${tail}`, { status: 503 });
    default:
      return new AppError('unavailable', `Claude did not answer in time or could not be reached. ${tail}`, { status: 503 });
  }
}

/** After the request's transaction committed: ask Claude, check every proposal, then store them in a new short transaction. */
export async function runClaudeSuggestions(user: CurrentUser, plan: ClaudePlan, signal?: AbortSignal, claude: Claude | null = currentClaude()): Promise<SuggestionResult> {
  if (!claude) throw new AppError('unavailable', 'Claude is not configured on this server. Choose keyword matching.', { status: 503 });
  const { clauses, capped } = suggestableClauses(plan.frameworks, plan.title, plan.text);
  const outcome = await streamTool({ apiKey: claude.apiKey, baseURL: claude.baseUrl, model: claude.model, signal }, buildSuggestPrompt(plan.sent, clauses, capped), PROPOSE_CLAUSES_TOOL);
  if (!outcome.ok) throw failed(outcome.error);
  const parsed = ZProposals.safeParse(outcome.input);
  if (!parsed.success) throw failed({ code: 'malformed_output', message: '' });
  const checked = checkCitations({ references: parsed.data.proposals.map((p) => ({ framework: p.framework, clause: p.clause, reason: p.reason })) }, plan.frameworks);
  const perFramework = new Map<string, number>();
  const proposals: Proposal[] = checked.content.references
    .filter((c) => {
      const n = (perFramework.get(c.framework) ?? 0) + 1;
      perFramework.set(c.framework, n);
      return n <= MAX_SUGGESTIONS_PER_FRAMEWORK;
    })
    .map((c) => ({ framework: c.framework, clause: c.clause, reason: c.reason ?? '' }));
  const dropped = checked.removed.map((c) => ({ framework: c.framework, clause: c.clause }));
  const stored = await withUser(user.claims, async (tx) => {
    const have = await mappedKeys(tx, plan.ref);
    const fresh = proposals.filter((p) => !have.has(mappingKey(p.framework, p.clause)));
    const s = await storeSuggestions(tx, plan.ref, fresh, 'claude');
    return { added: s.added, skipped: s.skipped + proposals.length - fresh.length };
  });
  const result = { engine: 'claude' as const, frameworks: plan.frameworks, ...stored, dropped };
  return { ...result, message: describe(result) };
}

/** The server's Claude when the run starts (the organization's consent was checked when it was planned). */
function currentClaude(): Claude | null {
  return claudeFor({ aiAllowed: true });
}
