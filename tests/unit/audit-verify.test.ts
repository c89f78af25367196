/**
 * The audit export's CSV format and the offline verifier (lib/audit/csv-format.ts,
 * lib/audit/verify.ts), on exports written by the real writer (lib/audit/export.ts) and signed
 * by the real checkpoint signer with a key from AUDIT_SIGNING_KEY.
 */
import { exportPKCS8, generateKeyPair } from 'jose';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { csvCell, csvRecord, EXPORT_COLUMNS, parseCsv, rowHash, uncell } from '@/lib/audit/csv-format';
import type { AuditEvent } from '@/lib/audit/service';
import { verifyAuditExport } from '@/lib/audit/verify';

let renderAuditCsv: typeof import('@/lib/audit/export').renderAuditCsv;
let publicKeySet: typeof import('@/lib/audit/checkpoint').publicKeySet;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  process.env.AUDIT_SIGNING_KEY = await exportPKCS8(privateKey);
  ({ renderAuditCsv } = await import('@/lib/audit/export'));
  ({ publicKeySet } = await import('@/lib/audit/checkpoint'));
});

const ORG = '6f1c1d7e-8d7a-4d0e-9a51-2b7f0c9e1a11';
const ACTOR = '0b9d7c1e-2f4a-4b6c-8d9e-1a2b3c4d5e6f';

/** A chain of n events as the database would hash them; the last is the export's own. */
function chain(n: number, startSeq = 1): AuditEvent[] {
  const out: AuditEvent[] = [];
  let prev = '';
  for (let i = 0; i < n; i++) {
    const seq = String(startSeq + i * 3);
    const data = i % 2 ? `{"new": {"role": "viewer"}, "note": "a, \\"quoted\\"\\nline"}` : `{"sop_id": "x", "label": "1.${i}"}`;
    const fields = { prev_hash: prev, org_id: ORG, actor_id: i === 0 ? '' : ACTOR, action: i === n - 1 ? 'audit.exported' : 'sop.updated', target_type: 'sops', target_id: `t${i}`, data, reason: i === 2 ? '=HYPERLINK("http://evil")' : i === 3 ? "'quoted start" : '', created_at: `2026-12-01T10:00:0${i % 10}.12345${i % 10}Z` };
    const hash = rowHash(fields);
    out.push({ seq, id: `id${i}`, createdAt: fields.created_at, orgId: ORG, actorId: fields.actor_id || null, actorEmail: 'ana@x.test', action: fields.action, targetType: 'sops', targetId: fields.target_id, data: JSON.parse(data), dataText: data, reason: fields.reason, prevHash: prev, hash, actor: null, sop: null, versionLabel: '', description: `=cmd|' /C calc'!A0 event ${i}` });
    prev = hash;
  }
  return out;
}

async function exportOf(events: AuditEvent[], scope: 'complete' | 'filtered' = 'complete'): Promise<string> {
  const last = events.at(-1)!;
  return renderAuditCsv(events, { orgId: ORG, seq: last.seq, hash: last.hash }, scope);
}

const lines = (csv: string) => csv.split('\r\n');
/** Records of the file, re-serialized after a change (keeps the format exact). */
function edit(csv: string, fn: (records: string[][]) => string[][]): string {
  return fn(parseCsv(csv)).map((r) => (r.length === 1 && r[0]!.startsWith('# ') ? `${r[0]}\r\n` : r.map((c) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',') + '\r\n')).join('');
}

describe('CSV cells (RFC 4180, formula injection)', () => {
  it('prefixes cells that a spreadsheet would run as a formula with a quote', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+41 79')).toBe("'+41 79");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe('"\'\rx"');
    expect(csvCell("'already")).toBe("''already");
    expect(csvCell('plain')).toBe('plain');
  });

  it('quotes commas, quotes and line breaks and ends records with CRLF', () => {
    expect(csvRecord(['a,b', 'say "hi"', 'two\nlines', ''])).toBe('"a,b","say ""hi""","two\nlines",\r\n');
  });

  it('reads back exactly what was written, for any text', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string({ unit: 'binary' }), { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 5 }), (records) => {
        const text = records.map(csvRecord).join('');
        expect(parseCsv(text).map((r) => r.map(uncell))).toEqual(records);
      }),
    );
  });
});

