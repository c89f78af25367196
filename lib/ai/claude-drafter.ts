/**
 * Drafting with Claude: one streamed Messages API call with the forced `write_sop` tool (or
 * `write_section` for the rewrite of one section). Sections reach `onSection` as soon as the
 * streamed tool input completes them, each validated against its part of the content schema;
 * citations outside the library or the chosen frameworks are removed. Every failure comes
 * back as a result, never thrown, with a code and a message a QA manager can act on, and the
 * sections that were complete and valid are kept. The API key never appears in a result.
 */
import 'server-only';
import Anthropic, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { MAX_STEP_DEPTH, ZSopContent, type TCitation, type TSopContent } from '@/lib/sops/content';
import { checkCitations } from './citations';
import type { DraftInput } from './offline-drafter';
import { buildDraftPrompt, buildImprovePrompt, WRITE_SECTION_TOOL, WRITE_SOP_TOOL, type ClaudeRequest, type SectionKey } from './prompt';

export type ClaudeErrorCode =
  | 'auth_failed'
  | 'billing_problem'
  | 'model_not_found'
  | 'bad_request'
  | 'rate_limited'
  | 'overloaded'
  | 'upstream_error'
  | 'timeout'
  | 'connection_failed'
  | 'stream_interrupted'
  | 'cancelled'
  | 'malformed_output'
  | 'output_truncated';

export interface ClaudeError {
  code: ClaudeErrorCode;
  message: string;
  /** When the API said how long to wait (rate limits). */
  retryAfterSeconds?: number;
}

export interface ClaudeUsage {
  inputTokens: number;
  outputTokens: number;
}

export interface ClaudeCallOptions {
  apiKey: string;
  /** API base URL without /v1 (a gateway, or a local fake in tests). Default https://api.anthropic.com */
  baseURL?: string;
  model: string;
  signal?: AbortSignal;
  /** SDK retries of 408/409/429/5xx/connection errors before giving up (default 2). */
  maxRetries?: number;
  /** How long to wait for the response headers, per attempt (default 60 s). */
  timeoutMs?: number;
  /** How long the stream may stay silent once started before it counts as timed out (default 90 s). */
  idleTimeoutMs?: number;
}

export interface DraftWithClaudeOptions extends ClaudeCallOptions {
  /** The draft input, already scrubbed of PII. */
  input: DraftInput;
  /** Called once per top-level section, in the order the model completes them (document order). */
  onSection?: (key: SectionKey, value: TSopContent[SectionKey]) => void;
}

export type DraftResult =
  | { status: 'complete'; content: TSopContent; usage: ClaudeUsage; model: string; removedCitations: TCitation[] }
  | { status: 'incomplete'; partial: Partial<TSopContent>; error: ClaudeError; usage?: ClaudeUsage };

export interface ImproveWithClaudeOptions<K extends SectionKey> extends ClaudeCallOptions {
  content: TSopContent;
  sectionKey: K;
  instruction: string;
  frameworks?: string[];
}

export type ImproveResult<K extends SectionKey> =
  | { status: 'complete'; value: TSopContent[K]; usage: ClaudeUsage; model: string; removedCitations: TCitation[] }
  | { status: 'incomplete'; error: ClaudeError; usage?: ClaudeUsage };

export type ToolOutcome =
  | { ok: true; input: unknown; stopReason: string | null; usage: ClaudeUsage; model: string }
  | { ok: false; error: ClaudeError; usage?: ClaudeUsage };

const SHAPE = ZSopContent.shape;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Steps the model nested deeper than MAX_STEP_DEPTH, lifted to the deepest level allowed, in
 * reading order: its procedure is kept (only its nesting is capped) instead of failing the
 * schema. Recursion stops at MAX_STEP_DEPTH; below it the steps are collected with a stack.
 */
