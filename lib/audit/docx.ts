/**
 * The audit trail as a Word document an inspector can read: the organization, the period and
 * filters, when and by whom it was exported, then one table row per event (UTC time with
 * microseconds, who, the event in words, the reason, the seq and the start of the hash), and
 * the signed checkpoint with instructions to verify the CSV export. Built with `docx` and the
 * SOP export's styles and tables (lib/export), in landscape so the table reads.
 */
import 'server-only';
import { HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { xmlSafe } from '@/lib/export/format';
import { landscapeA4, landscapeReport } from '@/lib/export/landscape';
import { COLOR, SIZE, STYLE } from '@/lib/export/styles';
import { dataTable } from '@/lib/export/tables';
import { personWords } from './describe';
import type { AuditEvent } from './service';
import type { Checkpoint } from './verify';

export interface AuditDocxInput {
  orgName: string;
  events: AuditEvent[];
  filters: Record<string, string>;
  checkpoint: Checkpoint;
  jws: string;
}

const para = (text: string, opts: { style?: string; bold?: boolean; color?: string; size?: number } = {}) =>
  new Paragraph({ style: opts.style, children: [new TextRun({ text: xmlSafe(text), bold: opts.bold, color: opts.color, size: opts.size })] });

export function renderAuditDocx(input: AuditDocxInput): Promise<Buffer> {
  const page = landscapeA4();
  const filters = Object.entries(input.filters).map(([k, v]) => `${k} = ${v}`).join('; ');
  const rows = input.events.map((e) => [
    e.createdAt.replace('T', ' ').replace('Z', ' UTC'),
    e.actor ? personWords(e.actor) : 'System',
    xmlSafe(e.description),
    xmlSafe(e.reason),
    `${e.seq}\n${e.hash.slice(0, 16)}…`,
  ]);
  const doc = landscapeReport({
    title: `Audit trail — ${input.orgName}`,
    subject: 'Audit trail (21 CFR 11.10(e), EU GMP Annex 11 §9)',
    footer: `Audit trail — ${input.orgName} — exported ${input.checkpoint.exported_at}`,
    children: [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(xmlSafe(`Audit trail — ${input.orgName}`))] }),
      para(`Exported ${input.checkpoint.exported_at} (UTC). ${input.events.length} events${filters ? `, filtered: ${filters}` : ', the complete trail from the first event'}.`, { color: COLOR.muted }),
      para('Times are UTC. Each event is recorded by the system in the same transaction as the change it describes; the trail is append-only and hash-chained (each row carries the hash of the one before).', { color: COLOR.muted, size: SIZE.table }),
      dataTable(
        [
          { title: 'Time (UTC)', share: 0.15 },
          { title: 'Who', share: 0.14 },
          { title: 'Event', share: 0.43 },
          { title: 'Reason / comment', share: 0.16 },
          { title: 'Seq / hash', share: 0.12 },
        ],
        rows,
        page.contentWidth,
      ),
      new Paragraph({ style: STYLE.blockLabel, spacing: { before: 360 }, children: [new TextRun('Signed checkpoint')] }),
      para(`At export the newest event of the trail was seq ${input.checkpoint.seq} with hash ${input.checkpoint.hash}. The server signed this with its Ed25519 key (JWS below; public key at /.well-known/sopwright-audit-key.json).`),
      para(input.jws, { size: 14 }),
      para('To verify the trail offline, download the CSV export (without filters) and run: npm run audit:verify -- audit-trail.csv [--key key.json] [--since earlier-export.csv]', { color: COLOR.muted }),
    ],
  });
  return Packer.toBuffer(doc);
}
