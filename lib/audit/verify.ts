/**
 * Offline verification of an exported audit trail (npm run audit:verify). No database, no
 * app running: only the file, node:crypto and jose. Checks, in order:
 *   1. the file is a SOPwright audit export (header row);
 *   2. every row's hash is the SHA-256 of its own hashed fields (an edited field shows here);
 *   3. continuity: the first row starts the chain (prev_hash empty) and each row's prev_hash is
 *      the hash of the row before it (a deleted, inserted or reordered row shows here);
 *   4. the signed checkpoint: its Ed25519 signature, its organization, and that it names the
 *      last row (seq and hash) — rows cut from the end show here;
 *   5. with an earlier export (`since`): that file verifies too, both are signed by the same
 *      key, and the earlier checkpoint's row is in the later file with the same hash, so the
 *      later trail extends the earlier one: nothing before it was rewritten or removed.
 * A filtered export is not a chain (rows in between are left out): its rows are checked one by
 * one and the result says it cannot prove completeness (exit code 2).
 */
import { compactVerify, decodeProtectedHeader, EmbeddedJWK, importJWK, type JWK } from 'jose';
import { EXPORT_COLUMNS, META, parseCsv, rowHash, uncell, type ExportRow } from './csv-format';

/** What a checkpoint signs: the head of the organization's chain when the export was made. */
export interface Checkpoint {
  org_id: string;
  /** seq and hash of the newest event of the whole trail (the export's own audit.exported event). */
  seq: number;
  hash: string;
  exported_at: string;
  /** Rows in the file. */
  rows: number;
  scope: 'complete' | 'filtered';
}

export interface VerifyResult {
  /** 'intact': exit 0; 'broken': exit 1; 'unverifiable': exit 2 (not an export, filtered, no checkpoint). */
  status: 'intact' | 'broken' | 'unverifiable';
  /** The first broken row, when broken by a row. */
  brokenSeq?: string;
  /** One line for a person. */
  message: string;
  notes: string[];
  rows: number;
  checkpoint?: Checkpoint;
  keyId?: string;
}

interface Parsed {
  rows: ExportRow[];
  meta: Map<string, string>;
}

function parseExport(text: string): Parsed | string {
  let records: string[][];
  try {
    records = parseCsv(text);
  } catch (err) {
    return `the file is not valid CSV: ${(err as Error).message}`;
  }
  const [header, ...rest] = records;
  if (!header || header.join(',') !== EXPORT_COLUMNS.join(',')) return `the first row is not the header of a SOPwright audit export (${EXPORT_COLUMNS.join(',')})`;
  const rows: ExportRow[] = [];
  const meta = new Map<string, string>();
  for (const [n, rec] of rest.entries()) {
    if (rec.length === 1 && rec[0]!.startsWith('# ')) {
      const m = /^# ([a-z_-]+): (.*)$/.exec(rec[0]!);
      if (m) meta.set(m[1]!, m[2]!);
      continue;
    }
    if (rec.length !== EXPORT_COLUMNS.length) return `record ${n + 2} has ${rec.length} fields, not ${EXPORT_COLUMNS.length}`;
    rows.push(Object.fromEntries(EXPORT_COLUMNS.map((c, i) => [c, uncell(rec[i]!)])) as ExportRow);
  }
  return { rows, meta };
}

/** Each row against its own hash, then each link; the first problem, or null. */
function checkChain(rows: ExportRow[], complete: boolean): { seq: string; message: string } | null {
  let prev: ExportRow | undefined;
  for (const r of rows) {
    const expected = rowHash(r);
    if (expected !== r.hash) {
      return { seq: r.seq, message: `row seq ${r.seq} (${r.action}) was altered: its hash ${r.hash.slice(0, 12)}… does not match its fields (they hash to ${expected.slice(0, 12)}…)` };
    }
    if (complete) {
      if (!prev && r.prev_hash !== '') {
        return { seq: r.seq, message: `row seq ${r.seq} is not the start of the trail (its prev_hash is not empty): rows before it are missing` };
      }
      if (prev && r.prev_hash !== prev.hash) {
        return { seq: r.seq, message: `row seq ${r.seq} does not follow row seq ${prev.seq}: its prev_hash is not that row's hash (a row was removed, inserted or moved here)` };
      }
      if (prev && !(Number(r.seq) > Number(prev.seq))) {
        return { seq: r.seq, message: `row seq ${r.seq} comes after seq ${prev.seq}: rows are out of order` };
      }
    }
    prev = r;
  }
  return null;
}

