/**
 * Live news of drafting runs across instances: one LISTEN per database handle on the channel
 * the generations trigger notifies (supabase/migrations/…_generation_queue.sql), fanned out in
 * this process to whoever watches a run. A signal says only which run and what kind of change:
 * `changed` (a section was stored, or the status moved) or `cancel` (Cancel was recorded);
 * watchers read the row for the rest. Works the same on PGlite (in-process NOTIFY) and on
 * PostgreSQL (postgres.js listens on a connection of its own, and again after a reconnect).
 * A signal lost while that connection was down is made up for by the watchers' periodic
 * re-read (stream.ts, worker.ts).
 */
import type { Database } from '@/lib/db/types';

export const CHANNEL = 'sopwright_generation';

export type SignalKind = 'changed' | 'cancel';
type Listener = (kind: SignalKind) => void;

export interface Signals {
  /** Watch one run; returns how to stop. */
  on(id: string, listener: Listener): () => void;
  close(): Promise<void>;
}

export async function listenSignals(db: Database): Promise<Signals> {
  const listeners = new Map<string, Set<Listener>>();
  const unlisten = await db.listen(CHANNEL, (payload) => {
    const [id, kind] = payload.split(' ');
    if (!id || (kind !== 'changed' && kind !== 'cancel')) return;
    for (const listener of listeners.get(id) ?? []) {
      try {
        listener(kind);
      } catch {
        // one broken watcher must not stop the others
      }
    }
  });
  return {
    on(id, listener) {
      let set = listeners.get(id);
      if (!set) listeners.set(id, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(id) === set) listeners.delete(id);
      };
    },
    async close() {
      listeners.clear();
      await unlisten();
    },
  };
}
