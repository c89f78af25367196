/**
 * Drafting runs, decoupled from the request that starts them: startDraft()/startImprove()
 * check permission, AI setting and quota, scrub what will leave for the model, record the
 * generation, and hand the run to this process in the background. The run writes every
 * finished section to the database as it arrives and publishes it to whoever is watching;
 * when the model stops early (failure, cut stream, Cancel), what it wrote is kept as an
 * incomplete draft version. Every database write goes through withUser() as the person who
 * started the run, never held open across a model call.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings, requireOrg, type OrgSummary } from '@/lib/orgs/service';
import { ZGenerateInput, type TGenerateInput, type TImproveInput } from '@/lib/sops/api-schemas';
import { SECTIONS, type TCitation, type TSopContent } from '@/lib/sops/content';
import { closeWithPartial, createGeneration, FINISHED, finishGeneration, markRunning, recordSection, requireGeneration, type Generation } from '@/lib/sops/generations';
import { prepareContent } from '@/lib/sops/prepare';
import { renderSectionHtml } from '@/lib/sops/render-html';
import { createSop, createVersion, requireSop } from '@/lib/sops/service';
import { assertDraftQuota } from '@/lib/billing/quota';
import { draftWithClaude, improveSectionWithClaude, type ClaudeError, type ClaudeUsage } from './claude-drafter';
import { abortRun, endRun, publish, registerRun } from './generation-bus';
import { draftOffline, type DraftInput } from './offline-drafter';
import type { SectionKey } from './prompt';
import { scrub, type Redaction } from './scrub';

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

function sourceFor(settings: { aiAllowed: boolean }): 'ai' | 'offline' {
  return env().ai.mode === 'claude' && settings.aiAllowed ? 'ai' : 'offline';
}

function requireEditor(org: OrgSummary) {
  if (!roleCan(org.role, 'sops.edit')) throw new AppError('forbidden', 'Your role cannot draft SOPs in this organization. Ask an owner or admin to make you an author.');
}

/** The draft input as the drafters take it (its text is already plain text as typed: ZGenerateInput). */
function draftInput(input: TGenerateInput): DraftInput & { detail: string } {
  const { title, processDescription, industry, department, audience, frameworks, detail } = input;
  return { title, processDescription, industry, department, audience, frameworks, detail };
}

export async function startDraft(user: CurrentUser, orgSlug: string, input: TGenerateInput): Promise<Generation> {
  return launchDraft(user, orgSlug, draftInput(input), null);
}

/** Draft a stopped run's SOP again from the same input. */
export async function startRetry(user: CurrentUser, orgSlug: string, generationId: string): Promise<Generation> {
  const previous = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, orgSlug);
    requireEditor(org); // before anything about the run: a viewer learns nothing but "not allowed"
    return requireGeneration(tx, org.id, generationId);
  });
  if (previous.kind !== 'draft') throw new AppError('unprocessable', 'Only a stopped draft can be retried.');
  if (!FINISHED.includes(previous.status)) throw new AppError('conflict', 'This draft is still being written.');
  const parsed = ZGenerateInput.safeParse(previous.input);
  if (!parsed.success) throw new AppError('unprocessable', 'The original input of this draft cannot be reused; start a new SOP.');
  return launchDraft(user, orgSlug, draftInput(parsed.data), previous.sopId);
}

async function launchDraft(user: CurrentUser, orgSlug: string, input: DraftInput & { detail: string }, existingSopId: string | null): Promise<Generation> {
  const { generation, scrubbed, sop } = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, orgSlug);
    requireEditor(org);
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
    return { generation, scrubbed: scrubbed.input, sop };
  });
  const controller = registerRun(generation.id);
  const titleBlock = { title: input.title, documentNumber: sop.docNumber, department: input.department ?? '' };
  void runDraft(user, generation, generation.source === 'ai' ? scrubbed : input, titleBlock, controller.signal).finally(() => endRun(generation.id));
  return generation;
}

