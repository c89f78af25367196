/**
 * What New SOP keeps in this tab's sessionStorage so that nothing typed is lost to a reload or
 * the Back button, pure so that it can be tested without a browser. One versioned key per
 * organization holds either what is being typed, or, once the SOP exists, which SOP that text
 * became (New SOP then offers it instead of an empty form that looks like the text was lost).
 * Anything unreadable (another build's shape, a hand edit) is dropped, never half-restored.
 */

export type Detail = 'concise' | 'standard' | 'detailed';

export interface NewSopFields {
  title: string;
  department: string;
  description: string;
  industry: string;
  audience: string;
  detail: Detail;
  frameworks: string[];
}

export type Kept =
  | { kind: 'typing'; fields: NewSopFields }
  /** The SOP this text became; `fields` lets the person start another from the same text. */
  | { kind: 'created'; sopId: string; title: string; fields: NewSopFields };

export const EMPTY_FIELDS: NewSopFields = { title: '', department: '', description: '', industry: '', audience: '', detail: 'standard', frameworks: [] };

const VERSION = 1;
const DETAILS: readonly Detail[] = ['concise', 'standard', 'detailed'];
const TEXT_KEYS = ['title', 'department', 'description', 'industry', 'audience'] as const;

/** The storage key of an organization's New SOP (the version is in the key: another build's copy is simply not found). */
export function keptKey(org: string): string {
  return `sopwright:new-sop:v${VERSION}:${org}`;
}

/** The empty form, with the frameworks the organization follows already chosen. */
export function emptyFields(frameworks: readonly string[] = []): NewSopFields {
  return { ...EMPTY_FIELDS, frameworks: [...frameworks] };
}

/** True when nothing worth keeping was typed (the default level of detail, or the preselected frameworks, alone are not). */
export function isBlank(f: NewSopFields, defaultFrameworks: readonly string[] = []): boolean {
  const sameFrameworks = f.frameworks.length === defaultFrameworks.length && f.frameworks.every((c) => defaultFrameworks.includes(c));
  return TEXT_KEYS.every((k) => f[k].trim() === '') && sameFrameworks && f.detail === 'standard';
}

export function serializeKept(kept: Kept): string {
  return JSON.stringify({ v: VERSION, ...kept });
}

function fieldsFrom(value: unknown, frameworks: readonly string[]): NewSopFields | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as Record<string, unknown>;
  if (TEXT_KEYS.some((k) => typeof v[k] !== 'string')) return null;
  if (!DETAILS.includes(v.detail as Detail) || !Array.isArray(v.frameworks)) return null;
  const text = Object.fromEntries(TEXT_KEYS.map((k) => [k, v[k] as string])) as Pick<NewSopFields, (typeof TEXT_KEYS)[number]>;
  // Only frameworks the form still offers, each once, in the form's order.
  const chosen = frameworks.filter((code) => (v.frameworks as unknown[]).includes(code));
  return { ...text, detail: v.detail as Detail, frameworks: chosen };
}

/**
 * The kept copy worth offering back, or null (nothing kept, unreadable, or blank: the caller
 * then forgets it). `frameworks` are the codes the form offers now.
 */
export function parseKept(raw: string | null, frameworks: readonly string[], defaultFrameworks: readonly string[] = []): Kept | null {
  if (!raw) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || (value as { v?: unknown }).v !== VERSION) return null;
  const v = value as Record<string, unknown>;
  const fields = fieldsFrom(v.fields, frameworks);
  if (!fields) return null;
  if (v.kind === 'typing') return isBlank(fields, defaultFrameworks) ? null : { kind: 'typing', fields };
  if (v.kind === 'created' && typeof v.sopId === 'string' && /^[0-9a-f-]{36}$/i.test(v.sopId) && typeof v.title === 'string') {
    return { kind: 'created', sopId: v.sopId, title: v.title, fields };
  }
  return null;
}

/** The request body of POST …/sops/generate for these fields: optional texts left out when empty, as the API expects. */
export function generateBody(f: NewSopFields) {
  return {
    title: f.title,
    processDescription: f.description,
    department: f.department.trim() ? f.department : undefined,
    industry: f.industry || undefined,
    audience: f.audience || undefined,
    frameworks: f.frameworks,
    detail: f.detail,
  };
}
