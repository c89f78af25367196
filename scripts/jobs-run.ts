/**
 * npm run jobs:run — every scheduled job once (lib/jobs/run.ts): the purge of deleted accounts
 * and the effective dates. Safe to run as often as you like (every job is idempotent); run it
 * from cron, e.g. every 15 minutes. Exits 1 when a job failed.
 */
import { runAllJobs } from '../lib/jobs/run';
import { runJobScript } from './job-db';

runJobScript(async (asService) => {
  const outcomes = await runAllJobs(asService);
  for (const [name, outcome] of Object.entries(outcomes)) {
    console.log(`jobs:run: ${name}: ${outcome.ok ? JSON.stringify(outcome.result) : `FAILED: ${outcome.error}`}`);
  }
  if (Object.values(outcomes).some((o) => !o.ok)) process.exitCode = 1;
});