export async function startImprove(user: CurrentUser, orgSlug: string, sopId: string, raw: TImproveInput): Promise<Generation> {
  const { instruction } = raw;
  const { generation, base, scrubbed, frameworks } = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, orgSlug);
    requireEditor(org);
    const settings = await getDocumentSettings(tx, org.id);
    if (sourceFor(settings) !== 'ai') {
      throw new AppError(
        'unprocessable',
        settings.aiAllowed ? 'Improving a section needs Claude, and this server drafts offline (no ANTHROPIC_API_KEY). Edit the section by hand.' : 'AI processing is switched off for this organization. Edit the section by hand.',
      );
    }
    await assertDraftQuota(tx, org.id, 'ai');
    const sop = await requireSop(tx, org.id, sopId);
    if (!sop.draftContent) throw new AppError('unprocessable', 'This SOP has no content yet to improve.');
    const s = scrubForImprove(sop.draftContent, instruction, settings.sensitiveTerms);
    const frameworks = [...new Set(sop.draftContent.references.map((r) => r.framework))];
    const generation = await createGeneration(tx, {
      orgId: org.id,
      sopId: sop.id,
      userId: user.id,
      kind: 'improve',
      section: raw.section,
      source: 'ai',
      input: { section: raw.section, instruction },
      redactions: s.redactions,
    });
    return { generation, base: sop.draftContent, scrubbed: s, frameworks };
  });
  const controller = registerRun(generation.id);
  void runImprove(user, generation, base, scrubbed.content, raw.section, scrubbed.instruction, frameworks, controller.signal).finally(() => endRun(generation.id));
  return generation;
}

/** Cancel: recorded in the database (for any process) and aborted here if it runs here. */
export function abortLocalRun(id: string): void {
  abortRun(id);
}

const heading = (key: string) => SECTIONS.find((s) => s.key === key)?.heading ?? key;

async function runDraft(
  user: CurrentUser,
  g: Generation,
  input: DraftInput,
  titleBlock: { title: string; documentNumber: string; department: string },
  signal: AbortSignal,
): Promise<void> {
  const ai = env().ai;
  const partial: Record<string, unknown> = {};
  let writes = Promise.resolve();
  const onSection = (key: SectionKey, value: unknown) => {
    if (key === 'titleBlock' || key === 'revisionHistory') return;
    partial[key] = value;
    try {
      publish(g.id, { type: 'section', data: { key, heading: heading(key), html: renderSectionHtml(key, value) } });
    } catch {
      // a section that does not render is still stored and re-validated at the end
    }
    writes = writes.then(async () => {
      const { cancelRequested } = await withUser(user.claims, (tx) => recordSection(tx, g.id, key, value));
      if (cancelRequested) abortRun(g.id);
    });
  };

  try {
    await withUser(user.claims, (tx) => markRunning(tx, g.id, ai.mode === 'claude' && g.source === 'ai' ? ai.model : 'offline'));
    type Outcome = { ok: true; content: TSopContent; usage?: ClaudeUsage; model: string; removed: TCitation[] } | { ok: false; error: ClaudeError; usage?: ClaudeUsage };
    const outcome: Outcome =
      g.source === 'ai' && ai.mode === 'claude'
        ? await draftWithClaude({ input, apiKey: ai.apiKey, baseURL: ai.baseUrl, model: ai.model, signal, onSection }).then((r): Outcome =>
            r.status === 'complete' ? { ok: true, content: r.content, usage: r.usage, model: r.model, removed: r.removedCitations } : { ok: false, error: r.error, usage: r.usage },
          )
        : await draftOfflineStreamed(input, signal, onSection);
    await writes;

    if (outcome.ok) {
      let prepared: TSopContent;
      try {
        prepared = prepareContent({ ...outcome.content, titleBlock, revisionHistory: [] });
      } catch {
        const error: ClaudeError = { code: 'malformed_output', message: "The draft did not fit the SOP template; the sections that did were kept." };
        return await keepPartial(user, g, partial, titleBlock, error, outcome.usage, signal);
      }
      const version = await withUser(user.claims, async (tx) => {
        const v = await createVersion(tx, {
          orgId: g.orgId,
          sopId: g.sopId,
          authorId: user.id,
          content: prepared,
          source: g.source,
          changeSummary: g.source === 'ai' ? `First draft written with Claude (${outcome.model}).` : 'First draft written by the offline drafter.',
          model: outcome.model,
          inputTokens: outcome.usage?.inputTokens,
          outputTokens: outcome.usage?.outputTokens,
        });
        await finishGeneration(tx, g.id, {
          status: 'succeeded',
          versionId: v.id,
          removedCitations: outcome.removed,
          inputTokens: outcome.usage?.inputTokens,
          outputTokens: outcome.usage?.outputTokens,
        });
        return v;
      });
      if (outcome.removed.length) publish(g.id, { type: 'citations_removed', data: { removed: outcome.removed } });
      publish(g.id, { type: 'done', data: { sopId: g.sopId, versionId: version.id, complete: true } });
      return;
    }
    await keepPartial(user, g, partial, titleBlock, outcome.error, outcome.usage, signal);
  } catch (err) {
    logError('generation failed', { generation: g.id, err });
    await writes.catch(() => undefined);
    await keepPartial(user, g, partial, titleBlock, { code: 'connection_failed', message: 'Drafting failed on our side. What was written is kept; try again.' }, undefined, signal).catch(
      (e) => logError('could not record a failed generation', { generation: g.id, err: e }),
    );
  }
}

