/**
 * What an electronic signature binds to: the SHA-256 of a version's content serialized with
 * the JSON Canonicalization Scheme (RFC 8785: keys sorted by UTF-16 code units, no
 * whitespace, ECMAScript number and string forms), as UTF-8. Anyone can recompute it from an
 * export with any JCS library, so a verifier needs nothing of ours but the file.
 *
 * No server-only marker: scripts (the offline verifier) and tests use it too.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

// A lone surrogate survives JSON.stringify as an escape (\ud800); a valid pair is written raw.
// An odd run of backslashes before it means the escape is real, not an escaped backslash.
const LONE_SURROGATE = /(?<!\\)(?:\\\\)*\\ud[89a-f][0-9a-f]{2}/;

/** The RFC 8785 serialization of a JSON value; throws on what JSON (I-JSON) cannot hold. */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError('Only JSON values can be canonicalized.');
  if (LONE_SURROGATE.test(text)) throw new TypeError('A string holds a lone surrogate, which RFC 8785 (I-JSON) does not allow.');
  return text;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The content hash a signature carries: 64 lowercase hex digits. */
export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}
