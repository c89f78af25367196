/**
 * Every scheduled job, for `npm run jobs:run` (the embedded default's one entry point; in
 * hosted mode the scheduler calls each job's route under /api/jobs instead). A job that fails
 * does not keep the others from running; the run reports each one's result or error.
 */
import type { Scopes } from '@/lib/db/scopes';
import { makeDueVersionsEffectiveJob } from './effective-dates';
import { purgeDeletedAccounts } from './purge';

export const JOBS = {
  purge: (asService: Scopes['asService']) => purgeDeletedAccounts(asService),
  'effective-dates': (asService: Scopes['asService']) => makeDueVersionsEffectiveJob(asService),
} as const;

export type JobName = keyof typeof JOBS;
export type JobOutcome = { ok: true; result: unknown } | { ok: false; error: string };

export async function runAllJobs(asService: Scopes['asService']): Promise<Record<JobName, JobOutcome>> {
  const out = {} as Record<JobName, JobOutcome>;
  for (const name of Object.keys(JOBS) as JobName[]) {
    try {
      out[name] = { ok: true, result: await JOBS[name](asService) };
    } catch (err) {
      out[name] = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
  }
  return out;
}
