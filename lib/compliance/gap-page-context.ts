/**
 * For the SOP page's "Gap analysis" panel: the frameworks one can analyse against (the ones
 * the organization follows first, then every current library framework with clauses), the
 * latest stored analysis per framework with its clauses' titles and the "Improve this
 * section" links, and what the signed-in person may do (editors run; everyone reads).
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import { env } from '@/lib/env';
import { CURRENT_FRAMEWORKS, findClause, getFramework, leafClauses } from '@/lib/library';
import { roleCan } from '@/lib/orgs/permissions';
import { getDocumentSettings, type OrgSummary } from '@/lib/orgs/service';
import { SECTIONS } from '@/lib/sops/content';
import type { SopDetail } from '@/lib/sops/service';
import { listOrgFrameworks } from './org-frameworks';
import { citationLabel } from './gap-analysis';
import { listGapAnalyses, type GapAnalysis } from './gap-service';

export interface GapFrameworkOption {
  code: string;
  shortName: string;
  name: string;
  followed: boolean;
}

export interface GapAnalysisView extends GapAnalysis {
  frameworkShortName: string;
  /** Clause id → title, for every clause the analysis names. */
  titles: Record<string, string>;
  /** Per gap (same order): the editor link that opens "Improve this section" with an instruction. */
  improve: { href: string; sectionHeading: string }[];
}

export interface GapPanelData {
  canRun: boolean;
  /** Claude answers "Run gap analysis" (AI processing on for this server and organization). */
  aiOn: boolean;
  /** The saved version a new analysis would read. */
  currentVersionId: string | null;
  currentVersionLabel: string | null;
  frameworks: GapFrameworkOption[];
  analyses: GapAnalysisView[];
}

const MAX_INSTRUCTION = 2000;

/** The instruction "Improve this section" is prefilled with: "Address 21 CFR 117.135 (Preventive controls): <reason>". */
export function gapInstruction(shortName: string, clause: string, title: string, reason: string): string {
  const text = `Address ${citationLabel(shortName, clause)}${title ? ` (${title})` : ''}${reason ? `: ${reason}` : '.'}`;
  return text.length > MAX_INSTRUCTION ? `${text.slice(0, MAX_INSTRUCTION - 1)}…` : text;
}

export function improveHref(slug: string, sopId: string, section: string, instruction: string): string {
  return `/o/${slug}/sops/${sopId}/edit?${new URLSearchParams({ improve: section, instruction }).toString()}`;
}

function view(slug: string, a: GapAnalysis): GapAnalysisView {
  const f = getFramework(a.framework);
  const shortName = f?.shortName ?? a.framework;
  const titles: Record<string, string> = {};
  for (const c of [...a.result.addressed, ...a.result.gaps]) titles[c.clause] = findClause(a.framework, c.clause)?.title ?? '';
  return {
    ...a,
    frameworkShortName: shortName,
    titles,
    improve: a.result.gaps.map((g) => ({
      href: improveHref(slug, a.sopId, g.section, gapInstruction(shortName, g.clause, titles[g.clause] ?? '', g.reason)),
      sectionHeading: SECTIONS.find((s) => s.key === g.section)?.heading ?? g.section,
    })),
  };
}

export async function loadGapPanel(user: CurrentUser, org: OrgSummary, sop: SopDetail): Promise<GapPanelData> {
  const { followed, analyses, aiAllowed } = await withUser(user.claims, async (tx) => ({
    followed: await listOrgFrameworks(tx, org.id),
    analyses: await listGapAnalyses(tx, org.id, sop.id),
    aiAllowed: (await getDocumentSettings(tx, org.id)).aiAllowed,
  }));
  const withClauses = CURRENT_FRAMEWORKS.filter((f) => leafClauses(f).length > 0);
  const followedSet = new Set(followed);
  const option = (f: (typeof withClauses)[number]): GapFrameworkOption => ({ code: f.code, shortName: f.shortName, name: f.name, followed: followedSet.has(f.code) });
  return {
    canRun: roleCan(org.role, 'sops.edit') && Boolean(sop.currentVersionId ?? sop.draftContent),
    aiOn: env().ai.mode === 'claude' && aiAllowed,
    currentVersionId: sop.currentVersionId,
    currentVersionLabel: sop.currentVersionLabel,
    frameworks: [...withClauses.filter((f) => followedSet.has(f.code)).map(option), ...withClauses.filter((f) => !followedSet.has(f.code)).map(option)],
    analyses: analyses.map((a) => view(org.slug, a)),
  };
}
