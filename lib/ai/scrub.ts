/**
 * PII/PHI scrubbing of everything that leaves for the model: emails, phone numbers, US SSNs,
 * payment card numbers (Luhn-checked), dates of birth, medical record numbers, IP addresses
 * and the organization's own sensitive terms (client and site names). Each distinct value gets
 * a stable placeholder ([EMAIL_1], [PHONE_2] …) so the text stays readable and the same person
 * is the same placeholder throughout. The summary lists kinds and placeholders, never values.
 */
export type RedactionKind = 'EMAIL' | 'PHONE' | 'SSN' | 'CARD' | 'DOB' | 'MRN' | 'IP' | 'TERM';

export interface Redaction {
  kind: RedactionKind;
  placeholder: string;
  count: number;
}

export interface ScrubResult {
  text: string;
  redactions: Redaction[];
}

function luhn(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Rule {
  kind: RedactionKind;
  re: RegExp;
  /** Which capture group is the value (default: the whole match). */
  group?: number;
  accept?: (value: string) => boolean;
}

const RULES: Rule[] = [
  { kind: 'EMAIL', re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g },
  // Dates of birth: a date near "DOB", "born", "date of birth", "birth date".
  { kind: 'DOB', re: /\b(?:DOB|D\.O\.B\.|date of birth|birth ?date|born(?: on)?)\s*[:#-]?\s*((?:\d{1,4}[./-]\d{1,2}[./-]\d{1,4})|(?:\d{1,2} [A-Za-z]{3,9},? \d{4})|(?:[A-Za-z]{3,9} \d{1,2},? \d{4}))/gi, group: 1 },
  // Medical record numbers: "MRN 123456", "medical record no. A-12345", "patient id 778899".
  { kind: 'MRN', re: /\b(?:MRN|medical record (?:number|no\.?|#)|patient (?:id|number|no\.?))\s*[:#-]?\s*([A-Z]{0,3}-?\d{4,12})\b/gi, group: 1 },
  { kind: 'SSN', re: /\b(?!000|666|9\d\d)\d{3}-(?!00)\d{2}-(?!0000)\d{4}\b/g },
  { kind: 'CARD', re: /\b(?:\d[ -]?){12,18}\d\b/g, accept: (v) => luhn(v.replace(/\D/g, '')) && v.replace(/\D/g, '').length >= 13 },
  { kind: 'IP', re: /\b(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)\b/g },
  { kind: 'IP', re: /\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:){1,7}:(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4})*)?\b/gi, accept: (v) => v.includes(':') && /[0-9a-f]{2,}/i.test(v) && v.length >= 6 },
  // Phone numbers: +country and separators, at least 9 digits, not a date or a card.
  { kind: 'PHONE', re: /(?<!\d[\s.-]?)(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{2,4}[\s.-]?\d{2,6}\b(?![\s.-]?\d)/g, accept: (v) => v.replace(/\D/g, '').length >= 9 && v.replace(/\D/g, '').length <= 15 && !/^\d{4}-\d{2}-\d{2}$/.test(v.trim()) },
];

export function scrub(input: string, terms: readonly string[] = []): ScrubResult {
  const seen = new Map<string, { kind: RedactionKind; placeholder: string; count: number }>();
  const counters = new Map<RedactionKind, number>();
  const placeholderFor = (kind: RedactionKind, value: string) => {
    const key = `${kind}:${value.toLowerCase()}`;
    let entry = seen.get(key);
    if (!entry) {
      const n = (counters.get(kind) ?? 0) + 1;
      counters.set(kind, n);
      entry = { kind, placeholder: `[${kind}_${n}]`, count: 0 };
      seen.set(key, entry);
    }
    entry.count++;
    return entry.placeholder;
  };

  let text = input;
  // Organization terms first, longest first, whole words, case-insensitive.
  const cleanTerms = [...new Set(terms.map((t) => t.trim()).filter((t) => t.length >= 2))].sort((a, b) => b.length - a.length);
  for (const term of cleanTerms) {
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(term)}(?![\\p{L}\\p{N}])`, 'giu');
    text = text.replace(re, () => placeholderFor('TERM', term));
  }
  for (const rule of RULES) {
    text = text.replace(rule.re, (match: string, ...groups: unknown[]) => {
      if (/^\[[A-Z]+_\d+\]$/.test(match)) return match;
      const value = rule.group ? String(groups[rule.group - 1] ?? '') : match;
      if (!value || (rule.accept && !rule.accept(value))) return match;
      const ph = placeholderFor(rule.kind, value);
      return rule.group ? match.replace(value, ph) : ph;
    });
  }
  return { text, redactions: [...seen.values()].map(({ kind, placeholder, count }) => ({ kind, placeholder, count })) };
}
