/**
 * A generation as Server-Sent Events (`text/event-stream`): first its stored state (what was
 * redacted, every section already written, or the result if it finished), then live events
 * until it ends. The same stream serves the request that started the run and any tab that
 * reopens it later; closing the stream never stops the run. A run that is recorded as
 * running but is not running in this process (the server restarted) is closed as
 * interrupted, keeping what it wrote.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { SECTIONS } from '@/lib/sops/content';
import { closeWithPartial, FINISHED, requireGeneration, type Generation } from '@/lib/sops/generations';
import { renderSectionHtml } from '@/lib/sops/render-html';
import { requireSop } from '@/lib/sops/service';
import { isRunningHere, subscribe, type GenerationEvent } from './generation-bus';

const HEARTBEAT_MS = 15_000;

export function sseHeaders(): HeadersInit {
  return {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  };
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

/** Close a run that this process does not own and that never finished (a restart cut it off). */
async function closeInterrupted(user: CurrentUser, g: Generation): Promise<Generation> {
  return withUser(user.claims, async (tx) => {
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
  });
}

export async function generationEventStream(user: CurrentUser, orgId: string, generationId: string): Promise<ReadableStream<Uint8Array>> {
  const encoder = new TextEncoder();
  const buffered: GenerationEvent[] = [];
  let live: ((e: GenerationEvent) => void) | null = null;
  // Subscribe before reading the stored state, so no event falls between the two.
  const unsubscribe = subscribe(generationId, (e) => (live ? live(e) : buffered.push(e)));
  let g = await withUser(user.claims, (tx) => requireGeneration(tx, orgId, generationId));
  if (!FINISHED.includes(g.status) && !unsubscribe && !isRunningHere(g.id)) g = await closeInterrupted(user, g);

  let heartbeat: NodeJS.Timeout | undefined;
  const stop = () => {
    unsubscribe?.();
    clearInterval(heartbeat);
  };
  return new ReadableStream<Uint8Array>({
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
      live = send;
      heartbeat = setInterval(() => {
        if (!closed) controller.enqueue(encoder.encode(': keep-alive\n\n'));
      }, HEARTBEAT_MS);
    },
    cancel() {
      // The watcher left (tab closed); the run goes on.
      stop();
    },
  });
}
