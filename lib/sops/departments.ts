/**
 * The departments New SOP suggests: those of the organization's SOPs and those that have
 * review and approval defaults, each once, in order. Suggestions only: a department is free
 * text, kept exactly as typed (sops.department).
 */
import { listRoutingDefaults } from '@/lib/document-control/routing-defaults';
import type { Tx } from '@/lib/db/types';
import { listDepartments } from './service';

export async function departmentSuggestions(tx: Tx, orgId: string): Promise<string[]> {
  const fromSops = await listDepartments(tx, orgId);
  const fromDefaults = (await listRoutingDefaults(tx, orgId)).map((d) => d.department).filter((d) => d !== '');
  return [...new Set([...fromSops, ...fromDefaults])].sort((a, b) => a.localeCompare(b));
}
