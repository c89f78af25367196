/**
 * The worker that runs drafting jobs on this instance: up to `concurrency` runs at once, each
 * fetched from the queue by any instance's worker (whichever asks first). For each job it
 *   1. claims the run (queued → running, its worker id and a first heartbeat), or does nothing
 *      when the run is no longer queued (cancelled while it waited; a job tried again);
 *   2. writes a heartbeat every `heartbeatSeconds` while it runs, which also reads Cancel and
 *      notices a run that someone else closed (then it stops);
 *   3. stops at once on the `cancel` signal (signals.ts), so Cancel from any instance lands in
 *      the time of one NOTIFY; the heartbeat and every stored section read Cancel as well;
 *   4. executes the run as the person who started it (run.ts: withUser with their claims).
 * The claim and the heartbeat are the service scope's: no user may write heartbeat_at or
 * worker_id. Stopping the worker ends its runs as interrupted, keeping what they wrote; a
 * worker that dies instead leaves its runs with a stale heartbeat, which any viewer closes the
 * same way (stream.ts), and Retry starts them again.
 */
import type PgBoss from 'pg-boss';
import { markVerified, type JwtClaims } from '@/lib/db/claims';
import type { Scopes } from '@/lib/db/scopes';
import { logError } from '@/lib/log';
import { DRAFTING_QUEUE } from './queue';
import { execute, KILLED, modelFor, SHUTDOWN, type Job, type Starter } from './run';
import type { Signals } from './signals';
import { claimRun, heartbeat, type Generation } from './store';

/** What a drafting job carries: which run, who started it (their verified claims), and what to write. */
export interface JobData {
  generationId: string;
  source: Generation['source'];
  user: { id: string; claims: JwtClaims };
  job: Job;
}

export interface WorkerOptions {
  boss: PgBoss;
  scopes: Scopes;
  signals: Signals;
  /** Names this worker in generations.worker_id. */
  id: string;
  concurrency: number;
  heartbeatSeconds: number;
  pollingIntervalSeconds: number;
}

export interface DraftWorker {
  readonly id: string;
  /** Ask this instance's idle workers to fetch now (after a send here). */
  nudge(): void;
  /** The runs executing here. */
  running(): string[];
  /** Stop fetching, end the runs here as interrupted (keeping what they wrote), and wait for them. */
  stop(): Promise<void>;
  /** Tests: die as a killed process would, mid-run: no more writes, no heartbeat, the jobs left active. */
  kill(): Promise<void>;
}

export async function startWorker(o: WorkerOptions): Promise<DraftWorker> {
  const runs = new Map<string, { controller: AbortController; done: Promise<void> }>();
  let killed = false;

  async function handle(data: JobData): Promise<void> {
    const user: Starter = { id: data.user.id, claims: markVerified(data.user.claims) }; // verified when the run was started; the queue is the server's own
    const g = await o.scopes.asService((tx) => claimRun(tx, data.generationId, o.id, modelFor(data.source)));
    if (!g) return;
    const controller = new AbortController();
    const off = o.signals.on(g.id, (kind) => {
      if (kind === 'cancel') controller.abort();
    });
    const beat = setInterval(() => {
      void o.scopes
        .asService((tx) => heartbeat(tx, g.id, o.id))
        .then(({ alive, cancelRequested }) => {
          if (!alive || cancelRequested) controller.abort();
        })
        .catch((err: unknown) => logError('drafting heartbeat failed', { generation: g.id, err }));
    }, o.heartbeatSeconds * 1000);
    const done = execute({ withUser: o.scopes.withUser, user, generation: g, job: data.job, controller }).finally(() => {
      clearInterval(beat);
      off();
      runs.delete(g.id);
    });
    runs.set(g.id, { controller, done });
    await done;
    if (killed) await new Promise(() => {}); // a dead process never reports its job done
  }

  const ids: string[] = [];
  for (let i = 0; i < o.concurrency; i++) {
    ids.push(
      await o.boss.work<JobData>(DRAFTING_QUEUE, { batchSize: 1, pollingIntervalSeconds: o.pollingIntervalSeconds }, async ([job]) => {
        if (job) await handle(job.data);
      }),
    );
  }

  const stopFetching = async () => {
    for (const id of ids) await o.boss.offWork({ id });
  };

  return {
    id: o.id,
    nudge() {
      for (const id of ids) o.boss.notifyWorker(id);
    },
    running: () => [...runs.keys()],
    async stop() {
      await stopFetching();
      const pending = [...runs.values()];
      for (const r of pending) r.controller.abort(SHUTDOWN);
      await Promise.allSettled(pending.map((r) => r.done));
    },
    async kill() {
      killed = true;
      await stopFetching();
      for (const r of runs.values()) r.controller.abort(KILLED);
    },
  };
}
