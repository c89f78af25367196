/**
 * Plain-text user input (names, titles, labels) before it is stored: Unicode NFC, no control
 * characters (except tab and newline), no bidirectional overrides that can disguise text, and
 * no markup — a name is text, so anything tag-shaped is dropped. React escapes it again when
 * it is rendered. Rich content (SOP bodies) goes through DOMPurify instead (lib/security/html).
 */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const BIDI_OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/g;
const TAGS = /<\/?[a-zA-Z!?][^>]*>?/g;

export function sanitizePlainText(input: string, opts: { multiline?: boolean } = {}): string {
  let s = input.normalize('NFC').replace(CONTROL, '').replace(BIDI_OVERRIDES, '');
  // Repeat until stable so that nested fragments like "<scr<script>ipt>" cannot reassemble.
  for (let prev = ''; prev !== s; ) {
    prev = s;
    s = s.replace(TAGS, '');
  }
  s = opts.multiline ? s.replace(/\r\n?/g, '\n') : s.replace(/\s+/g, ' ');
  return s.trim();
}
