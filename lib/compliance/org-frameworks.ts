/**
 * The frameworks an organization follows (org_frameworks): codes of current library editions,
 * in library order. Members read them; owners and admins (org.update) change them, by RLS.
 * Each added or removed framework is audited by the table's triggers.
 */
import { z } from 'zod';
import type { Tx } from '@/lib/db/types';
import { AppError, databaseError } from '@/lib/errors';
import { CURRENT_FRAMEWORK_CODES, FRAMEWORKS } from '@/lib/library';
import { assertCan } from '@/lib/orgs/service';

const ORDER = new Map(FRAMEWORKS.map((f, i) => [f.code, i]));
const byOrder = (a: string, b: string) => (ORDER.get(a) ?? 999) - (ORDER.get(b) ?? 999);

/** A list of codes of current editions (GET /api/v1/frameworks), as every compliance input takes them. */
export const ZFrameworkCodes = z
  .array(z.enum(CURRENT_FRAMEWORK_CODES, { message: `frameworks: use codes of current editions from GET /api/v1/frameworks (${CURRENT_FRAMEWORK_CODES.join(', ')}).` }))
  .max(CURRENT_FRAMEWORK_CODES.length);

/** PUT …/frameworks: the whole set the organization follows. */
export const ZOrgFrameworksInput = z.object({ frameworks: ZFrameworkCodes }).strict();

export async function listOrgFrameworks(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.query<{ framework: string }>('select framework from public.org_frameworks where org_id = $1', [orgId]);
  return rows.map((r) => r.framework).sort(byOrder);
}

const CANNOT = 'Only owners and admins can choose the frameworks the organization follows.';

/** Make the organization follow exactly `codes` (current library editions): adds the new ones, removes the others. Returns the set, in library order. */
export async function setOrgFrameworks(tx: Tx, orgId: string, codes: readonly string[]): Promise<{ frameworks: string[]; added: string[]; removed: string[] }> {
  await assertCan(tx, orgId, 'org.update', CANNOT);
  const wanted = [...new Set(codes)];
  const unknown = wanted.filter((c) => !CURRENT_FRAMEWORK_CODES.includes(c));
  if (unknown.length) throw new AppError('bad_request', `Not a current framework of the library: ${unknown.join(', ')}.`);
  const current = await listOrgFrameworks(tx, orgId);
  const added = wanted.filter((c) => !current.includes(c)).sort(byOrder);
  const removed = current.filter((c) => !wanted.includes(c));
  try {
    if (removed.length) await tx.query('delete from public.org_frameworks where org_id = $1 and framework = any($2::text[])', [orgId, removed]);
    for (const code of added) await tx.query('insert into public.org_frameworks (org_id, framework) values ($1, $2) on conflict do nothing', [orgId, code]);
  } catch (err) {
    throw databaseError(err, { '42501': new AppError('forbidden', CANNOT) });
  }
  return { frameworks: await listOrgFrameworks(tx, orgId), added, removed };
}
