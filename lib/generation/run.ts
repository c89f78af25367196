/**
 * A drafting run, executed by the worker that claimed its job (worker.ts), on whichever
 * instance that is. Claude (citations checked by the drafter) or the offline drafter writes the
 * SOP, or one section of it; every finished section is stored as it arrives (the store's
 * trigger tells every watcher, on every instance); the result is validated and sanitized
 * (prepareContent) and stored as a version. Draft and improve end through the same finish():
 * when the model stops early (failure, cut stream, Cancel, the worker shutting down), a draft
 * keeps what it wrote as an incomplete version. Every database write goes through withUser()
 * as the person who started the run, never held open across a model call.
 */
import 'server-only';
import { draftWithClaude, improveSectionWithClaude, type ClaudeUsage } from '@/lib/ai/claude-drafter';
import { draftOffline, type DraftInput } from '@/lib/ai/offline-drafter';
import type { SectionKey } from '@/lib/ai/prompt';
import type { VerifiedClaims } from '@/lib/db/claims';
import type { Scopes } from '@/lib/db/scopes';
import { env, type AppEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { logError } from '@/lib/log';
import { SECTIONS, type TCitation, type TSopContent } from '@/lib/sops/content';
import { prepareContent } from '@/lib/sops/prepare';
import { closeRun, closeWithPartial, INTERRUPTED, recordSection, type Generation, type TitleBlock } from './store';

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

/** Why a run's signal was aborted by its worker rather than by Cancel. */
export const SHUTDOWN = 'shutdown'; // the worker is stopping: end it now as interrupted, keeping what it wrote
export const KILLED = 'killed'; // tests: the worker died, so nothing more is written

/** Who started the run: its writes are made as this person. */
export interface Starter {
  id: string;
  claims: VerifiedClaims;
}

export interface Execution {
  withUser: Scopes['withUser'];
  user: Starter;
  generation: Generation;
  job: Job;
  /** Aborted by Cancel (reason unset), SHUTDOWN or KILLED. */
  controller: AbortController;
}

/** Execute a claimed run to its end (the worker has marked it running). */
export async function execute({ withUser, user, generation: g, job, controller }: Execution): Promise<void> {
  const { signal } = controller;
  const ai = env().ai;
  const claude = g.source === 'ai' && ai.mode === 'claude' ? ai : null;
  const partial: Record<string, unknown> = {};
  let writes = Promise.resolve();
  const onSection: OnSection = (key, value) => {
    if (key === 'titleBlock' || key === 'revisionHistory') return;
    if (signal.reason === KILLED) return;
    partial[key] = value;
    writes = writes.then(async () => {
      const { cancelRequested } = await withUser(user.claims, (tx) => recordSection(tx, g.id, key, value));
      if (cancelRequested) controller.abort();
    });
  };

  const finish = async (outcome: Outcome): Promise<void> => {
    if (signal.reason === KILLED) return;
    if (outcome.ok) {
      const { content, changeSummary, model, usage, removed } = outcome;
      await withUser(user.claims, (tx) => closeRun(tx, g, { authorId: user.id, status: 'succeeded', version: { content, changeSummary, model }, removedCitations: removed, usage }));
      return;
    }
    const shutdown = signal.reason === SHUTDOWN;
    const cancelled = !shutdown && (outcome.error.code === 'cancelled' || signal.aborted);
    const code = shutdown ? 'interrupted' : cancelled ? 'cancelled' : outcome.error.code;
    const message = shutdown ? INTERRUPTED : cancelled && job.kind === 'draft' ? CANCELLED : outcome.error.message;
    await withUser(user.claims, (tx) =>
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
  };

  try {
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

/** The model a run of this source uses on this server, recorded when a worker claims it. */
export function modelFor(source: Generation['source']): string {
  const ai = env().ai;
  return source === 'ai' && ai.mode === 'claude' ? ai.model : 'offline';
}
