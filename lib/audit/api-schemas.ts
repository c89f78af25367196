/**
 * zod schemas of the audit-trail endpoints and the audit page's GET form (one schema for both:
 * an empty form field means "any"). Dates are ISO: a day (2026-12-01, UTC; `to` includes the
 * whole day) or a date-time with offset (`to` exclusive).
 */
import { z } from 'zod';
import { ZSlug } from '@/lib/orgs/slug';
import { ACTION_GROUP_KEYS } from './describe';

const blank = (v: unknown) => (v === '' ? undefined : v);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function zMoment(end: boolean) {
  return z.preprocess(
    blank,
    z
      .string()
      .max(40)
      .refine((v) => (DAY.test(v) ? !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) : z.iso.datetime({ offset: true }).safeParse(v).success), 'Give a date as YYYY-MM-DD or an ISO 8601 date-time with its offset.')
      .transform((v) => (DAY.test(v) ? new Date(Date.parse(`${v}T00:00:00Z`) + (end ? 86_400_000 : 0)) : new Date(v)))
      .optional(),
  );
}

export const ZAuditFilterQuery = z
  .object({
    sop: z.preprocess(blank, z.uuid('sop must be a SOP id (UUID).').optional()),
    actor: z.preprocess(blank, z.uuid('actor must be a user id (UUID).').optional()),
    action: z.preprocess(
      blank,
      z
        .string()
        .max(100)
        .regex(/^[a-z_]+\.[a-z_.]+$|^[a-z]+$/, 'action must be an action name (signature.signed) or a group.')
        .refine((v) => v.includes('.') || (ACTION_GROUP_KEYS as readonly string[]).includes(v), `action groups: ${ACTION_GROUP_KEYS.join(', ')}.`)
        .optional(),
    ),
    from: zMoment(false),
    to: zMoment(true),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: '`from` must be before `to`.', path: ['to'] });

export const ZAuditListQuery = z.object({
  ...ZAuditFilterQuery.shape,
  cursor: z.preprocess(blank, z.string().regex(/^\d{1,18}$/, 'cursor must be the nextCursor of the previous page.').optional()),
  limit: z.preprocess(blank, z.coerce.number().int().min(1).max(200).default(50)),
}).refine((q) => !q.from || !q.to || q.from < q.to, { message: '`from` must be before `to`.', path: ['to'] });

export const ZAuditParam = z.object({ org: ZSlug });

/** The filters as given (strings), for the export event and links. */
export function filterParams(q: { sop?: string; actor?: string; action?: string; from?: Date; to?: Date }, raw: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of ['sop', 'actor', 'action', 'from', 'to'] as const) {
    const v = raw.get(k);
    if (q[k] !== undefined && v) out[k] = v;
  }
  return out;
}
