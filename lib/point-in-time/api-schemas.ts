/**
 * The moment of a point-in-time question ("what was in effect on …"): an ISO 8601 date and
 * time with its offset (`2026-06-01T14:00:00Z`, `2026-06-01T16:00+02:00`), to the second or
 * finer. Whether it is in the future is decided by the service against the database clock.
 */
import { z } from 'zod';
import { ZSlug } from '@/lib/orgs/slug';

const AT_MESSAGE = 'Give the moment as an ISO 8601 date and time with its offset, e.g. 2026-06-01T14:00:00Z.';

/** To the minute ("…T14:00Z") is ISO 8601 too: give it its seconds. */
const withSeconds = (v: string) => v.replace(/^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?=Z|[+-]\d{2}:\d{2}$)/i, '$1:00');
const ZIso = z.iso.datetime({ offset: true });

/** An ISO 8601 date-time with offset, as a Date (refused: no offset, no time, an impossible date). */
export const ZAt = z
  .string(AT_MESSAGE)
  .max(40, AT_MESSAGE)
  .refine((v) => ZIso.safeParse(withSeconds(v)).success && !Number.isNaN(Date.parse(withSeconds(v))), AT_MESSAGE)
  .transform((v) => new Date(withSeconds(v)))
  .refine((d) => d.getUTCFullYear() >= 1970, 'Ask about a moment from 1970 on.');

/** `effectiveAt` of GET /orgs/{org}/sops: when present, the list answers what was in effect then. */
export const ZEffectiveAtQuery = z.object({
  effectiveAt: ZAt.optional().describe('ISO 8601 date-time with offset: answer which revision of each SOP was in effect then (point-in-time list) instead of the search.'),
});

/** `at` of GET /orgs/{org}/sops/{id}/effective (default: now, by the database clock). */
export const ZEffectiveQuery = z.object({
  at: ZAt.optional().describe('ISO 8601 date-time with offset; default now.'),
});

export const ZSopEffectiveParam = z.object({ org: ZSlug, id: z.uuid('id must be a UUID.') });

/**
 * The `at` of the as-of pages: the API's form, or the value of the page's own
 * `<input type="datetime-local">`, labelled UTC (no offset: read as UTC). Returns the Date or
 * the message to show.
 */
export function parsePageAt(raw: string | undefined): { at: Date } | { error: string } | null {
  if (raw === undefined || raw.trim() === '') return null;
  let value = raw.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?$/.test(value)) value = `${value}Z`;
  const parsed = ZAt.safeParse(value);
  if (parsed.success) return { at: parsed.data };
  const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
  return { error: `“${shown}” is not a moment we can look up. ${parsed.error.issues[0]?.message ?? AT_MESSAGE}` };
}

/** The moment as the as-of address carries it: ISO 8601 UTC, to the second (milliseconds only when given). */
export function atParam(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, 19)}Z` : iso;
}

/** A datetime-local input's value (UTC) for a moment: YYYY-MM-DDTHH:MM:SS. */
export function localInputValue(d: Date): string {
  return d.toISOString().slice(0, 19);
}
