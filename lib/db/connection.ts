/** The app's database (lib/db/open.ts): one per process, opened on first use or by scripts/server.ts. */
import 'server-only';
import { processDatabase } from './open';
import type { Database } from './types';

export function getDb(): Promise<Database> {
  return processDatabase();
}
