/**
 * A generation as Server-Sent Events (`text/event-stream`): first its stored state (what was
 * redacted, every section already written, or the result if it finished), then live events
 * until it ends. The same stream serves the request that started the run and any tab that
 * reopens it later, on any instance; closing the stream never stops the run.
 *
 * Live events are the row's: the run stores each section as it arrives and the database
 * signals every instance (signals.ts); the stream then reads the row as the viewer and sends
 * what is new. It also re-reads on each keep-alive, which closes a run whose heartbeat went
 * stale (its worker died) as interrupted, keeping what it wrote, and makes up for a signal
 * lost to a reconnect.
 *
 * watchStored() reads inside the caller's transaction; the Response is built after it
 * committed (afterCommit), so a stream never holds a transaction open.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import type { Tx } from '@/lib/db/types';
import { env } from '@/lib/env';
import { logError } from '@/lib/log';
import { afterCommit } from '@/lib/orgs/scope';
import { SECTIONS, type TCitation } from '@/lib/sops/content';
import { renderSectionHtml } from '@/lib/sops/render-html';
import type { Redaction } from '@/lib/ai/scrub';
import { drafting, draftingIfStarted, STALE_BEATS, type Drafting } from './runtime';
import type { Started } from './start';
import { closeInterrupted, closeRun, FINISHED, isStale, requireGeneration, type Generation } from './store';

export type GenerationEvent =
  | { type: 'generation'; data: { id: string; sopId: string; status: string; source: 'ai' | 'offline'; kind: 'draft' | 'improve'; section: string } }
  | { type: 'redactions'; data: { redactions: Redaction[] } }
  | { type: 'section'; data: { key: string; heading: string; html: string } }
  | { type: 'citations_removed'; data: { removed: TCitation[] } }
  | { type: 'done'; data: { sopId: string; versionId: string; complete: boolean } }
  | { type: 'error'; data: { code: string; message: string; sopId: string; versionId: string | null } };

/** What a drafting stream sends, for the API reference of the routes that stream one. */
export const SSE_EVENTS = 'Server-Sent Events: `generation`, `redactions`, `section` (one per finished section, with sanitized HTML), `citations_removed`, then `done { sopId, versionId, complete }` or `error { code, message, sopId, versionId }`.';

const KEEP_ALIVE_MS = 15_000;

const SSE_HEADERS = { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' };

/**
 * A run as read for a viewer, and the signals that came while it was read: when this
 * process's drafting has started, the stream listens before the read, so nothing falls between
 * the read and the first live event; otherwise it catches up with one re-read once attached.
 */
interface Watch {
  g: Generation;
  viewer: CurrentUser;
  early: { off: () => void; signalled: boolean; then?: () => void } | null;
}

function listenEarly(d: Drafting | null, id: string): Watch['early'] {
  if (!d) return null;
  const early: NonNullable<Watch['early']> = { off: () => {}, signalled: false };
  early.off = d.signals.on(id, () => (early.then ? early.then() : (early.signalled = true)));
  return early;
}

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

const staleSeconds = () => env().drafting.heartbeatSeconds * STALE_BEATS;

/** A run as the viewer may see it now; one whose worker is gone (stale heartbeat) is closed as interrupted first. */
async function readLive(tx: Tx, viewer: CurrentUser, orgId: string, id: string): Promise<Generation> {
  const g = await requireGeneration(tx, orgId, id);
  if (FINISHED.includes(g.status) || !(await isStale(tx, orgId, id, staleSeconds()))) return g;
  return closeInterrupted(tx, viewer.id, g);
}

/** A run as it is stored, read in the caller's transaction (closed as interrupted if its worker is gone). */
export async function watchStored(tx: Tx, user: CurrentUser, orgId: string, id: string): Promise<Watch> {
  const early = listenEarly(draftingIfStarted(), id);
  try {
    return { g: await readLive(tx, user, orgId, id), viewer: user, early };
  } catch (err) {
    early?.off();
    throw err;
  }
}

/**
 * The answer to a request that recorded a run: once its transaction has committed, listen,
 * put the run on the queue, and stream its events from the start (X-Generation-Id, X-Sop-Id
 * say which run and SOP). A run that cannot be queued ends as failed, and the stream says so.
 */
export function streamAfterCommit(started: Started) {
  const { id, sopId } = started.generation;
  return afterCommit(async () => {
    const d = await drafting();
    const w: Watch = { g: started.generation, viewer: started.user, early: listenEarly(d, id) };
    await d.enqueue(started).catch(async (err: unknown) => {
      logError('drafting could not be queued', { generation: id, err });
      await d.scopes
        .withUser(started.user.claims, (tx) =>
          closeRun(tx, started.generation, { authorId: started.user.id, status: 'failed', code: 'connection_failed', message: 'Drafting could not be started on our side. Nothing was written; try again.' }),
        )
        .catch((e: unknown) => logError('could not record a run that was not queued', { generation: id, err: e }));
      w.early!.signalled = true; // read the row that says so
    });
    return eventResponse(w, { 'X-Generation-Id': id, 'X-Sop-Id': sopId });
  });
}

export function eventResponse(w: Watch, headers: Record<string, string> = {}): Response {
  const encoder = new TextEncoder();
  const { g, viewer } = w;
  let stop = () => w.early?.off();
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const close = () => {
        if (closed) return;
        closed = true;
        stop();
        controller.close();
      };
      const sent = new Set<string>();
      /** Send what the row holds that was not sent yet; close after its end. */
      const sendFrom = (row: Generation, first: boolean) => {
        for (const e of storedEvents(row)) {
          if (closed) return;
          if (!first && (e.type === 'generation' || e.type === 'redactions')) continue;
          if (e.type === 'section') {
            if (sent.has(e.data.key)) continue;
            sent.add(e.data.key);
          }
          controller.enqueue(encoder.encode(encode(e)));
          if (e.type === 'done' || e.type === 'error') close();
        }
      };
      sendFrom(g, true);
      if (closed) return;

      // Re-read the row as the viewer: after each signal (coalesced) and on each keep-alive.
      let reading = false;
      let again = false;
      let d: Drafting | undefined;
      const refresh = async () => {
        if (closed || !d) return;
        if (reading) return void (again = true);
        reading = true;
        try {
          do {
            again = false;
            const row = await d.scopes.withUser(viewer.claims, (tx) => readLive(tx, viewer, g.orgId, g.id));
            sendFrom(row, false);
          } while (again && !closed);
        } catch (err) {
          logError('drafting stream could not read its run', { generation: g.id, err });
        } finally {
          reading = false;
        }
      };
      const keepAlive = setInterval(() => {
        if (closed) return;
        controller.enqueue(encoder.encode(': keep-alive\n\n'));
        void refresh();
      }, Math.min(KEEP_ALIVE_MS, (staleSeconds() * 1000) / 2));
      const early = w.early;
      stop = () => {
        early?.off();
        clearInterval(keepAlive);
      };
      void (async () => {
        d = await drafting();
        if (closed) return;
        if (early) {
          early.then = () => void refresh();
          if (early.signalled) void refresh();
        } else {
          const off = d.signals.on(g.id, () => void refresh());
          const clear = stop;
          stop = () => {
            off();
            clear();
          };
          void refresh(); // what happened between the read and listening
        }
      })().catch((err: unknown) => logError('drafting stream could not listen', { generation: g.id, err }));
    },
    cancel() {
      // The watcher left (tab closed); the run goes on.
      stop();
    },
  });
  return new Response(stream, { headers: { ...SSE_HEADERS, ...headers } });
}
