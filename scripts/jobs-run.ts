/**
 * npm run jobs:run — every scheduled job once (lib/jobs/run.ts): the purge of deleted
 * accounts, the effective dates, the periodic-review reminders and the training reminders.
 * Safe to run as often as you like (every job is idempotent); run it from cron, e.g. every
 * 15 minutes. Exits 1 when a job failed. In embedded mode the running app server does this
 * itself (scripts/server.ts), and this script refuses while it runs on the same database.
 */
import { env } from '../lib/env';
import { emailSender } from '../lib/email/sender';
import { runAllJobs } from '../lib/jobs/run';
import { runJobScript } from './job-db';

runJobScript(async (asService) => {
  const cfg = env();
  const outcomes = await runAllJobs({ asService, sendEmail: emailSender(cfg.email, asService), appUrl: cfg.appUrl });
  for (const [name, outcome] of Object.entries(outcomes)) {
    console.log(`jobs:run: ${name}: ${outcome.ok ? JSON.stringify(outcome.result) : `FAILED: ${outcome.error}`}`);
  }
  if (Object.values(outcomes).some((o) => !o.ok)) process.exitCode = 1;
});
