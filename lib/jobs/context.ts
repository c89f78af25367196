/**
 * What a scheduled job is given: the service scope of the database it runs on, the sender for
 * its emails and the app's public address for links. `npm run jobs:run` builds one on the
 * database it opened (scripts/jobs-run.ts); POST /api/jobs/run on the process database.
 * Jobs read "now" from the database clock (private.clock()), never from Date.now(), so that
 * the tests that move the database clock move the jobs too.
 */
import type { Scopes } from '@/lib/db/scopes';
import type { Tx } from '@/lib/db/types';
import type { SendEmail } from '@/lib/email/sender';

export interface JobContext {
  asService: Scopes['asService'];
  sendEmail: SendEmail;
  appUrl: string;
}

/** The database clock, as the job's "now". */
export async function databaseNow(tx: Tx): Promise<Date> {
  const [row] = await tx.query<{ now: Date }>('select private.clock() as now');
  return new Date(row!.now);
}
