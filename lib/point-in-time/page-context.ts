/**
 * For the as-of pages (/o/[slug]/sops/as-of and /o/[slug]/sops/[id]/as-of): the organization,
 * the moment asked about (from `?at=`), and what was in effect then — or the message for a
 * malformed or future moment, shown on the page instead (never a 500).
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import { withUser } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { loadOrg } from '@/lib/orgs/page-context';
import { requireSop } from '@/lib/sops/service';
import { parsePageAt } from './api-schemas';
import { sopAtTime, sopsInEffectAt } from './service';

const ZId = z.uuid();

type Outcome<T> = { state: 'ask' } | { state: 'error'; message: string; raw: string } | { state: 'ok'; data: T };

async function answer<T>(raw: string | undefined, work: (at: Date) => Promise<T>): Promise<Outcome<T>> {
  const parsed = parsePageAt(raw);
  if (parsed === null) return { state: 'ask' };
  if ('error' in parsed) return { state: 'error', message: parsed.error, raw: raw ?? '' };
  try {
    return { state: 'ok', data: await work(parsed.at) };
  } catch (err) {
    if (err instanceof AppError && err.code === 'unprocessable') return { state: 'error', message: err.message, raw: raw ?? '' };
    throw err;
  }
}

export const loadAsOfList = cache(async (slug: string, raw: string | undefined) => {
  const { user, org } = await loadOrg(slug);
  const result = await answer(raw, (at) => withUser(user.claims, (tx) => sopsInEffectAt(tx, org.id, at)));
  return { user, org, result };
});

export const loadAsOfSop = cache(async (slug: string, id: string, raw: string | undefined) => {
  const { user, org } = await loadOrg(slug);
  if (!ZId.safeParse(id).success) notFound();
  try {
    // The SOP first (404 for another org's id, whatever the moment), then the moment.
    const sop = await withUser(user.claims, async (tx) => {
      const s = await requireSop(tx, org.id, id);
      return { id: s.id, docNumber: s.docNumber, title: s.title };
    });
    const result = await answer(raw, (at) => withUser(user.claims, (tx) => sopAtTime(tx, org.id, id, at)));
    return { user, org, sop, result };
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
});
