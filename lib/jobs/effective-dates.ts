/**
 * Approved versions whose effective date has come become effective; the SOP's previous
 * effective version is superseded in the same transaction, and each change is a transition
 * and an audit event with no actor (private.make_due_versions_effective). Idempotent: a second
 * run finds nothing to do. Runs as the service (a job, not a user): `npm run jobs:run`, or the
 * scheduled route /api/jobs/effective-dates in hosted mode.
 */
import type { Scopes } from '@/lib/db/scopes';
import { makeDueVersionsEffective, type MadeEffective } from '@/lib/document-control/service';

export async function makeDueVersionsEffectiveJob(asService: Scopes['asService']): Promise<{ madeEffective: MadeEffective[] }> {
  return { madeEffective: await asService((tx) => makeDueVersionsEffective(tx)) };
}
