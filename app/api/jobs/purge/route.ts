/** POST /api/jobs/purge — the scheduled purge of deleted accounts for hosted mode (lib/http/cron.ts: bearer CRON_SECRET). */
import { asService } from '@/lib/db/service';
import { cronRoute } from '@/lib/http/cron';
import { purgeDeletedAccounts } from '@/lib/jobs/purge';

export const dynamic = 'force-dynamic';

const run = cronRoute(() => purgeDeletedAccounts(asService));
export const POST = run;
export const GET = run; // Vercel Cron calls GET
