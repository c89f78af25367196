/**
 * For pages under /o/[slug]/sops/[id]: the organization, the SOP with its current version
 * and latest generation, or the 404 page (bad id, another org's SOP, not a member); and for
 * its History page, the revision history and the comparison of two versions.
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { revisionHistory } from '@/lib/document-control/revision-history';
import { loadOrg } from '@/lib/orgs/page-context';
import { latestGeneration } from '@/lib/generation/store';
import { diffContents } from './diff';
import { requireSop, requireVersion } from './service';

const ZId = z.uuid();

export const loadSopPage = cache(async (slug: string, id: string) => {
  const { user, org } = await loadOrg(slug);
  if (!ZId.safeParse(id).success) notFound();
  try {
    return await withUser(user.claims, async (tx) => {
      const sop = await requireSop(tx, org.id, id);
      const version = sop.currentVersionId ? await requireVersion(tx, org.id, sop.id, sop.currentVersionId) : null;
      return { user, org, sop, version, generation: await latestGeneration(tx, org.id, sop.id) };
    });
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
});

/**
 * The History page: every version with its document-control record (newest first), and the
 * diff of `from` → `to` (ids of this SOP's versions; by default the two newest).
 */
export const loadSopHistory = cache(async (slug: string, id: string, from?: string, to?: string) => {
  const { user, org, sop } = await loadSopPage(slug, id);
  return withUser(user.claims, async (tx) => {
    const history = await revisionHistory(tx, { orgId: org.id, orgSlug: org.slug, sopId: sop.id });
    const ids = new Set(history.versions.map((v) => v.version.id));
    const fromId = from && ids.has(from) ? from : history.versions[1]?.version.id;
    const toId = to && ids.has(to) ? to : history.versions[0]?.version.id;
    let compared = null;
    if (fromId && toId && fromId !== toId) {
      const [a, b] = [await requireVersion(tx, org.id, sop.id, fromId), await requireVersion(tx, org.id, sop.id, toId)];
      compared = { a, b, diff: diffContents(a.content, b.content) };
    }
    return { user, org, sop, history, fromId, toId, compared };
  });
});
