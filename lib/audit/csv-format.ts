/**
 * The audit trail's CSV export format, shared by the writer (lib/audit/export.ts) and the
 * offline verifier (lib/audit/verify.ts). Pure: node:crypto only, no database, no app modules.
 *
 * RFC 4180: comma-separated, CRLF line ends, a field is quoted when it holds a comma, a quote,
 * CR or LF, and quotes inside are doubled. Against formula injection (CSV opened in a
 * spreadsheet), a cell that starts with = + - @ TAB CR — or with ' itself, so the rule can be
 * undone unambiguously — gets one leading '. Reading a cell back removes exactly one leading '.
 *
 * Columns: the first eleven are exactly what the database hashes (see
 * supabase/migrations/20261122000500_audit_events.sql); `data` is Postgres's `data::text` and
 * `created_at` is UTC with microseconds, byte for byte as hashed. actor_email, actor_name and
 * description are context for a reader and are NOT covered by the hash.
 *
 * After the rows come metadata records whose one field starts with "# " (a seq never does):
 *   # sopwright-audit-export: 1
 *   # scope: complete            (every event of the organization, from the first) | filtered
 *   # checkpoint: <JWS>          (lib/audit/checkpoint.ts)
 */
import { createHash } from 'node:crypto';

export const EXPORT_COLUMNS = [
  'seq', 'created_at', 'org_id', 'actor_id', 'action', 'target_type', 'target_id', 'data', 'reason', 'prev_hash', 'hash',
  'actor_email', 'actor_name', 'description',
] as const;
export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRow = Record<ExportColumn, string>;

export const FORMAT_VERSION = '1';
export const META = { format: 'sopwright-audit-export', scope: 'scope', checkpoint: 'checkpoint' } as const;

const RISKY_START = /^[=+\-@\t\r']/;

/** One cell: formula-neutralized, then quoted per RFC 4180 when needed. */
export function csvCell(value: string): string {
  const safe = RISKY_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A record of cells, ended with CRLF. */
export function csvRecord(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** A metadata record ("# key: value"); values are tokens without commas or quotes. */
export function metaRecord(key: string, value: string): string {
  return `# ${key}: ${value}\r\n`;
}

/** The cell as written before csvCell's formula guard. */
export function uncell(value: string): string {
  return value.startsWith("'") ? value.slice(1) : value;
}

/** RFC 4180 parser: records of raw fields (quotes removed, formula guard kept). Throws on a broken quote. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let i = 0;
  let quoted = false;
  let touched = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') {
      quoted = true;
      touched = true;
      i++;
    } else if (c === ',') {
      record.push(field);
      field = '';
      touched = true;
      i++;
    } else if (c === '\r' || c === '\n') {
      if (touched || field !== '' || record.length) {
        record.push(field);
        records.push(record);
      }
      record = [];
      field = '';
      touched = false;
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
    } else {
      field += c;
      touched = true;
      i++;
    }
  }
  if (quoted) throw new Error('the file ends inside a quoted field');
  if (touched || field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

/** The hash the database stores for a row: SHA-256 over the hashed fields joined with '|'. */
export function rowHash(r: Pick<ExportRow, 'prev_hash' | 'org_id' | 'actor_id' | 'action' | 'target_type' | 'target_id' | 'data' | 'reason' | 'created_at'>): string {
  const joined = [r.prev_hash, r.org_id, r.actor_id, r.action, r.target_type, r.target_id, r.data, r.reason, r.created_at].join('|');
  return createHash('sha256').update(joined, 'utf8').digest('hex');
}
