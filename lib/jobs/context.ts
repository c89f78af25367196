/**
 * What a scheduled job is given: the service scope of the database it runs on, the sender for
 * its emails and the app's public address for links. `npm run jobs:run` builds one on the
 * database it opened (scripts/jobs-run.ts); POST /api/jobs/run on the process database.
 * Jobs read "now" from the database clock (private.clock(), in their SQL), never from
 * Date.now(), so that the tests that move the database clock move the jobs too.
 */
import type { Scopes } from '@/lib/db/scopes';
import type { SendEmail } from '@/lib/email/sender';

export interface JobContext {
  asService: Scopes['asService'];
  sendEmail: SendEmail;
  appUrl: string;
}

