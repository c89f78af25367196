/**
 * Starting a drafting run, inside the transaction the entry point already opened with the
 * organization it already resolved (inOrg): permission, the organization's drafting rate, the
 * AI setting and plan quota, the scrub of what will leave for the model, and the generation
 * row. Nothing here calls out: the caller launches the returned run once that transaction has
 * committed (afterCommit → stream.ts), so the model is never called with a transaction open.
 */
import 'server-only';
import type { DraftInput } from '@/lib/ai/offline-drafter';
import { scrub, type Redaction } from '@/lib/ai/scrub';
import type { CurrentUser } from '@/lib/auth/session';
import { assertDraftQuota } from '@/lib/billing/quota';
import type { Tx } from '@/lib/db/types';
import { env, type AppEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import { ZGenerateInput, type TGenerateInput, type TImproveInput } from '@/lib/sops/api-schemas';
import type { TSopContent } from '@/lib/sops/content';
import { DRAFT_PER_ORG } from '@/lib/sops/limits';
import { createSop, requireSop } from '@/lib/sops/service';
import type { Job } from './run';
import { createGeneration, FINISHED, requireGeneration, type Generation } from './store';

/** A recorded run, ready to launch once its transaction has committed. */
export interface Started {
  user: CurrentUser;
  generation: Generation;
  job: Job;
}

const SEPARATOR = '\n\n\u2063\u2063\n\n';

/** Scrub several texts together, so the same value gets the same placeholder in all of them. */
export function scrubMany(texts: readonly string[], terms: readonly string[]): { texts: string[]; redactions: Redaction[] } {
  const result = scrub(texts.join(SEPARATOR), terms);
  const out = result.text.split(SEPARATOR);
  return { texts: texts.map((_, i) => out[i] ?? ''), redactions: result.redactions };
}

export function scrubInput(input: DraftInput, terms: readonly string[]): { input: DraftInput; redactions: Redaction[] } {
  const { texts, redactions } = scrubMany([input.title, input.processDescription, input.industry ?? '', input.audience ?? '', input.department ?? ''], terms);
  const [title, processDescription, industry, audience, department] = texts as [string, string, string, string, string];
  return {
    input: {
      ...input,
      title,
      processDescription,
      ...(input.industry !== undefined && { industry }),
      ...(input.audience !== undefined && { audience }),
      ...(input.department !== undefined && { department }),
    },
    redactions,
  };
}

/** Every string in a JSON value, in a stable order, and a way to put replacements back. */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === 'string') return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  return value;
}

/** The content and instruction of a section rewrite, scrubbed together before they leave. */
export function scrubForImprove(content: TSopContent, instruction: string, terms: readonly string[]): { content: TSopContent; instruction: string; redactions: Redaction[] } {
  const strings: string[] = [];
  mapStrings(content, (s) => (strings.push(s), s));
  const { texts, redactions } = scrubMany([instruction, ...strings], terms);
  let i = 1;
  return { content: mapStrings(content, () => texts[i++] ?? ''), instruction: texts[0] ?? '', redactions };
}

export type ClaudeConfig = Extract<AppEnv['ai'], { mode: 'claude' }>;

/** The Claude this server and organization allow, or null (offline): the one rule for drafting, clause suggestions and gap analysis. */
export function claudeFor(settings: { aiAllowed: boolean }): ClaudeConfig | null {
  const ai = env().ai;
  return ai.mode === 'claude' && settings.aiAllowed ? ai : null;
}

function sourceFor(settings: { aiAllowed: boolean }): 'ai' | 'offline' {
  return claudeFor(settings) ? 'ai' : 'offline';
}

/**
 * Who may start a run, and how often an organization may: at most DRAFT_PER_ORG.limit runs
 * in any DRAFT_PER_ORG.windowSeconds, counted from the runs it recorded, in the transaction
 * that records the next one (the advisory lock makes concurrent starts count one after the
 * other). The per-person limit is the route's, in the rate limiter, before any of this.
 */