describe('audit:verify', () => {
  it('says an untouched export is intact (exit 0) and the header lists the hashed fields first', async () => {
    const csv = await exportOf(chain(6));
    expect(lines(csv)[0]).toBe(EXPORT_COLUMNS.join(','));
    expect(csv).toContain("'=HYPERLINK");
    expect(csv).toContain("''quoted start");
    expect(csv).toMatch(/\r\n# checkpoint: [\w-]+\.[\w-]+\.[\w-]+\r\n$/);
    const r = await verifyAuditExport(csv);
    expect(r.status, r.message).toBe('intact');
    expect(r.rows).toBe(6);
  });

  it('finds one altered field and names the row', async () => {
    const csv = await exportOf(chain(6));
    const altered = edit(csv, (rs) => rs.map((r) => (r[0] === '7' ? r.map((c, i) => (i === EXPORT_COLUMNS.indexOf('data') ? c.replace('1.2', '1.3') : c)) : r)));
    expect(altered).not.toBe(csv);
    const r = await verifyAuditExport(altered);
    expect(r).toMatchObject({ status: 'broken', brokenSeq: '7' });
    expect(r.message).toMatch(/row seq 7 .*altered/);
  });

  it('finds a deleted row', async () => {
    const csv = await exportOf(chain(6));
    const r = await verifyAuditExport(edit(csv, (rs) => rs.filter((x) => x[0] !== '7')));
    expect(r).toMatchObject({ status: 'broken', brokenSeq: '10' });
    expect(r.message).toMatch(/does not follow row seq 4/);
  });

  it('finds a deleted first row', async () => {
    const csv = await exportOf(chain(4));
    const r = await verifyAuditExport(edit(csv, (rs) => rs.filter((x) => x[0] !== '1')));
    expect(r).toMatchObject({ status: 'broken', brokenSeq: '4' });
    expect(r.message).toMatch(/not the start of the trail/);
  });

  it('finds a reordered row', async () => {
    const csv = await exportOf(chain(6));
    const r = await verifyAuditExport(edit(csv, (rs) => [rs[0]!, rs[1]!, rs[3]!, rs[2]!, ...rs.slice(4)]));
    expect(r).toMatchObject({ status: 'broken', brokenSeq: '7' });
  });

  it('finds rows cut from the end against the signed checkpoint', async () => {
    const csv = await exportOf(chain(6));
    const r = await verifyAuditExport(edit(csv, (rs) => rs.filter((x) => x[0] !== '16')));
    expect(r).toMatchObject({ status: 'broken', brokenSeq: '16' });
    expect(r.message).toMatch(/signed checkpoint names seq 16.*cut from the end/);
  });

  it('refuses a checkpoint whose signature does not match (a changed payload or another key)', async () => {
    const csv = await exportOf(chain(4));
    const tampered = csv.replace(/(# checkpoint: [\w-]+\.)([\w-])/, (_m, a: string, c: string) => `${a}${c === 'e' ? 'f' : 'e'}`);
    const r = await verifyAuditExport(tampered);
    expect(r.status).toBe('broken');
    expect(r.message).toMatch(/signature is not valid/);
    const other = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const { exportJWK, calculateJwkThumbprint } = await import('jose');
    const jwk = await exportJWK(other.publicKey);
    const pinned = { keys: [{ ...jwk, kid: (await publicKeySet()).keys[0]!.kid }] };
    expect((await verifyAuditExport(csv, { keys: pinned })).message).toMatch(/signature is not valid/);
    expect((await verifyAuditExport(csv, { keys: { keys: [{ ...jwk, kid: await calculateJwkThumbprint(jwk) }] } })).message).toMatch(/not in the key file/);
    expect((await verifyAuditExport(csv, { keys: await publicKeySet() })).status).toBe('intact');
  });

  it('proves a later export extends an earlier one, and catches a rewrite before the earlier checkpoint', async () => {
    const full = chain(8);
    const earlier = await exportOf(full.slice(0, 5));
    const later = await exportOf(full);
    const ok = await verifyAuditExport(later, { since: earlier });
    expect(ok.status, ok.message).toBe('intact');
    expect(ok.message).toMatch(/extends the earlier export/);

    // An administrator rewrites row 2 and recomputes every hash after it: the later file is a
    // valid chain on its own, but not an extension of what the earlier checkpoint signed.
    const rewritten = full.map((e) => ({ ...e }));
    let prev = '';
    for (const e of rewritten) {
      if (e.seq === '4') e.dataText = '{"sop_id": "x", "label": "9.9"}';
      e.prevHash = prev;
      e.hash = rowHash({ prev_hash: prev, org_id: e.orgId, actor_id: e.actorId ?? '', action: e.action, target_type: e.targetType, target_id: e.targetId, data: e.dataText, reason: e.reason, created_at: e.createdAt });
      prev = e.hash;
    }
    const forged = await exportOf(rewritten);
    expect((await verifyAuditExport(forged)).status).toBe('intact');
    const r = await verifyAuditExport(forged, { since: earlier });
    expect(r).toMatchObject({ status: 'broken', brokenSeq: '13' });
    expect(r.message).toMatch(/rewritten/);

    // Truncated after the earlier checkpoint was taken and re-chained: the earlier head is gone.
    const truncated = await exportOf(full.slice(0, 3));
    expect((await verifyAuditExport(truncated, { since: earlier })).message).toMatch(/missing from the later export/);
  });

  it('checks a filtered export row by row but does not call it complete (exit 2)', async () => {
    const events = chain(6);
    const csv = await exportOf([events[1]!, events[4]!], 'filtered');
    const r = await verifyAuditExport(csv);
    expect(r.status).toBe('unverifiable');
    expect(r.message).toMatch(/filtered export/);
    const lie = csv.replace('# scope: filtered', '# scope: complete');
    expect((await verifyAuditExport(lie)).status).toBe('broken');
  });

  it('says a file that is not an export is not one', async () => {
    expect((await verifyAuditExport('a,b\r\n1,2\r\n')).status).toBe('unverifiable');
  });
});
