/**
 * Plain text as people type it: names, titles, SOP content, change summaries, instructions,
 * searches. Plain text is stored as text and escaped wherever it is output (React, the SOP
 * HTML renderer, the Word and Markdown exports, email bodies), so nothing in it is markup and
 * nothing that merely looks like a tag is removed: "if a<b and c>d", "Press <Ctrl>+<S>" and
 * "<b></b>" are kept exactly as typed. Only the rendered SOP HTML is sanitized as HTML
 * (DOMPurify, lib/security/html).
 *
 * What sanitizePlainText does change, and why:
 *   - Unicode NFC, so the same text typed two ways is stored (and searched) one way;
 *   - control characters are removed (C0 and C1 except tab and newline): invisible, refused by
 *     XML (Word) and, for NUL, by Postgres;
 *   - bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069)
 *     are removed: invisible, and their use in names and titles is to disguise text
 *     ("Eve\u202Egnp.exe" reads "Eveexe.png"); the right-to-left text itself is untouched;
 *   - a single-line field holds no line breaks or runs of whitespace: they become one space, as
 *     every HTML page shows them anyway; prose keeps its line breaks (CR LF becomes LF); both
 *     are trimmed;
 *   - a lone UTF-16 surrogate is not text. zText refuses it (400) before it gets here; for
 *     any caller that did not validate, it becomes U+FFFD rather than a database error.
 *
 * zText is the one zod type for plain-text input: every text field of every API body, form and
 * query is `zText()` with its own min/max, checked on the text as it will be stored.
 */
import { z } from 'zod';

const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;
/** With the `u` flag a valid pair is one code point, so only unpaired surrogates match. */
const LONE_SURROGATE = /\p{Surrogate}/u;
const LONE_SURROGATES = /\p{Surrogate}/gu;
const LINE_BREAKS = /[\t\n\r\u2028\u2029]/g;

export function sanitizePlainText(input: string, opts: { multiline?: boolean } = {}): string {
  const s = input.replace(LONE_SURROGATES, '\uFFFD').normalize('NFC').replace(CONTROL, '').replace(BIDI_CONTROLS, '');
  return (opts.multiline ? s.replace(/\r\n?/g, '\n') : s.replace(LINE_BREAKS, ' ').replace(/ {2,}/g, ' ')).trim();
}

export function isWellFormedText(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

export const LONE_SURROGATE_MESSAGE = 'contains an unpaired UTF-16 surrogate (\\uD800–\\uDFFF), which is not text. Send well-formed Unicode.';

/** Plain-text input: refused if it is not well-formed Unicode, then sanitized; chain .min()/.max() for the stored text. */
export function zText(opts: { multiline?: boolean } = {}) {
  return z
    .string()
    .refine(isWellFormedText, { message: LONE_SURROGATE_MESSAGE, abort: true })
    .overwrite((s) => sanitizePlainText(s, opts));
}
