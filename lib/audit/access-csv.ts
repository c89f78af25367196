/** The access report as CSV (RFC 4180, formula-safe cells: lib/audit/csv-format.ts). */
import type { AccessPeriod } from './access';
import { csvRecord } from './csv-format';

const COLUMNS = ['user_id', 'name', 'email', 'role', 'from_utc', 'to_utc', 'granted_by', 'ended'] as const;

export function accessCsv(periods: readonly AccessPeriod[]): string {
  return csvRecord(COLUMNS) + periods.map((p) => csvRecord([p.userId, p.name, p.email, p.role, p.from, p.to ?? '', p.grantedBy, p.to ? p.ended : 'still held'])).join('');
}
