/**
 * Every scheduled job, in order, for `npm run jobs:run` and POST /api/jobs/run (hosted mode's
 * scheduler; in embedded mode the server calls it itself every 15 minutes, scripts/server.ts).
 * Effective dates run before the reminders, so a version that became effective this run is
 * the one they remind about. A job that fails does not keep the others from running; the
 * run reports each one's result or error. Every job is idempotent: run it as often as you like.
 */
import type { JobContext } from './context';
import { makeDueVersionsEffectiveJob } from './effective-dates';
import { purgeDeletedAccounts } from './purge';
import { sendReviewReminders } from './review-reminders';
import { sendTrainingReminders } from './training-reminders';

export const JOBS = {
  purge: (ctx: JobContext) => purgeDeletedAccounts(ctx.asService),
  'effective-dates': (ctx: JobContext) => makeDueVersionsEffectiveJob(ctx.asService),
  'review-reminders': (ctx: JobContext) => sendReviewReminders(ctx),
  'training-reminders': (ctx: JobContext) => sendTrainingReminders(ctx),
} as const;

export type JobName = keyof typeof JOBS;
export type JobOutcome = { ok: true; result: unknown } | { ok: false; error: string };

export async function runAllJobs(ctx: JobContext): Promise<Record<JobName, JobOutcome>> {
  const out = {} as Record<JobName, JobOutcome>;
  for (const name of Object.keys(JOBS) as JobName[]) {
    try {
      out[name] = { ok: true, result: await JOBS[name](ctx) };
    } catch (err) {
      out[name] = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  return out;
}
