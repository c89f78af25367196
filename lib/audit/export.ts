/**
 * The audit trail as CSV data for an inspector and for `npm run audit:verify`
 * (format: lib/audit/csv-format.ts). An export without filters is the complete trail of the
 * organization, from its first event to the export's own audit.exported event, and is what
 * the verifier can prove intact; a filtered export is for reading (its rows can each be
 * checked, the chain between them cannot). Both end with a signed checkpoint of the chain head.
 */
import 'server-only';
import type { Tx } from '@/lib/db/types';
import type { z } from 'zod';
import { filterParams, type ZAuditFilterQuery } from './api-schemas';
import { signCheckpoint } from './checkpoint';
import { csvRecord, EXPORT_COLUMNS, FORMAT_VERSION, META, metaRecord, type ExportRow } from './csv-format';
import { allAuditEvents, recordAuditExport, type AuditEvent } from './service';
import type { Checkpoint } from './verify';

export function exportRow(e: AuditEvent): ExportRow {
  return {
    seq: e.seq,
    created_at: e.createdAt,
    org_id: e.orgId,
    actor_id: e.actorId ?? '',
    action: e.action,
    target_type: e.targetType,
    target_id: e.targetId,
    data: e.dataText,
    reason: e.reason,
    prev_hash: e.prevHash,
    hash: e.hash,
    actor_email: e.actorEmail,
    actor_name: e.actor?.name ?? '',
    description: e.description,
  };
}

export interface ExportHead {
  orgId: string;
  seq: string;
  hash: string;
}

/** The checkpoint an export carries, signed now. */
export async function checkpointFor(head: ExportHead, rows: number, scope: Checkpoint['scope']): Promise<{ checkpoint: Checkpoint; jws: string }> {
  const checkpoint: Checkpoint = { org_id: head.orgId, seq: Number(head.seq), hash: head.hash, exported_at: new Date().toISOString(), rows, scope };
  return { checkpoint, jws: await signCheckpoint(checkpoint) };
}

export async function renderAuditCsv(events: AuditEvent[], head: ExportHead, scope: Checkpoint['scope']): Promise<string> {
  const { jws } = await checkpointFor(head, events.length, scope);
  let out = csvRecord(EXPORT_COLUMNS);
  for (const e of events) {
    const row = exportRow(e);
    out += csvRecord(EXPORT_COLUMNS.map((c) => row[c]));
  }
  out += metaRecord(META.format, FORMAT_VERSION);
  out += metaRecord(META.scope, scope);
  out += metaRecord(META.checkpoint, jws);
  return out;
}

export interface PreparedExport {
  head: ExportHead;
  events: AuditEvent[];
  filters: Record<string, string>;
  scope: Checkpoint['scope'];
}

/**
 * In the route's transaction: record the export (audit.exported, the new chain head), then
 * read the rows it covers, that event included when unfiltered. Rendering and signing happen
 * after the commit.
 */
export async function prepareAuditExport(tx: Tx, orgId: string, format: 'csv' | 'docx', query: z.infer<typeof ZAuditFilterQuery>, url: string): Promise<PreparedExport> {
  const filters = filterParams(query, new URL(url).searchParams);
  const head = await recordAuditExport(tx, orgId, format, filters);
  const events = await allAuditEvents(tx, orgId, query);
  return { head: { orgId, ...head }, events, filters, scope: Object.keys(filters).length ? 'filtered' : 'complete' };
}

export const CSV_MIME = 'text/csv; charset=utf-8';
