/**
 * POST /api/jobs/effective-dates — approved versions whose effective date has come become
 * effective (the previous effective version superseded), for hosted mode: schedule it at
 * least hourly (lib/http/cron.ts: bearer CRON_SECRET). Answers `{ madeEffective: [...] }`.
 */
import { asService } from '@/lib/db/service';
import { cronRoute } from '@/lib/http/cron';
import { makeDueVersionsEffectiveJob } from '@/lib/jobs/effective-dates';

export const dynamic = 'force-dynamic';

const run = cronRoute(() => makeDueVersionsEffectiveJob(asService));
export const POST = run;
export const GET = run; // Vercel Cron calls GET