/** The offline drafter, delivered section by section like the model's stream. */
async function draftOfflineStreamed(
  input: DraftInput,
  signal: AbortSignal,
  onSection: (key: SectionKey, value: unknown) => void,
): Promise<{ ok: true; content: TSopContent; model: string; removed: TCitation[] } | { ok: false; error: ClaudeError }> {
  const content = draftOffline(input);
  for (const { key } of SECTIONS) {
    if (signal.aborted) return { ok: false, error: { code: 'cancelled', message: 'Drafting was cancelled. What was written so far is kept as an incomplete draft.' } };
    onSection(key, content[key]);
    await new Promise((r) => setImmediate(r));
  }
  return { ok: true, content, model: 'offline', removed: [] };
}

async function keepPartial(
  user: CurrentUser,
  g: Generation,
  partial: Record<string, unknown>,
  titleBlock: { title: string; documentNumber: string; department: string },
  error: ClaudeError,
  usage: ClaudeUsage | undefined,
  signal: AbortSignal,
): Promise<void> {
  const cancelled = error.code === 'cancelled' || signal.aborted;
  const status = cancelled ? 'cancelled' : 'failed';
  const code = cancelled ? 'cancelled' : error.code;
  const message = cancelled ? 'Drafting was cancelled. What was written so far is kept as an incomplete draft.' : error.message;
  const versionId = await withUser(user.claims, (tx) => closeWithPartial(tx, g, { authorId: user.id, partial, titleBlock, status, code, message, usage }));
  publish(g.id, { type: 'error', data: { code, message, sopId: g.sopId, versionId } });
}

async function runImprove(
  user: CurrentUser,
  g: Generation,
  base: TSopContent,
  scrubbedBase: TSopContent,
  section: SectionKey,
  instruction: string,
  frameworks: string[],
  signal: AbortSignal,
): Promise<void> {
  const ai = env().ai;
  if (ai.mode !== 'claude') return;
  try {
    await withUser(user.claims, (tx) => markRunning(tx, g.id, ai.model));
    const r = await improveSectionWithClaude({ content: scrubbedBase, sectionKey: section, instruction, frameworks, apiKey: ai.apiKey, baseURL: ai.baseUrl, model: ai.model, signal });
    if (r.status !== 'complete') {
      const cancelled = r.error.code === 'cancelled' || signal.aborted;
      await withUser(user.claims, (tx) =>
        finishGeneration(tx, g.id, { status: cancelled ? 'cancelled' : 'failed', errorCode: r.error.code, errorMessage: r.error.message, inputTokens: r.usage?.inputTokens, outputTokens: r.usage?.outputTokens }),
      );
      publish(g.id, { type: 'error', data: { code: r.error.code, message: r.error.message, sopId: g.sopId, versionId: null } });
      return;
    }
    const prepared = prepareContent({ ...base, [section]: r.value });
    publish(g.id, { type: 'section', data: { key: section, heading: heading(section), html: renderSectionHtml(section, prepared[section]) } });
    const version = await withUser(user.claims, async (tx) => {
      await recordSection(tx, g.id, section, prepared[section]);
      const v = await createVersion(tx, {
        orgId: g.orgId,
        sopId: g.sopId,
        authorId: user.id,
        content: prepared,
        source: 'ai',
        changeSummary: `"${heading(section)}" rewritten with Claude: ${instruction}`.slice(0, 1000),
        model: r.model,
        inputTokens: r.usage.inputTokens,
        outputTokens: r.usage.outputTokens,
      });
      await finishGeneration(tx, g.id, { status: 'succeeded', versionId: v.id, removedCitations: r.removedCitations, inputTokens: r.usage.inputTokens, outputTokens: r.usage.outputTokens });
      return v;
    });
    if (r.removedCitations.length) publish(g.id, { type: 'citations_removed', data: { removed: r.removedCitations } });
    publish(g.id, { type: 'done', data: { sopId: g.sopId, versionId: version.id, complete: true } });
  } catch (err) {
    logError('section rewrite failed', { generation: g.id, err });
    const message = err instanceof AppError ? err.message : 'The rewrite failed on our side. Your text is unchanged; try again.';
    await withUser(user.claims, (tx) => finishGeneration(tx, g.id, { status: 'failed', errorCode: 'internal_error', errorMessage: message })).catch(() => undefined);
    publish(g.id, { type: 'error', data: { code: 'internal_error', message, sopId: g.sopId, versionId: null } });
  }
}
