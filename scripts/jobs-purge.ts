/** npm run jobs:purge — erase accounts deleted more than 30 days ago. */
import { purgeDeletedAccounts } from '../lib/jobs/purge';
import { runJobScript } from './job-db';

runJobScript(async (asService) => {
  const { purged } = await purgeDeletedAccounts(asService);
  console.log(`jobs:purge: ${purged} account(s) erased`);
});