export function liftDeepSteps(steps: unknown, depth = 1): unknown {
  if (!Array.isArray(steps)) return steps;
  if (depth < MAX_STEP_DEPTH) return steps.map((s) => (isObject(s) ? { ...s, substeps: liftDeepSteps(s.substeps ?? [], depth + 1) } : s));
  const flat: unknown[] = [];
  const stack: unknown[] = [...steps].reverse();
  while (stack.length) {
    const s = stack.pop();
    if (!isObject(s)) {
      flat.push(s);
      continue;
    }
    flat.push({ ...s, substeps: [] });
    if (Array.isArray(s.substeps)) for (let i = s.substeps.length - 1; i >= 0; i--) stack.push(s.substeps[i]);
  }
  return flat;
}

/** A section as the model wrote it, fitted where the schema would refuse only its shape (the procedure's depth). */
const fitted = (key: string, value: unknown) => (key === 'procedure' ? liftDeepSteps(value) : value);

export async function draftWithClaude(opts: DraftWithClaudeOptions): Promise<DraftResult> {
  const frameworks = opts.input.frameworks ?? [];
  const partial: Partial<Record<SectionKey, unknown>> = {};
  const handled = new Set<string>();
  const removedCitations: TCitation[] = [];

  /** Takes the sections a snapshot completes: all but its last key, or all of them at the end. */
  const collect = (snapshot: unknown, final: boolean) => {
    if (!isObject(snapshot)) return;
    const keys = Object.keys(snapshot);
    for (const key of keys.slice(0, final ? keys.length : -1)) {
      if (handled.has(key) || !(key in SHAPE)) continue;
      handled.add(key);
      const k = key as SectionKey;
      const parsed = SHAPE[k].safeParse(fitted(k, snapshot[k]));
      if (!parsed.success) continue;
      let value = parsed.data as TSopContent[SectionKey];
      if (k === 'references') {
        const checked = checkCitations({ references: value as TCitation[] }, frameworks);
        removedCitations.push(...checked.removed);
        value = checked.content.references;
      }
      partial[k] = value;
      try {
        opts.onSection?.(k, value);
      } catch {
        // A failing listener (e.g. a closed client connection) must not break the draft.
      }
    }
  };

  const outcome = await streamTool(opts, buildDraftPrompt(opts.input), WRITE_SOP_TOOL, (snapshot) => collect(snapshot, false));
  if (!outcome.ok) return { status: 'incomplete', partial: partial as Partial<TSopContent>, error: outcome.error, ...(outcome.usage && { usage: outcome.usage }) };

  collect(outcome.input, outcome.stopReason !== 'max_tokens'); // a cut-off last section is not complete
  const parsed = ZSopContent.safeParse(isObject(outcome.input) ? { ...outcome.input, procedure: fitted('procedure', outcome.input.procedure) } : outcome.input);
  if (!parsed.success) {
    const error = outcome.stopReason === 'max_tokens' ? truncated() : malformed(parsed.error.issues[0], keptSections(Object.keys(partial).length));
    return { status: 'incomplete', partial: partial as Partial<TSopContent>, error, usage: outcome.usage };
  }
  const checked = checkCitations(parsed.data, frameworks);
  return { status: 'complete', content: checked.content, usage: outcome.usage, model: outcome.model, removedCitations: dedupe([...removedCitations, ...checked.removed]) };
}

export async function improveSectionWithClaude<K extends SectionKey>(opts: ImproveWithClaudeOptions<K>): Promise<ImproveResult<K>> {
  const frameworks = opts.frameworks ?? [];
  const outcome = await streamTool(opts, buildImprovePrompt(opts.content, opts.sectionKey, opts.instruction, frameworks), WRITE_SECTION_TOOL);
  if (!outcome.ok) return { status: 'incomplete', error: outcome.error, ...(outcome.usage && { usage: outcome.usage }) };
  const parsed = SHAPE[opts.sectionKey].safeParse(isObject(outcome.input) ? fitted(opts.sectionKey, outcome.input.value) : undefined);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const error = outcome.stopReason === 'max_tokens' ? truncated() : malformed(issue && { ...issue, path: [opts.sectionKey, ...issue.path] }, 'The section was left as it was.');
    return { status: 'incomplete', error, usage: outcome.usage };
  }
  let value = parsed.data as TSopContent[K];
  let removedCitations: TCitation[] = [];
  if (opts.sectionKey === 'references') {
    const checked = checkCitations({ references: value as TCitation[] }, frameworks);
    value = checked.content.references as TSopContent[K];
    removedCitations = checked.removed;
  }
  return { status: 'complete', value, usage: outcome.usage, model: outcome.model, removedCitations };
}

