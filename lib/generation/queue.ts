/**
 * The drafting queue: pg-boss over the app's own database handle.
 *
 * Why pg-boss (10.x) and not graphile-worker:
 * - pg-boss takes a `db` with `executeSql(text, values)`, so it runs over our postgres.js pool
 *   and over PGlite alike: the embedded default stays one process with no extra service, and
 *   every instance of a hosted deployment uses the connection it already has. graphile-worker
 *   needs node-postgres (`pg`) and a dedicated LISTEN connection, which PGlite cannot give it.
 * - pg-boss 10 runs on Node 20 (`engines: node >= 20`); pg-boss 11 and graphile-worker 0.17+
 *   need Node 22. graphile-worker also installs its schema and SQL functions itself at start.
 * - Its schema is plain tables the migrator creates (supabase/migrations/…_generation_queue.sql),
 *   so we start it with migrate: false and no user role can reach it.
 *
 * What pg-boss does here: hold one job per run until a worker on any instance fetches it (SKIP
 * LOCKED), expire a job whose worker vanished, and try it again. What it does not do: liveness
 * and Cancel of a run in progress (generations.heartbeat_at, cancel_requested: worker.ts) and
 * live events (signals.ts), which are row-level and cross-instance through LISTEN/NOTIFY.
 */
import PgBoss from 'pg-boss';
import type { Database } from '@/lib/db/types';

/** The queue the migration created. */
export const DRAFTING_QUEUE = 'drafting';

/** pg-boss's `db` over one of our databases: its statements run outside our transactions. */
export function bossDb(db: Database): PgBoss.Db {
  return {
    async executeSql(text, values) {
      // node-postgres, which pg-boss is written for, sends undefined as NULL; postgres.js refuses it.
      return { rows: await db.execute(text, values?.map((v) => (v === undefined ? null : v))) };
    },
  };
}

export interface BossOptions {
  /** Run pg-boss's maintenance (expire, archive, delete) on this instance; pg-boss coordinates instances. */
  supervise?: boolean;
}

/** A started pg-boss on `db`, checking (not creating) its schema. */
export async function startBoss(db: Database, options: BossOptions = {}): Promise<PgBoss> {
  const boss = new PgBoss({
    db: bossDb(db),
    migrate: false,
    schedule: false,
    supervise: options.supervise ?? true,
    // A finished job holds the run's scrubbed input and its starter's claims: keep it briefly.
    archiveCompletedAfterSeconds: 3600,
    archiveFailedAfterSeconds: 3600,
    deleteAfterSeconds: 86_400,
  });
  boss.on('error', (err: Error) => console.error(`drafting queue: ${err.message}`));
  await boss.start();
  return boss;
}
