/**
 * Drafting on one database handle: the queue (pg-boss), the signals (LISTEN) and, unless this
 * instance is told to run none, a worker. `drafting()` is this process's, over the app's
 * database, started once (at server start by instrumentation.ts, or by the first request that
 * needs it) and kept on globalThis like the database itself; `startDrafting()` builds one on
 * any handle (the tests start two, as two instances on one PostgreSQL).
 *
 * Settings (lib/env.ts): DRAFT_WORKERS runs at once on this instance (0: this instance only
 * enqueues and watches; a worker elsewhere runs them, e.g. `npm run worker`), and
 * DRAFT_HEARTBEAT_SECONDS between heartbeats; a running run whose heartbeat is
 * STALE_BEATS heartbeats old is taken for interrupted.
 */
import 'server-only';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import { getDb } from '@/lib/db/connection';
import { scopesFor, type Scopes } from '@/lib/db/scopes';
import type { Database } from '@/lib/db/types';
import { env } from '@/lib/env';
import { DRAFTING_QUEUE, startBoss } from './queue';
import { listenSignals, type Signals } from './signals';
import type { Started } from './start';
import { startWorker, type DraftWorker, type JobData } from './worker';

/** Heartbeats a run may miss before it counts as interrupted. */
export const STALE_BEATS = 6;

export interface DraftingOptions {
  /** Runs at once on this instance's worker; 0 runs no worker here. */
  workers: number;
  heartbeatSeconds: number;
  /** How often an idle worker asks the queue (a send on this instance wakes it at once). */
  pollingIntervalSeconds: number;
  /** Names this instance's worker (default: host, pid and a random suffix). */
  workerId?: string;
}

export interface Drafting {
  /** The scopes over this handle: viewers' re-reads (withUser) and the worker's claim and heartbeat (asService). */
  scopes: Scopes;
  signals: Signals;
  worker: DraftWorker | null;
  heartbeatSeconds: number;
  /** Seconds without a heartbeat after which a running run is interrupted. */
  staleSeconds: number;
  /** Put a recorded run (its transaction committed) on the queue. */
  enqueue(started: Started): Promise<void>;
  /** Stop: the worker ends its runs as interrupted, then the queue and the listener close (the handle stays open). */
  stop(): Promise<void>;
  /** Tests: die mid-run as a killed instance would: its runs write nothing more and stop beating. */
  kill(): Promise<void>;
}

export async function startDrafting(db: Database, options: DraftingOptions): Promise<Drafting> {
  const scopes = scopesFor(async () => db);
  const signals = await listenSignals(db);
  let boss: PgBoss;
  try {
    boss = await startBoss(db);
  } catch (err) {
    await signals.close();
    throw err;
  }
  const worker =
    options.workers > 0
      ? await startWorker({
          boss,
          scopes,
          signals,
          id: options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
          concurrency: options.workers,
          heartbeatSeconds: options.heartbeatSeconds,
          pollingIntervalSeconds: options.pollingIntervalSeconds,
        })
      : null;
  return {
    scopes,
    signals,
    worker,
    heartbeatSeconds: options.heartbeatSeconds,
    staleSeconds: options.heartbeatSeconds * STALE_BEATS,
    async enqueue({ user, generation, job }) {
      const data: JobData = { generationId: generation.id, source: generation.source, user: { id: user.id, claims: user.claims }, job };
      await boss.send(DRAFTING_QUEUE, data);
      worker?.nudge();
    },
    async stop() {
      await worker?.stop();
      await boss.stop({ graceful: true, close: false, wait: true });
      await signals.close();
    },
    async kill() {
      await worker?.kill();
      await boss.stop({ graceful: false, close: false });
      await signals.close();
    },
  };
}

const KEY = Symbol.for('sopwright.drafting');
type Holder = { [KEY]?: { started: Promise<Drafting>; value?: Drafting } };

/** This process's drafting, over the app's database, started on first use (never call it inside a transaction: PGlite has one connection). */
export function drafting(): Promise<Drafting> {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const { drafting: cfg, database } = env();
    const entry: NonNullable<Holder[typeof KEY]> = {
      started: getDb().then((db) =>
        startDrafting(db, {
          workers: cfg.workers,
          heartbeatSeconds: cfg.heartbeatSeconds,
          // embedded: no other process can enqueue, and a send here wakes the worker at once
          pollingIntervalSeconds: database.mode === 'pglite' ? 10 : 2,
        }),
      ),
    };
    holder[KEY] = entry;
    entry.started.then(
      (d) => void (entry.value = d),
      () => {
        if (holder[KEY] === entry) delete holder[KEY];
      },
    );
  }
  return holder[KEY].started;
}

/** This process's drafting if it has started, without waiting (for code inside a transaction). */
export function draftingIfStarted(): Drafting | null {
  return (globalThis as Holder)[KEY]?.value ?? null;
}

/** Stop this process's drafting, if it started (server shutdown): its runs end as interrupted, keeping what they wrote. */
export async function stopDrafting(): Promise<void> {
  const holder = globalThis as Holder;
  const entry = holder[KEY];
  if (!entry) return;
  delete holder[KEY];
  await (await entry.started.catch(() => null))?.stop();
}

// scripts/server.ts calls it on SIGTERM/SIGINT; it is not in Next's module graph, so it finds it here.
(globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.stopDrafting')] = stopDrafting;
