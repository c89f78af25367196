/**
 * Text and date helpers for the Word export. Everything printed goes through xmlSafe (XML 1.0
 * forbids most control characters, and Word refuses a file that has one), and dates are printed
 * as ISO dates / UTC date-times so the output never depends on the server's locale or time zone.
 */
import { TextRun, type IRunOptions } from 'docx';

// Characters XML 1.0 does not allow, plus lone surrogates (the `u` flag keeps valid pairs whole).
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|\p{Surrogate}/gu;

export function xmlSafe(s: string): string {
  return s.replace(XML_INVALID, '');
}

const RTL_LETTER = /[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

/** Whether text reads right to left: its first letter is Hebrew, Arabic, … (the Unicode bidi rule for a paragraph). */
export function isRtl(text: string): boolean {
  const first = /\p{L}/u.exec(text)?.[0];
  return first !== undefined && RTL_LETTER.test(first);
}

/** Paragraph options for text's direction: right-to-left paragraphs are `bidi`, so Word lays them out from the right. */
export function direction(text: string): { bidirectional?: boolean } {
  return isRtl(text) ? { bidirectional: true } : {};
}

/** Runs for text that may hold line breaks: one run per line, joined by Word line breaks; RTL text is marked so. */
export function textRuns(text: string, options: Omit<IRunOptions, 'text' | 'children' | 'break'> = {}): TextRun[] {
  const rtl = isRtl(text) ? { rightToLeft: true } : {};
  return xmlSafe(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line, i) => new TextRun({ ...options, ...rtl, text: line, break: i > 0 ? 1 : undefined }));
}

function parse(value: string): Date | null {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** "2026-11-22"; a value that is not a date is printed as given. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim();
  return parse(value)?.toISOString().slice(0, 10) ?? value;
}

/** "2026-11-22 14:03 UTC"; a value that is not a date-time is printed as given. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '';
  const d = parse(value);
  return d ? `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC` : value;
}
