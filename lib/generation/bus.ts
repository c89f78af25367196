/**
 * In-process fan-out of a running generation's events to whoever is watching (the POST that
 * started it, a reopened tab). The database holds the durable state (store.ts);
 * this only carries live events, and the AbortController that Cancel uses. One Node process
 * runs a generation from start to end (see README, "Hosting"): a process that restarts
 * mid-run leaves the row running, and the next viewer marks it interrupted.
 */
import type { TCitation } from '@/lib/sops/content';
import type { Redaction } from '@/lib/ai/scrub';

export type GenerationEvent =
  | { type: 'generation'; data: { id: string; sopId: string; status: string; source: 'ai' | 'offline'; kind: 'draft' | 'improve'; section: string } }
  | { type: 'redactions'; data: { redactions: Redaction[] } }
  | { type: 'section'; data: { key: string; heading: string; html: string } }
  | { type: 'citations_removed'; data: { removed: TCitation[] } }
  | { type: 'done'; data: { sopId: string; versionId: string; complete: boolean } }
  | { type: 'error'; data: { code: string; message: string; sopId: string; versionId: string | null } };

type Listener = (event: GenerationEvent) => void;

interface Entry {
  controller: AbortController;
  listeners: Set<Listener>;
}

const KEY = Symbol.for('sopwright.generation-bus');
const runs: Map<string, Entry> = ((globalThis as Record<symbol, unknown>)[KEY] as Map<string, Entry> | undefined) ??
  (((globalThis as Record<symbol, unknown>)[KEY] = new Map<string, Entry>()) as Map<string, Entry>);

export function registerRun(id: string): AbortController {
  const controller = new AbortController();
  runs.set(id, { controller, listeners: new Set() });
  return controller;
}

export function endRun(id: string): void {
  runs.delete(id);
}

export function isRunningHere(id: string): boolean {
  return runs.has(id);
}

export function abortRun(id: string): boolean {
  const entry = runs.get(id);
  if (!entry) return false;
  entry.controller.abort();
  return true;
}

export function publish(id: string, event: GenerationEvent): void {
  for (const listener of runs.get(id)?.listeners ?? []) {
    try {
      listener(event);
    } catch {
      // a broken watcher must not stop the run
    }
  }
}

/** Watch a run; returns null when it is not running in this process. */
export function subscribe(id: string, listener: Listener): (() => void) | null {
  const entry = runs.get(id);
  if (!entry) return null;
  entry.listeners.add(listener);
  return () => entry.listeners.delete(listener);
}
