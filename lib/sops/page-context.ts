/**
 * For pages under /o/[slug]/sops/[id]: the organization, the SOP with its current version
 * and latest generation, or the 404 page (bad id, another org's SOP, not a member).
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { loadOrg } from '@/lib/orgs/page-context';
import { latestGeneration } from '@/lib/generation/store';
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
