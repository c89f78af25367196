/**
 * A drafting run in this process's background, launched once the transaction that recorded it
 * has committed. Claude (citations checked by the drafter) or the offline drafter writes the
 * SOP, or one section of it; every finished section is published to whoever watches and
 * stored as it arrives; the result is validated and sanitized (prepareContent) and stored as a
 * version. Draft and improve end through the same finish(): when the model stops early
 * (failure, cut stream, Cancel), a draft keeps what it wrote as an incomplete version. Every
 * database write goes through withUser() as the person who started the run, never held open
 * across a model call.
 */
import 'server-only';
import { draftWithClaude, improveSectionWithClaude, type ClaudeUsage } from '@/lib/ai/claude-drafter';
import { draftOffline, type DraftInput } from '@/lib/ai/offline-drafter';
import type { SectionKey } from '@/lib/ai/prompt';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { env, type AppEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { SECTIONS, type TCitation, type TSopContent } from '@/lib/sops/content';
import { prepareContent } from '@/lib/sops/prepare';
import { renderSectionHtml } from '@/lib/sops/render-html';
import { abortRun, endRun, publish, registerRun } from './bus';
import type { Started } from './start';
import { closeRun, closeWithPartial, markRunning, recordSection, type Generation, type TitleBlock } from './store';

/** What a run is asked to write; `input`, `sent` and `instruction` are what leaves for the model (scrubbed). */
export type Job =
  | { kind: 'draft'; input: DraftInput; titleBlock: TitleBlock }
  | { kind: 'improve'; base: TSopContent; sent: TSopContent; section: SectionKey; instruction: string; frameworks: string[] };

type Claude = Extract<AppEnv['ai'], { mode: 'claude' }>;
type OnSection = (key: SectionKey, value: unknown) => void;
type Stop = { code: string; message: string };
type Outcome =
  | { ok: true; content: TSopContent; changeSummary: string; model: string; usage?: ClaudeUsage; removed: TCitation[] }
  | { ok: false; error: Stop; usage?: ClaudeUsage };

const CANCELLED = 'Drafting was cancelled. What was written so far is kept as an incomplete draft.';

/** What a run that failed on our side (a bug, the database) says, by kind. */
function crashed(kind: Job['kind'], err: unknown): Stop {
  return kind === 'draft'
    ? { code: 'connection_failed', message: 'Drafting failed on our side. What was written is kept; try again.' }
    : { code: 'internal_error', message: err instanceof AppError ? err.message : 'The rewrite failed on our side. Your text is unchanged; try again.' };
}

const heading = (key: string) => SECTIONS.find((s) => s.key === key)?.heading ?? key;

/** Run it here, in the background. Nothing is published before the run's first database write, so a watcher that subscribes right after this call misses nothing. */
export function launch({ user, generation, job }: Started): void {
  const { signal } = registerRun(generation.id);
  void execute(user, generation, job, signal).finally(() => endRun(generation.id));
}

async function execute(user: CurrentUser, g: Generation, job: Job, signal: AbortSignal): Promise<void> {
  const ai = env().ai;
  const claude = g.source === 'ai' && ai.mode === 'claude' ? ai : null;
  const partial: Record<string, unknown> = {};
  let writes = Promise.resolve();
  const onSection: OnSection = (key, value) => {
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

  const finish = async (outcome: Outcome): Promise<void> => {
    if (outcome.ok) {
      const { content, changeSummary, model, usage, removed } = outcome;
      const versionId = await withUser(user.claims, (tx) => closeRun(tx, g, { authorId: user.id, status: 'succeeded', version: { content, changeSummary, model }, removedCitations: removed, usage }));
      if (removed.length) publish(g.id, { type: 'citations_removed', data: { removed } });
      publish(g.id, { type: 'done', data: { sopId: g.sopId, versionId: versionId!, complete: true } });
      return;
    }
    const cancelled = outcome.error.code === 'cancelled' || signal.aborted;
    const code = cancelled ? 'cancelled' : outcome.error.code;
    const message = cancelled && job.kind === 'draft' ? CANCELLED : outcome.error.message;
    const versionId = await withUser(user.claims, (tx) =>
      closeWithPartial(tx, g, {
        authorId: user.id,
        partial: job.kind === 'draft' ? partial : {}, // a rewrite that stopped leaves the SOP as it was
        titleBlock: job.kind === 'draft' ? job.titleBlock : job.base.titleBlock,
        status: cancelled ? 'cancelled' : 'failed',
        code,
        message,
        usage: outcome.usage,
      }),
    );
    publish(g.id, { type: 'error', data: { code, message, sopId: g.sopId, versionId } });
  };

  try {
    await withUser(user.claims, (tx) => markRunning(tx, g.id, claude ? claude.model : 'offline'));
    const outcome = job.kind === 'draft' ? await draft(job, claude, signal, onSection) : await improve(job, claude, signal, onSection);
    await writes;
    await finish(outcome);
  } catch (err) {
    logError('generation failed', { generation: g.id, err });
    await writes.catch(() => undefined);
    await finish({ ok: false, error: crashed(job.kind, err) }).catch((e) => logError('could not record a failed generation', { generation: g.id, err: e }));
  }
}

async function draft(job: Extract<Job, { kind: 'draft' }>, claude: Claude | null, signal: AbortSignal, onSection: OnSection): Promise<Outcome> {
  const r = claude
    ? await draftWithClaude({ input: job.input, apiKey: claude.apiKey, baseURL: claude.baseUrl, model: claude.model, signal, onSection })
    : await draftOfflineStreamed(job.input, signal, onSection);
  if (r.status !== 'complete') return { ok: false, error: r.error, usage: r.usage };
  let content: TSopContent;
  try {
    content = prepareContent({ ...r.content, titleBlock: job.titleBlock, revisionHistory: [] });
  } catch {
    return { ok: false, error: { code: 'malformed_output', message: 'The draft did not fit the SOP template; the sections that did were kept.' }, usage: r.usage };
  }
  const changeSummary = claude ? `First draft written with Claude (${r.model}).` : 'First draft written by the offline drafter.';
  return { ok: true, content, changeSummary, model: r.model, usage: r.usage, removed: r.removedCitations };
}

/** The offline drafter, delivered section by section like the model's stream. */
async function draftOfflineStreamed(input: DraftInput, signal: AbortSignal, onSection: OnSection) {
  const content = draftOffline(input);
  for (const { key } of SECTIONS) {
    if (signal.aborted) return { status: 'incomplete' as const, error: { code: 'cancelled', message: CANCELLED }, usage: undefined };
    onSection(key, content[key]);
    await new Promise((r) => setImmediate(r));
  }
  return { status: 'complete' as const, content, model: 'offline', usage: undefined, removedCitations: [] };
}

async function improve(job: Extract<Job, { kind: 'improve' }>, claude: Claude | null, signal: AbortSignal, onSection: OnSection): Promise<Outcome> {
  if (!claude) throw new AppError('unprocessable', 'Improving a section needs Claude.');
  const { section, instruction, frameworks } = job;
  const r = await improveSectionWithClaude({ content: job.sent, sectionKey: section, instruction, frameworks, apiKey: claude.apiKey, baseURL: claude.baseUrl, model: claude.model, signal });
  if (r.status !== 'complete') return { ok: false, error: r.error, usage: r.usage };
  const content = prepareContent({ ...job.base, [section]: r.value });
  onSection(section, content[section]);
  const changeSummary = `"${heading(section)}" rewritten with Claude: ${instruction}`.slice(0, 1000);
  return { ok: true, content, changeSummary, model: r.model, usage: r.usage, removed: r.removedCitations };
}
