/**
 * POST /api/jobs/run — every scheduled job once (lib/jobs/run.ts: the purge, effective dates,
 * review reminders and training reminders), for hosted mode's scheduler: call it at least
 * hourly with `Authorization: Bearer $CRON_SECRET` (lib/http/cron.ts). Answers each job's
 * result or error; 500 when one failed, so the scheduler shows the run as failed.
 */
import { NextResponse } from 'next/server';
import { asService } from '@/lib/db/service';
import { sendEmail } from '@/lib/email';
import { env } from '@/lib/env';
import { cronRoute } from '@/lib/http/cron';
import { runAllJobs } from '@/lib/jobs/run';

export const dynamic = 'force-dynamic';

const run = cronRoute(async () => {
  const outcomes = await runAllJobs({ asService, sendEmail, appUrl: env().appUrl });
  const failed = Object.values(outcomes).some((o) => !o.ok);
  if (!failed) return NextResponse.json({ jobs: outcomes });
  const names = Object.entries(outcomes).filter(([, o]) => !o.ok).map(([name]) => name);
  return NextResponse.json({ error: { code: 'job_failed', message: `These jobs failed: ${names.join(', ')}.` }, jobs: outcomes }, { status: 500 });
});
export const POST = run;
export const GET = run; // Vercel Cron calls GET
