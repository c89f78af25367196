/**
 * The automatic score of one draft against its corpus case (issue #14). Strict but fair:
 *
 * - facts: a fact is found when its text (case and whitespace normalized) appears in the
 *   section its kind belongs to (SECTION_OF), nowhere else counts;
 * - sentences: every sentence of the input is kept, i.e. at least 85 % of its words (contact
 *   details left out) appear in one single field of the draft;
 * - prose as steps: a line listed in `notSteps` appears in no step;
 * - callouts: each expected callout sits on the step it guards (printed before it) with its
 *   severity; a weaker severity there, or in Health and safety, is a downgrade;
 * - references: each cited clause belongs to a chosen framework and has a reason quoting a
 *   keyword of that clause (lib/library/frameworks.ts) that the input really contains; at most
 *   MAX_REFS_PER_FRAMEWORK per framework (the extra ones count as unsupported);
 * - PII: no phone number, email address or telephone extension inside a step or its callouts.
 */
import { getFramework } from '@/lib/library';
import { hazardOf, type TSopContent, type TStep } from '@/lib/sops/content';
import type { FactKind, QualityCase } from './corpus';

export const MAX_REFS_PER_FRAMEWORK = 3;
const RANK = { note: 0, caution: 1, warning: 2 } as const;

export const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{3}[\s.-]\d{3}[\s.-]\d{4}\b/g;
const EXT = /\bext\.?\s*\d+/gi;
const PLACEHOLDER = /\[(?:EMAIL|PHONE)_\d+\]/g;
export const stripContacts = (s: string) => s.replace(EMAIL, ' ').replace(PHONE, ' ').replace(EXT, ' ').replace(PLACEHOLDER, ' ');
const hasContact = (s: string) => [EMAIL, PHONE, EXT, PLACEHOLDER].some((re) => new RegExp(re.source, re.flags).test(s));

interface FlatStep {
  index: number;
  text: string;
  callouts: TStep['callouts'];
}

function flatSteps(steps: TStep[]): FlatStep[] {
  const out: FlatStep[] = [];
  const walk = (list: TStep[]) => {
    for (const s of list) {
      out.push({ index: out.length, text: s.text, callouts: s.callouts });
      walk(s.substeps);
    }
  };
  walk(steps);
  return out;
}

/** The texts of the section(s) where a fact of each kind belongs. */
export const SECTION_OF: Record<FactKind, string> = {
  role: 'Responsibilities',
  record: 'Records',
  material: 'Materials and equipment',
  equipment: 'Materials and equipment',
  ppe: 'Health and safety › PPE',
  limit: 'Procedure (steps, sub-steps and their callouts)',
  contact: 'Responsibilities › "Contacts" entry',
};

function sectionTexts(d: TSopContent, kind: FactKind): string[] {
  switch (kind) {
    case 'role':
      return d.responsibilities.filter((r) => r.role !== 'Contacts').map((r) => `${r.role} — ${r.duties}`);
    case 'record':
      return d.records.map((r) => r.name);
    case 'material':
    case 'equipment':
      return d.materialsAndEquipment;
    case 'ppe':
      return d.healthAndSafety.ppe;
    case 'limit':
      return flatSteps(d.procedure).flatMap((s) => [s.text, ...s.callouts.map((c) => c.text)]);
    case 'contact':
      return d.responsibilities.filter((r) => r.role === 'Contacts').map((r) => r.duties);
  }
}

/** Every string of a draft, one field each. */
function fields(d: TSopContent): string[] {
  return [
    d.titleBlock.title,
    d.purpose,
    d.scope,
    ...d.responsibilities.flatMap((r) => [r.role, r.duties]),
    ...d.definitions.flatMap((x) => [x.term, x.definition]),
    ...d.materialsAndEquipment,
    ...d.healthAndSafety.cautions.map((h) => hazardOf(h).text),
    ...d.healthAndSafety.ppe,
    ...flatSteps(d.procedure).flatMap((s) => [s.text, ...s.callouts.map((c) => c.text)]),
    ...d.records.map((r) => r.name),
  ];
}

const words = (s: string) => (norm(stripContacts(s)).match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length >= 3 || /\d/.test(w));

/** The sentences of an input: lines without list markers or labels, split at sentence ends. */
export function inputSentences(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:\d+(?:\.\d+)*[.)]|[-*•]|[a-z][.)])\s+/, '').trim())
    .filter(Boolean)
    .flatMap((l) => l.split(/(?<=[.!?;])\s+(?=[A-Z])/))
    .map((s) => s.replace(/^(?:warning|caution|note|danger|purpose|scope|contact|questions)\s*:\s*/i, '').trim())
    .filter((s) => words(s).length >= 2);
}

export interface FactResult {
  kind: FactKind;
  text: string;
  found: boolean;
}

export interface CaseScore {
  id: string;
  facts: FactResult[];
  factsFound: number;
  factsTotal: number;
  sentencesLost: string[];
  sentencesTotal: number;
  proseAsSteps: string[];
  calloutsMissing: string[];
  /** Expected callouts that are on another step than the one they guard. */
  calloutsMisplaced: string[];
  /** Callouts (on their step or in Health and safety) with a weaker severity than the input's. */
  severityDowngrades: string[];
  unsupportedRefs: string[];
  refs: number;
  piiInSteps: string[];
}

export interface ScoreOptions {
  /** Maps a fact to what the drafter was given (the Claude path scrubs contact details into placeholders). */
  factText?: (fact: string) => string;
}

