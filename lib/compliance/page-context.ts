/**
 * For the SOP page's "Compliance mapping" panel and the Settings page's "Frameworks you
 * follow": everything they show, loaded in one withUser() transaction. The clause picker gets
 * the clauses of one framework at a time (the first the organization follows here; another
 * through frameworkClausesAction), never the whole library.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { CURRENT_FRAMEWORKS, getFramework, type FrameworkCategory } from '@/lib/library';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import type { SopDetail } from '@/lib/sops/service';
import { listMappings, type Mapping } from './mappings';
import { listOrgFrameworks } from './org-frameworks';

export interface FrameworkChoice {
  code: string;
  shortName: string;
  name: string;
  version: string;
  category: FrameworkCategory;
  coverage: 'complete' | 'partial' | 'unsourced';
  /** Clauses coverage counts (leaves). */
  leaves: number;
  followed: boolean;
}

export interface ClauseChoice {
  id: string;
  title: string;
}

export interface MappingPanelData {
  canEdit: boolean;
  /** Suggestions use Claude (the organization's AI mode, as for drafting); else keyword matching only. */
  claude: boolean;
  /** The organization follows at least one framework. */
  follows: boolean;
  /** Current frameworks, the organization's first. */
  frameworks: FrameworkChoice[];
  accepted: Mapping[];
  proposals: Mapping[];
  hasContent: boolean;
  /** The first framework of the picker and its clauses. */
  initial: { framework: string; clauses: ClauseChoice[] } | null;
}

/** A framework's clauses the picker offers: everything not withdrawn (groups included: they are citable). */
export function pickableClauses(code: string): ClauseChoice[] {
  const f = getFramework(code);
  if (!f || f.status !== 'current') return [];
  return f.clauses.filter((c) => !c.withdrawn).map((c) => ({ id: c.id, title: c.title }));
}

export function frameworkChoices(followed: readonly string[]): FrameworkChoice[] {
  const all = CURRENT_FRAMEWORKS.map((f) => ({
    code: f.code,
    shortName: f.shortName,
    name: f.name,
    version: f.version,
    category: f.category,
    coverage: f.coverage,
    leaves: f.clauses.filter((c) => !c.group && !c.withdrawn).length,
    followed: followed.includes(f.code),
  }));
  return [...all.filter((f) => f.followed), ...all.filter((f) => !f.followed)];
}

export async function loadMappingPanel(user: CurrentUser, org: OrgSummary, sop: SopDetail): Promise<MappingPanelData> {
  const { followed, mappings, aiAllowed } = await withUser(user.claims, async (tx) => ({
    followed: await listOrgFrameworks(tx, org.id),
    mappings: await listMappings(tx, { orgId: org.id, sopId: sop.id }),
    aiAllowed: (await getDocumentSettings(tx, org.id)).aiAllowed,
  }));
  const frameworks = frameworkChoices(followed);
  // The picker starts on the first framework followed that has clauses in the library.
  const first = frameworks.find((f) => f.followed && f.leaves > 0) ?? frameworks.find((f) => f.leaves > 0);
  return {
    canEdit: roleCan(org.role, 'sops.edit'),
    claude: env().ai.mode === 'claude' && aiAllowed,
    follows: followed.length > 0,
    frameworks,
    accepted: mappings.filter((m) => m.status === 'accepted'),
    proposals: mappings.filter((m) => m.status === 'proposed'),
    hasContent: Boolean(sop.draftContent ?? sop.currentVersionId),
    initial: first ? { framework: first.code, clauses: pickableClauses(first.code) } : null,
  };
}

/** The Settings page's "Frameworks you follow". */
export async function loadOrgFrameworks(user: CurrentUser, org: OrgSummary): Promise<{ canChange: boolean; frameworks: FrameworkChoice[] }> {
  const followed = await withUser(user.claims, (tx) => listOrgFrameworks(tx, org.id));
  return { canChange: roleCan(org.role, 'org.update'), frameworks: frameworkChoices(followed).sort((a, b) => CURRENT_FRAMEWORKS.findIndex((f) => f.code === a.code) - CURRENT_FRAMEWORKS.findIndex((f) => f.code === b.code)) };
}