type KeySet = { keys: JWK[] };

async function readCheckpoint(jws: string, pinned: KeySet | undefined): Promise<{ checkpoint: Checkpoint; kid: string; jwk: JWK } | string> {
  let header;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return 'the checkpoint is not a JWS';
  }
  const kid = String(header.kid ?? '');
  const embedded = header.jwk as JWK | undefined;
  try {
    let result;
    if (pinned) {
      const jwk = pinned.keys.find((k) => k.kid === kid);
      if (!jwk) return `the checkpoint is signed by key ${kid || '(no kid)'}, which is not in the key file given`;
      result = await compactVerify(jws, await importJWK(jwk, 'EdDSA'), { algorithms: ['EdDSA'] });
    } else {
      if (!embedded) return 'the checkpoint carries no public key; pass --key';
      result = await compactVerify(jws, EmbeddedJWK, { algorithms: ['EdDSA'] });
    }
    const checkpoint = JSON.parse(new TextDecoder().decode(result.payload)) as Checkpoint;
    return { checkpoint, kid, jwk: embedded ?? ({} as JWK) };
  } catch {
    return 'the checkpoint signature is not valid: the checkpoint was changed or signed by another key';
  }
}

interface FileResult extends VerifyResult {
  parsed?: Parsed;
}

async function verifyOne(text: string, pinned: KeySet | undefined, label: string): Promise<FileResult> {
  const parsed = parseExport(text);
  if (typeof parsed === 'string') return { status: 'unverifiable', message: `${label}: ${parsed}`, notes: [], rows: 0 };
  const { rows, meta } = parsed;
  const notes: string[] = [];
  const complete = meta.get(META.scope) === 'complete';
  const broken = checkChain(rows, complete);
  if (broken) return { status: 'broken', brokenSeq: broken.seq, message: `${label}: BROKEN at ${broken.message}`, notes, rows: rows.length, parsed };
  const jws = meta.get(META.checkpoint);
  if (!jws) return { status: 'unverifiable', message: `${label}: the ${rows.length} rows match their hashes, but the file has no signed checkpoint, so rows cut from the end would not show.`, notes, rows: rows.length, parsed };
  const cp = await readCheckpoint(jws, pinned);
  if (typeof cp === 'string') return { status: 'broken', message: `${label}: ${cp}`, notes, rows: rows.length, parsed };
  const { checkpoint, kid } = cp;
  if (!pinned) notes.push(`${label}: the checkpoint was checked with the public key embedded in the file (key id ${kid}); pass --key with the server's key (/.well-known/sopwright-audit-key.json) to prove who signed it.`);
  if (checkpoint.scope !== (complete ? 'complete' : 'filtered')) {
    return { status: 'broken', message: `${label}: the file says its scope is ${meta.get(META.scope) ?? '(none)'}, the signed checkpoint says ${checkpoint.scope}`, notes, rows: rows.length, parsed, checkpoint, keyId: kid };
  }
  if (!complete) {
    return { status: 'unverifiable', message: `${label}: each of the ${rows.length} rows matches its own hash and the checkpoint (seq ${checkpoint.seq}) is validly signed, but this is a filtered export: rows in between are left out, so the chain cannot be checked. Export without filters to verify it.`, notes, rows: rows.length, parsed, checkpoint, keyId: kid };
  }
  const last = rows.at(-1);
  if (!last) return { status: 'broken', message: `${label}: the checkpoint names seq ${checkpoint.seq} but the file has no rows`, notes, rows: 0, parsed, checkpoint, keyId: kid };
  if (rows.some((r) => r.org_id !== checkpoint.org_id)) return { status: 'broken', message: `${label}: rows of another organization than the checkpoint's (${checkpoint.org_id})`, notes, rows: rows.length, parsed, checkpoint, keyId: kid };
  if (String(checkpoint.seq) !== last.seq || checkpoint.hash !== last.hash) {
    const at = rows.find((r) => r.seq === String(checkpoint.seq));
    const why = at ? `the file continues after it or its row differs` : `that row is not in the file: rows were cut from the end`;
    return { status: 'broken', brokenSeq: String(checkpoint.seq), message: `${label}: the signed checkpoint names seq ${checkpoint.seq} (hash ${checkpoint.hash.slice(0, 12)}…) as the last row, but the last row is seq ${last.seq}: ${why}`, notes, rows: rows.length, parsed, checkpoint, keyId: kid };
  }
  if (checkpoint.rows !== rows.length) return { status: 'broken', message: `${label}: the checkpoint counts ${checkpoint.rows} rows, the file has ${rows.length}`, notes, rows: rows.length, parsed, checkpoint, keyId: kid };
  return { status: 'intact', message: `${label}: intact — ${rows.length} rows from seq ${rows[0]!.seq} to ${last.seq}, chain unbroken, checkpoint signed ${checkpoint.exported_at} by key ${kid}.`, notes, rows: rows.length, parsed, checkpoint, keyId: kid };
}