export function scoreDraft(c: QualityCase, d: TSopContent, opts: ScoreOptions = {}): CaseScore {
  const factText = opts.factText ?? ((f: string) => f);
  const facts: FactResult[] = [];
  for (const [kind, list] of Object.entries(c.facts) as [FactKind, string[]][]) {
    const texts = sectionTexts(d, kind).map(norm);
    for (const text of list) {
      const needle = norm(factText(text));
      facts.push({ kind, text, found: texts.some((t) => t.includes(needle)) });
    }
  }

  const fieldWords = fields(d).map((f) => new Set(words(f)));
  const sentences = inputSentences(c.processDescription);
  const sentencesLost = sentences.filter((s) => {
    const ws = words(s);
    return !fieldWords.some((set) => ws.filter((w) => set.has(w)).length / ws.length >= 0.85);
  });

  const steps = flatSteps(d.procedure);
  const stepTexts = steps.map((s) => norm(s.text));
  const proseAsSteps = c.notSteps.filter((line) => {
    const l = norm(line).replace(/[.:]$/, '');
    return stepTexts.some((t) => t.includes(l) || (l.length >= 12 && l.includes(t.replace(/[.:]$/, ''))));
  });

  const calloutsMissing: string[] = [];
  const calloutsMisplaced: string[] = [];
  const severityDowngrades: string[] = [];
  for (const e of c.callouts) {
    const holder = steps.find((s) => s.callouts.some((x) => norm(x.text).includes(norm(e.text))));
    if (!holder) {
      calloutsMissing.push(e.text);
      continue;
    }
    const got = holder.callouts.find((x) => norm(x.text).includes(norm(e.text)))!;
    if (RANK[got.kind] < RANK[e.kind]) severityDowngrades.push(`${e.text}: ${e.kind} → ${got.kind} on the step`);
    if (!norm(holder.text).includes(norm(e.guards))) calloutsMisplaced.push(`${e.text}: on "${holder.text.slice(0, 50)}", guards "${e.guards}"`);
    if (e.kind !== 'note') {
      const hs = d.healthAndSafety.cautions.map(hazardOf).find((h) => norm(h.text).includes(norm(e.text)));
      if (!hs) calloutsMissing.push(`${e.text} (in Health and safety)`);
      else if (RANK[hs.kind] < RANK[e.kind]) severityDowngrades.push(`${e.text}: ${e.kind} → ${hs.kind} in Health and safety`);
    }
  }

  const input = norm(`${c.title} ${c.processDescription}`);
  const unsupportedRefs: string[] = [];
  const perFramework = new Map<string, number>();
  for (const r of d.references) {
    const label = `${r.framework} ${r.clause}`;
    const n = (perFramework.get(r.framework) ?? 0) + 1;
    perFramework.set(r.framework, n);
    const clause = c.frameworks.includes(r.framework) ? getFramework(r.framework)?.clauses.find((x) => x.id === r.clause) : undefined;
    if (!clause) unsupportedRefs.push(`${label}: not a clause of a chosen framework`);
    else if (n > MAX_REFS_PER_FRAMEWORK) unsupportedRefs.push(`${label}: more than ${MAX_REFS_PER_FRAMEWORK} clauses of ${r.framework}`);
    else if (!r.reason) unsupportedRefs.push(`${label}: no reason`);
    else {
      const reason = norm(r.reason);
      const supported = (clause.keywords ?? []).some((k) => reason.includes(k) && new RegExp(`(?<![\\p{L}\\p{N}])${escape(k)}`, 'u').test(input));
      if (!supported) unsupportedRefs.push(`${label}: the reason quotes no keyword of the clause found in the input`);
    }
  }

  const piiInSteps = steps.flatMap((s) => [s.text, ...s.callouts.map((x) => x.text)]).filter(hasContact);
  return {
    id: c.id,
    facts,
    factsFound: facts.filter((f) => f.found).length,
    factsTotal: facts.length,
    sentencesLost,
    sentencesTotal: sentences.length,
    proseAsSteps,
    calloutsMissing,
    calloutsMisplaced,
    severityDowngrades,
    unsupportedRefs,
    refs: d.references.length,
    piiInSteps,
  };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface SuiteScore {
  cases: CaseScore[];
  factsFound: number;
  factsTotal: number;
  byKind: Record<string, { found: number; total: number }>;
  sentencesLost: number;
  sentencesTotal: number;
  proseAsSteps: number;
  calloutsExpected: number;
  calloutsMissing: number;
  calloutsMisplaced: number;
  severityDowngrades: number;
  refs: number;
  unsupportedRefs: number;
  piiInSteps: number;
}

export function summarize(cases: CaseScore[], corpus: QualityCase[]): SuiteScore {
  const byKind: SuiteScore['byKind'] = {};
  for (const f of cases.flatMap((c) => c.facts)) {
    const k = (byKind[f.kind] ??= { found: 0, total: 0 });
    k.total++;
    if (f.found) k.found++;
  }
  const sum = (f: (c: CaseScore) => number) => cases.reduce((a, c) => a + f(c), 0);
  return {
    cases,
    factsFound: sum((c) => c.factsFound),
    factsTotal: sum((c) => c.factsTotal),
    byKind,
    sentencesLost: sum((c) => c.sentencesLost.length),
    sentencesTotal: sum((c) => c.sentencesTotal),
    proseAsSteps: sum((c) => c.proseAsSteps.length),
    calloutsExpected: corpus.reduce((a, c) => a + c.callouts.length, 0),
    calloutsMissing: sum((c) => c.calloutsMissing.length),
    calloutsMisplaced: sum((c) => c.calloutsMisplaced.length),
    severityDowngrades: sum((c) => c.severityDowngrades.length),
    refs: sum((c) => c.refs),
    unsupportedRefs: sum((c) => c.unsupportedRefs.length),
    piiInSteps: sum((c) => c.piiInSteps.length),
  };
}

export const pct = (a: number, b: number) => (b ? (100 * a) / b : 100);