async function admit(tx: Tx, org: OrgSummary): Promise<void> {
  if (!roleCan(org.role, 'sops.edit')) throw new AppError('forbidden', 'Your role cannot draft SOPs in this organization. Ask an owner or admin to make you an author.');
  const { limit, windowSeconds } = DRAFT_PER_ORG;
  await tx.query('select pg_advisory_xact_lock(hashtextextended($1::text, 7424))', [org.id]);
  const [recent] = await tx.query<{ n: number; wait: number | null }>(
    `select count(*)::int as n, ceil(extract(epoch from min(created_at) + make_interval(secs => $2) - now()))::int as wait
       from (select created_at from public.generations
              where org_id = $1 and created_at > now() - make_interval(secs => $2)
              order by created_at desc limit $3) as last`,
    [org.id, windowSeconds, limit],
  );
  if (recent && recent.n >= limit) {
    const wait = Math.max(1, recent.wait ?? 1);
    throw new AppError('rate_limited', `Too many requests. Try again in ${wait} seconds.`, { headers: { 'Retry-After': String(wait) } });
  }
}

/** The draft input as the drafters take it (its text is already plain text as typed: ZGenerateInput). */
function draftInput(input: TGenerateInput): DraftInput & { detail: string } {
  const { title, processDescription, industry, department, audience, frameworks, detail } = input;
  return { title, processDescription, industry, department, audience, frameworks, detail };
}

export async function startDraft(tx: Tx, user: CurrentUser, org: OrgSummary, input: TGenerateInput): Promise<Started> {
  await admit(tx, org);
  return recordDraft(tx, user, org, draftInput(input), null);
}

/** Draft a stopped run's SOP again from the same input. */
export async function startRetry(tx: Tx, user: CurrentUser, org: OrgSummary, generationId: string): Promise<Started> {
  await admit(tx, org); // before anything about the run: a viewer learns nothing but "not allowed"
  const previous = await requireGeneration(tx, org.id, generationId);
  if (previous.kind !== 'draft') throw new AppError('unprocessable', 'Only a stopped draft can be retried.');
  if (!FINISHED.includes(previous.status)) throw new AppError('conflict', 'This draft is still being written.');
  const parsed = ZGenerateInput.safeParse(previous.input);
  if (!parsed.success) throw new AppError('unprocessable', 'The original input of this draft cannot be reused; start a new SOP.');
  return recordDraft(tx, user, org, draftInput(parsed.data), previous.sopId);
}

async function recordDraft(tx: Tx, user: CurrentUser, org: OrgSummary, input: DraftInput & { detail: string }, existingSopId: string | null): Promise<Started> {
  const settings = await getDocumentSettings(tx, org.id);
  const source = sourceFor(settings);
  await assertDraftQuota(tx, org.id, source);
  const scrubbed = scrubInput(input, settings.sensitiveTerms);
  const sop = existingSopId
    ? await requireSop(tx, org.id, existingSopId)
    : await createSop(tx, { orgId: org.id, userId: user.id, title: input.title, department: input.department ?? '' });
  const generation = await createGeneration(tx, {
    orgId: org.id,
    sopId: sop.id,
    userId: user.id,
    kind: 'draft',
    source,
    input,
    redactions: source === 'ai' ? scrubbed.redactions : [],
  });
  const titleBlock = { title: input.title, documentNumber: sop.docNumber, department: input.department ?? '' };
  return { user, generation, job: { kind: 'draft', input: source === 'ai' ? scrubbed.input : input, titleBlock } };
}

export async function startImprove(tx: Tx, user: CurrentUser, org: OrgSummary, sopId: string, { section, instruction }: TImproveInput): Promise<Started> {
  await admit(tx, org);
  const settings = await getDocumentSettings(tx, org.id);
  if (sourceFor(settings) !== 'ai') {
    throw new AppError(
      'unprocessable',
      settings.aiAllowed ? 'Improving a section needs Claude, and this server drafts offline (no ANTHROPIC_API_KEY). Edit the section by hand.' : 'AI processing is switched off for this organization. Edit the section by hand.',
    );
  }
  await assertDraftQuota(tx, org.id, 'ai');
  const sop = await requireSop(tx, org.id, sopId);
  const base = sop.draftContent;
  if (!base) throw new AppError('unprocessable', 'This SOP has no content yet to improve.');
  const scrubbed = scrubForImprove(base, instruction, settings.sensitiveTerms);
  const generation = await createGeneration(tx, {
    orgId: org.id,
    sopId: sop.id,
    userId: user.id,
    kind: 'improve',
    section,
    source: 'ai',
    input: { section, instruction },
    redactions: scrubbed.redactions,
  });
  const frameworks = [...new Set(base.references.map((r) => r.framework))];
  return { user, generation, job: { kind: 'improve', base, sent: scrubbed.content, section, instruction: scrubbed.instruction, frameworks } };
}