/**
 * One streamed, forced tool call. Resolves with the tool input, or with a mapped error. Every
 * Claude feature (drafting, section rewrites, clause suggestions, gap analysis) calls through here.
 */
export async function streamTool(opts: ClaudeCallOptions, req: ClaudeRequest, toolName: string, onSnapshot?: (snapshot: unknown) => void): Promise<ToolOutcome> {
  const client = new Anthropic({ apiKey: opts.apiKey, baseURL: opts.baseURL ?? null, maxRetries: opts.maxRetries ?? 2, timeout: opts.timeoutMs ?? 60_000, logLevel: 'warn' }); // never debug: ANTHROPIC_LOG=debug would log request bodies
  const controller = new AbortController();
  let stopped: 'cancelled' | 'timeout' | undefined;
  const stop = (why: 'cancelled' | 'timeout') => {
    stopped ??= why;
    controller.abort();
  };
  const onAbort = () => stop('cancelled');
  if (opts.signal?.aborted) onAbort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  let idle: ReturnType<typeof setTimeout> | undefined;
  const touch = () => {
    clearTimeout(idle);
    idle = setTimeout(() => stop('timeout'), opts.idleTimeoutMs ?? 90_000);
  };

  let connected = false;
  let usage: ClaudeUsage | undefined;
  try {
    const stream = client.messages.stream(
      { model: opts.model, system: req.system, messages: req.messages, tools: req.tools, tool_choice: req.tool_choice, max_tokens: req.max_tokens },
      { signal: controller.signal },
    );
    stream.on('connect', () => {
      connected = true;
      touch();
    });
    stream.on('streamEvent', (event) => {
      touch();
      if (event.type === 'message_start') usage = { inputTokens: event.message.usage.input_tokens, outputTokens: event.message.usage.output_tokens };
      else if (event.type === 'message_delta' && usage) usage = { inputTokens: event.usage.input_tokens ?? usage.inputTokens, outputTokens: event.usage.output_tokens };
    });
    if (onSnapshot) stream.on('inputJson', (_delta, snapshot) => onSnapshot(snapshot));
    const message = await stream.finalMessage();
    const block = message.content.find((b) => b.type === 'tool_use' && b.name === toolName);
    const finalUsage = { inputTokens: message.usage.input_tokens, outputTokens: message.usage.output_tokens };
    if (!block || block.type !== 'tool_use') return { ok: false, error: { code: 'malformed_output', message: 'Claude answered without filling in the SOP template. Try again, or use the offline drafter.' }, usage: finalUsage };
    return { ok: true, input: block.input, stopReason: message.stop_reason, usage: finalUsage, model: message.model };
  } catch (err) {
    return { ok: false, error: describeError(err, stopped, connected, opts), ...(usage && { usage }) };
  } finally {
    clearTimeout(idle);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

const KEPT = 'The sections already written were kept.';

/** Maps an SDK error to a code and a plain-language message (no key, no raw upstream dump). */
function describeError(err: unknown, stopped: 'cancelled' | 'timeout' | undefined, connected: boolean, opts: ClaudeCallOptions): ClaudeError {
  if (stopped === 'cancelled' || (err instanceof APIUserAbortError && !stopped)) return { code: 'cancelled', message: `Drafting was cancelled. ${KEPT}` };
  if (stopped === 'timeout') return { code: 'timeout', message: `Claude stopped sending the draft and did not resume in time. ${KEPT} Try again.` };
  if (err instanceof APIConnectionTimeoutError) return { code: 'timeout', message: 'Claude did not answer in time, even after retrying. Try again in a few minutes.' };
  if (err instanceof APIConnectionError) {
    return connected
      ? { code: 'stream_interrupted', message: `The connection to Claude dropped before the draft was finished. ${KEPT} Try again.` }
      : { code: 'connection_failed', message: 'The AI service could not be reached. Check the network or ANTHROPIC_BASE_URL, then try again.' };
  }
  if (err instanceof APIError) {
    const { status, type } = err;
    if (status === 401 || type === 'authentication_error') return { code: 'auth_failed', message: 'The AI service rejected the API key. Ask your administrator to check ANTHROPIC_API_KEY.' };
    if (status === 403 || type === 'permission_error') return { code: 'auth_failed', message: 'The API key is not allowed to use this model or feature. Ask your administrator to check the Anthropic account.' };
    if (status === 404 || type === 'not_found_error') return { code: 'model_not_found', message: `The AI model "${opts.model}" is not available to this API key. Ask your administrator to check ANTHROPIC_MODEL.` };
    if (status === 429 || type === 'rate_limit_error') {
      const after = Number.parseFloat(err.headers?.get('retry-after') ?? '');
      const wait = Number.isFinite(after) && after > 0 ? Math.ceil(after) : undefined;
      return { code: 'rate_limited', message: `Too many AI requests for this account right now. ${wait ? `Try again in about ${wait} seconds.` : 'Wait a minute and try again.'}`, ...(wait && { retryAfterSeconds: wait }) };
    }
    if (status === 529 || type === 'overloaded_error') return { code: 'overloaded', message: `Claude is overloaded at the moment${connected ? ` and stopped mid-draft. ${KEPT}` : '.'} Try again in a few minutes, or use the offline drafter.` };
    if (status === 402 || type === 'billing_error') return { code: 'billing_problem', message: 'The Anthropic account behind the API key has a billing problem (no credit left?). Ask your administrator to check it.' };
    if (status === 504 || type === 'timeout_error') return { code: 'timeout', message: `The AI service timed out${connected ? ` mid-draft. ${KEPT}` : '.'} Try again in a few minutes.` };
    if ((status !== undefined && status >= 500) || type === 'api_error') return { code: 'upstream_error', message: `The AI service had an internal error${status ? ` (HTTP ${status})` : ''}. Try again; if it keeps happening, use the offline drafter.` };
    if (status === 413) return { code: 'bad_request', message: 'The process description is too long for the AI service. Shorten it and try again.' };
    return { code: 'bad_request', message: `The AI service refused the request${status ? ` (HTTP ${status})` : ''}: ${scrubKey(err.apiMessage ?? 'no reason given', opts.apiKey)}` };
  }
  if (err instanceof Error && err.cause instanceof SyntaxError) return { code: 'malformed_output', message: `Claude sent a draft that is not valid structured data. ${KEPT} Try again.` };
  return connected
    ? { code: 'stream_interrupted', message: `The connection to Claude dropped before the draft was finished. ${KEPT} Try again.` }
    : { code: 'connection_failed', message: 'The AI service could not be reached. Try again in a few minutes.' };
}

/** `outcome` says what happens to the user's content: "The 4 valid sections were kept." */
function malformed(issue: { path: PropertyKey[]; message: string } | undefined, outcome: string): ClaudeError {
  const where = issue?.path.length ? ` (${issue.path.map((p) => (typeof p === 'number' ? p + 1 : String(p))).join(' › ')}: ${issue.message})` : '';
  return { code: 'malformed_output', message: `Claude's answer did not fit the SOP template${where}. ${outcome} Try again.` };
}

function keptSections(n: number): string {
  return n ? `The ${n} valid section${n === 1 ? ' was' : 's were'} kept.` : 'No section was usable.';
}

function truncated(): ClaudeError {
  return { code: 'output_truncated', message: "Claude's answer was too long and was cut off. Shorten the process description or split the SOP into smaller ones, then try again." };
}

function scrubKey(text: string, apiKey: string): string {
  return apiKey ? text.split(apiKey).join('[redacted]') : text;
}

function dedupe(list: TCitation[]): TCitation[] {
  const seen = new Set<string>();
  return list.filter((c) => !seen.has(`${c.framework}\u0000${c.clause}`) && !!seen.add(`${c.framework}\u0000${c.clause}`));
}
