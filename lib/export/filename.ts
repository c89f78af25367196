/**
 * Download names for exported SOPs: "<document number> <title>.docx", cleaned so the name is safe
 * on every file system and in a Content-Disposition header. The UTF-8 name keeps the title as
 * written (accents, RTL scripts, emoji); the ASCII name is the fallback for old clients. Path
 * separators, quotes, control and bidi-override characters never reach either name, long titles
 * are cut at a word or grapheme boundary, and the .docx extension is always kept.
 */

export interface ExportFilename {
  ascii: string;
  utf8: string;
}

const EXTENSION = '.docx';
/** Bytes of the UTF-8 name before the extension (file systems allow 255 bytes in all). */
const MAX_UTF8_BYTES = 150;
const MAX_ASCII_CHARS = 100;
const ELLIPSIS = '…';

// C0/C1 controls, DEL, bidi embeddings/overrides/isolates and marks, zero-width and BOM, line/paragraph separators.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]/g;
// Lone surrogates (the `u` flag makes a valid pair one code point, so only broken halves match).
const LONE_SURROGATE = /\p{Surrogate}/gu;
// Path separators and the other characters Windows forbids in names (double quotes become ').
const FORBIDDEN = /[\\/:*?<>|]+/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

function clean(s: string): string {
  return s
    .normalize('NFC')
    .replace(LONE_SURROGATE, '')
    .replace(INVISIBLE, ' ')
    .replace(/["“”„]/g, "'")
    .replace(FORBIDDEN, '-')
    .replace(/\s+/g, ' ')
    .replace(/-{2,}/g, '-')
    .trim();
}

/** Leading dots would hide the file on Unix; trailing dots and spaces are dropped by Windows. */
function trimEnds(s: string): string {
  return s.replace(/^[.\s-]+/, '').replace(/[.\s-]+$/, '');
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, 'utf8');

function graphemes(s: string): string[] {
  return Array.from(new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s), (g) => g.segment);
}

/** Cuts `s` so that fits(s) holds, at a grapheme boundary, preferring a word boundary near the end, and marks the cut. */
function truncate(s: string, fits: (t: string) => boolean, mark: string): string {
  if (fits(s)) return s;
  const parts = graphemes(s);
  let kept = '';
  for (const g of parts) {
    if (!fits(kept + g + mark)) break;
    kept += g;
  }
  const space = kept.lastIndexOf(' ');
  if (space > kept.length * 0.7) kept = kept.slice(0, space);
  return trimEnds(kept) + mark;
}

function toAscii(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’‚′]/g, "'")
    .replace(/[‐-―−]/g, '-')
    .replace(/[^A-Za-z0-9 ._(),'&+-]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/(^|\s)_(?=\s|$)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `base` is already trimmed (and may end in a truncation mark, which stays). */
function finish(base: string, ext: string, fallback: string): string {
  let name = base || fallback;
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return name + ext;
}

/** Both names for a file stem (cleaned here) and an extension such as ".docx". */
function names(stem: string, ext: string): ExportFilename {
  const base = trimEnds(clean(stem));
  const asciiFull = trimEnds(toAscii(base).replace(/^_+|_+$/g, ''));
  const asciiBase = truncate(asciiFull, (t) => t.length <= MAX_ASCII_CHARS, '...');
  const ascii = finish(asciiBase.replace(/^_+|_+$/g, ''), ext, 'download');
  const utf8Base = truncate(base, (t) => utf8Bytes(t) <= MAX_UTF8_BYTES, ELLIPSIS);
  return { ascii, utf8: finish(utf8Base, ext, ascii.slice(0, ascii.length - ext.length)) };
}

/** The download name of an SOP export, as a UTF-8 name and an ASCII fallback. */
export function exportFilename(documentNumber: string, title: string): ExportFilename {
  const n = names([documentNumber, title].filter((s) => s && s.trim()).join(' '), EXTENSION);
  return n.ascii === `download${EXTENSION}` ? { ...n, ascii: `sop${EXTENSION}`, utf8: n.utf8 === n.ascii ? `sop${EXTENSION}` : n.utf8 } : n;
}

/** RFC 5987 ext-value: UTF-8, percent-encoding everything outside attr-char. */
function encodeRfc5987(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function fromBareName(name: string): ExportFilename {
  const cleaned = clean(name);
  const ext = /\.[A-Za-z0-9]{1,5}$/.exec(cleaned)?.[0] ?? '';
  return names(cleaned.slice(0, cleaned.length - ext.length), ext.toLowerCase());
}

/**
 * The Content-Disposition header for a download: a quoted ASCII filename for old clients and
 * filename* with the UTF-8 name. A bare string or a hand-made pair is cleaned the same way first.
 */
export function contentDisposition(name: string | ExportFilename): string {
  const n = typeof name === 'string' ? fromBareName(name) : { ascii: fromBareName(name.ascii).ascii, utf8: fromBareName(name.utf8).utf8 };
  return `attachment; filename="${n.ascii}"; filename*=UTF-8''${encodeRfc5987(n.utf8)}`;
}
