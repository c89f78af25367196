/**
 * A generation as Server-Sent Events (`text/event-stream`): first its stored state (what was
 * redacted, every section already written, or the result if it finished), then live events
 * until it ends. The same stream serves the request that started the run and any tab that
 * reopens it later; closing the stream never stops the run. A run that is recorded as
 * running but is not running in this process (the server restarted) is closed as
 * interrupted, keeping what it wrote.
 *
 * watchStored() reads inside the caller's transaction; the Response is built after it
 * committed (afterCommit), so a stream never holds a transaction open.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import type { Tx } from '@/lib/db/types';
import { afterCommit } from '@/lib/orgs/scope';
import { SECTIONS } from '@/lib/sops/content';
import { renderSectionHtml } from '@/lib/sops/render-html';
import { requireSop } from '@/lib/sops/service';
import { isRunningHere, subscribe, type GenerationEvent } from './bus';
import { launch } from './run';
import type { Started } from './start';
import { closeWithPartial, FINISHED, requireGeneration, type Generation } from './store';

/** What a drafting stream sends, for the API reference of the routes that stream one. */
export const SSE_EVENTS = 'Server-Sent Events: `generation`, `redactions`, `section` (one per finished section, with sanitized HTML), `citations_removed`, then `done { sopId, versionId, complete }` or `error { code, message, sopId, versionId }`.';

const HEARTBEAT_MS = 15_000;

const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' };

/**
 * A run's stored state and its live events from the moment it was read, buffered until the
 * stream attaches: subscribe first, then read, so no event falls between the two.
 * `unsubscribe` is null when the run is not running in this process.
 */
async function watch(id: string, read: () => Promise<Generation>) {
  const buffered: GenerationEvent[] = [];
  let live: ((e: GenerationEvent) => void) | undefined;
  const unsubscribe = subscribe(id, (e) => (live ? live(e) : buffered.push(e)));
  try {
    return { g: await read(), buffered, unsubscribe, attach: (send: (e: GenerationEvent) => void) => void (live = send) };
  } catch (err) {
    unsubscribe?.();
    throw err;
  }
}
type Watch = Awaited<ReturnType<typeof watch>>;

function encode(event: GenerationEvent): string {
  return `event: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
}

function storedEvents(g: Generation): GenerationEvent[] {
  const events: GenerationEvent[] = [
    { type: 'generation', data: { id: g.id, sopId: g.sopId, status: g.status, source: g.source, kind: g.kind, section: g.section } },
    { type: 'redactions', data: { redactions: g.redactions } },
  ];
  for (const { key, heading } of SECTIONS) {
    if (!(key in g.partialContent)) continue;
    try {
      events.push({ type: 'section', data: { key, heading, html: renderSectionHtml(key, g.partialContent[key]) } });
    } catch {
      // not renderable: the final version holds the validated content
    }
  }
  if (g.status === 'succeeded' && g.versionId) {
    if (g.removedCitations.length) events.push({ type: 'citations_removed', data: { removed: g.removedCitations } });
    events.push({ type: 'done', data: { sopId: g.sopId, versionId: g.versionId, complete: true } });
  } else if (g.status === 'failed' || g.status === 'cancelled') {
    events.push({ type: 'error', data: { code: g.errorCode || g.status, message: g.errorMessage || 'Drafting stopped.', sopId: g.sopId, versionId: g.versionId } });
  }
  return events;
}

/** Close a run that this process does not own and that never finished (a restart cut it off). */
async function closeInterrupted(tx: Tx, user: CurrentUser, g: Generation): Promise<Generation> {
  const sop = await requireSop(tx, g.orgId, g.sopId);
  await closeWithPartial(tx, g, {
    authorId: user.id,
    partial: g.kind === 'draft' ? g.partialContent : {},
    titleBlock: { title: sop.title, documentNumber: sop.docNumber, department: sop.department },
    status: 'failed',
    code: 'interrupted',
    message: 'Drafting was interrupted when the server restarted. What was written is kept; retry to finish it.',
  });
  return requireGeneration(tx, g.orgId, g.id);
}

/** A run as it is stored, and what it does next: read in the caller's transaction (closed as interrupted if no process runs it). */
export function watchStored(tx: Tx, user: CurrentUser, orgId: string, id: string): Promise<Watch> {
  return watch(id, async () => {
    const g = await requireGeneration(tx, orgId, id);
    return !FINISHED.includes(g.status) && !isRunningHere(g.id) ? closeInterrupted(tx, user, g) : g;
  });
}

/**
 * The answer to a request that recorded a run: once its transaction has committed, launch the
 * run and stream its events from the start (X-Generation-Id, X-Sop-Id say which run and SOP).
 */
export function streamAfterCommit(started: Started) {
  const { id, sopId } = started.generation;
  return afterCommit(async () => {
    launch(started); // registers the run, so the watch below can subscribe before its first event
    return eventResponse(await watch(id, async () => started.generation), { 'X-Generation-Id': id, 'X-Sop-Id': sopId });
  });
}

export function eventResponse(w: Watch, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const { g, buffered, unsubscribe } = w;
  let heartbeat: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe?.();
    clearInterval(heartbeat);
  };
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        stop();
        controller.close();
      };
      const send = (e: GenerationEvent) => {
        if (closed) return;
        controller.enqueue(encoder.encode(encode(e)));
        if (e.type === 'done' || e.type === 'error') close();
      };
      const sent = new Set<string>();
      for (const e of storedEvents(g)) {
        if (e.type === 'section') sent.add(e.data.key);
        send(e);
      }
      if (closed) return;
      if (!unsubscribe) {
        close();
        return;
      }
      for (const e of buffered) if (!(e.type === 'section' && sent.has(e.data.key) && g.kind === 'draft')) send(e);
      w.attach(send);
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(': keep-alive\n\n'));
      }, HEARTBEAT_MS);
    },
    cancel() {
      // The watcher left (tab closed); the run goes on.
      stop();
    },
  });
  return new Response(stream, { headers: { ...SSE_HEADERS, ...headers } });
}
