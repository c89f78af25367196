/** URL slugs for organizations: lowercase ASCII letters, digits and hyphens, 3–48 characters. */
import { z } from 'zod';

export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$/;
export const RESERVED_SLUGS = new Set(['new', 'api', 'admin', 'settings', 'auth', 'o', 'app', 'www', 'help', 'security']);

export const ZSlug = z
  .string()
  .trim()
  .toLowerCase()
  .regex(SLUG_PATTERN, 'Use 3–48 lowercase letters, digits or hyphens, starting and ending with a letter or digit.')
  .refine((s) => !RESERVED_SLUGS.has(s), 'That address is reserved; choose another.');

export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/g, '');
  const padded = base.length >= 3 ? base : `${base || 'org'}-team`.replace(/^-/, '');
  return RESERVED_SLUGS.has(padded) ? `${padded}-org` : padded;
}
