/** The frameworks an organization follows (org_frameworks): codes of current library editions, in library order. */
import type { Tx } from '@/lib/db/types';
import { FRAMEWORKS } from '@/lib/library';

const ORDER = new Map(FRAMEWORKS.map((f, i) => [f.code, i]));

export async function listOrgFrameworks(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.query<{ framework: string }>('select framework from public.org_frameworks where org_id = $1', [orgId]);
  return rows.map((r) => r.framework).sort((a, b) => (ORDER.get(a) ?? 999) - (ORDER.get(b) ?? 999));
}