export interface VerifyOptions {
  /** An earlier export of the same organization that this one must extend. */
  since?: string;
  /** A JWK set (the server's published key) to check the checkpoints against. */
  keys?: KeySet;
}

export async function verifyAuditExport(text: string, options: VerifyOptions = {}): Promise<VerifyResult> {
  const strip = ({ parsed: _p, ...r }: FileResult): VerifyResult => (void _p, r);
  const now = await verifyOne(text, options.keys, 'export');
  if (now.status !== 'intact' || options.since === undefined) return strip(now);
  // The earlier file needs only a validly signed checkpoint (a filtered export has one too).
  const before = await verifyOne(options.since, options.keys, 'earlier export');
  if (before.status === 'broken' || !before.checkpoint) return { ...strip(before), status: before.status === 'broken' ? 'broken' : 'unverifiable', notes: [...now.notes, ...before.notes] };
  const notes = [...now.notes, ...before.notes];
  const a = before.checkpoint!;
  const b = now.checkpoint!;
  if (before.keyId !== now.keyId) return { ...strip(now), status: 'broken', message: `the two exports are signed by different keys (${before.keyId} then ${now.keyId}): the later one is not proven to come from the same server`, notes };
  if (a.org_id !== b.org_id) return { ...strip(now), status: 'broken', message: `the exports are of different organizations (${a.org_id}, ${b.org_id})`, notes };
  const row = now.parsed!.rows.find((r) => r.seq === String(a.seq));
  if (!row) return { ...strip(now), status: 'broken', brokenSeq: String(a.seq), message: `the earlier checkpoint's row seq ${a.seq} is missing from the later export: the trail was rewritten or truncated`, notes };
  if (row.hash !== a.hash) return { ...strip(now), status: 'broken', brokenSeq: String(a.seq), message: `row seq ${a.seq} has hash ${row.hash.slice(0, 12)}… in the later export but ${a.hash.slice(0, 12)}… in the earlier one's signed checkpoint: the trail up to it was rewritten`, notes };
  return { ...strip(now), message: `${now.message} It extends the earlier export (checkpoint seq ${a.seq}, ${a.exported_at}): every row up to it is unchanged.`, notes };
}

export const EXIT_CODES = { intact: 0, broken: 1, unverifiable: 2 } as const;
