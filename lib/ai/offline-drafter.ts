/**
 * The offline drafter: a deterministic SOP draft built on this server from the user's own
 * words, in the same schema as the model's drafts (used when no ANTHROPIC_API_KEY is set or
 * the organization switched AI processing off). Steps come from the user's lines (numbering
 * stripped, indented lines as sub-steps, "Warning:/Caution:/Note:" lines as callouts),
 * responsibilities from the roles mentioned, definitions from known abbreviations, PPE and
 * records from what the text names, and references from the chosen frameworks by keyword.
 */
import { FRAMEWORKS } from '@/lib/library';
import { NOT_APPLICABLE, type TCitation, type TSopContent, type TStep } from '@/lib/sops/content';

export interface DraftInput {
  title: string;
  processDescription: string;
  industry?: string;
  frameworks?: string[];
  audience?: string;
  department?: string;
}

const ROLES: [RegExp, string, string][] = [
  [/\boperators?\b/i, 'Operator', 'Performs the procedure as written and records the results.'],
  [/\bsupervisors?\b|\bshift lead/i, 'Supervisor', 'Makes sure trained staff follow this procedure and reviews the records each shift.'],
  [/\bQA\b|quality assurance|quality manager/i, 'Quality Assurance', 'Owns this SOP, verifies the records and handles deviations.'],
  [/\btechnicians?\b/i, 'Technician', 'Carries out the technical steps and reports faults.'],
  [/\bmaintenance\b/i, 'Maintenance', 'Keeps the equipment in working order and documents repairs.'],
  [/\bsanitation (?:team|crew|staff)\b|cleaning crew|\bcleaners\b/i, 'Sanitation team', 'Cleans and sanitizes as specified and records each clean.'],
  [/\b(lab|laboratory) (analysts?|staff|technicians?)\b|\banalysts?\b/i, 'Laboratory analyst', 'Performs the tests and records the results.'],
  [/\bnurses?\b/i, 'Nurse', 'Performs the clinical steps and documents them in the record.'],
  [/\bmanagers?\b/i, 'Manager', 'Provides resources and approves changes to this procedure.'],
];

const ABBREVIATIONS: Record<string, string> = {
  SOP: 'Standard operating procedure',
  PPE: 'Personal protective equipment',
  CCP: 'Critical control point',
  CIP: 'Clean in place',
  HACCP: 'Hazard analysis and critical control points',
  QA: 'Quality assurance',
  QC: 'Quality control',
  CAPA: 'Corrective and preventive action',
  GMP: 'Good manufacturing practice',
  LOTO: 'Lockout/tagout',
  SDS: 'Safety data sheet',
  HTST: 'High temperature, short time (pasteurization)',
  ATP: 'Adenosine triphosphate (hygiene swab test)',
  ppm: 'Parts per million',
};

const PPE = ['gloves', 'safety glasses', 'goggles', 'face shield', 'hairnet', 'beard net', 'apron', 'lab coat', 'respirator', 'hearing protection', 'ear plugs', 'safety shoes', 'boots', 'hard hat', 'mask'];
const EQUIPMENT = /\b(thermometer|probe|scale|balance|detergent|sanitizer|sanitiser|pump|valve|tank|mixer|oven|autoclave|pipette|swab|brush|hose|checklist|label|container|bin|filter|gauge|meter)s?\b/gi;

function sentenceCase(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  const withStop = /[.!?:]$/.test(t) ? t : `${t}.`;
  return withStop.charAt(0).toUpperCase() + withStop.slice(1);
}

function parseSteps(text: string): TStep[] {
  const steps: TStep[] = [];
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  const source = lines.length > 1 ? lines : text.split(/(?<=[.!?])\s+(?=[A-Z])/);
  for (const raw of source) {
    const indented = /^(\s{2,}|\t)/.test(raw) || /^\s*[a-z][.)]\s/.test(raw);
    const line = raw.replace(/^\s*(?:\d+(?:\.\d+)*[.)]?|[-*•]|[a-z][.)])\s+/, '').trim();
    if (!line) continue;
    const callout = /^(warning|caution|note)\s*[:-]\s*(.+)$/i.exec(line);
    const target = steps.at(-1);
    if (callout && target) {
      const holder = target.substeps.at(-1) && indented ? target.substeps.at(-1)! : target;
      holder.callouts.push({ kind: callout[1]!.toLowerCase() as 'warning' | 'caution' | 'note', text: sentenceCase(callout[2]!) });
    } else if (indented && target) {
      target.substeps.push({ text: sentenceCase(line), callouts: [], substeps: [] });
    } else {
      steps.push({ text: sentenceCase(line), callouts: [], substeps: [] });
    }
  }
  return steps.slice(0, 200);
}

const RECORD_STOPWORDS = new Set(['the', 'a', 'an', 'on', 'in', 'to', 'of', 'and', 'or', 'with', 'into', 'onto', 'signs', 'sign', 'reviews', 'review', 'record', 'records', 'fill', 'fills', 'complete', 'completes', 'daily', 'each', 'every', 'this', 'that', 'qa', 'supervisor', 'operator']);

/** "…record on the CIP log", "signs the sanitation checklist" → "CIP log", "Sanitation checklist". */
function recordNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/((?:[\w-]+ ){0,2})(log|checklist|form|sheet|logbook)s?\b/gi)) {
    const words = m[1]!.trim().split(/\s+/).filter(Boolean);
    while (words.length && RECORD_STOPWORDS.has(words[0]!.toLowerCase())) words.shift();
    if (!words.length || words.some((w) => RECORD_STOPWORDS.has(w.toLowerCase()))) continue;
    const name = `${words.join(' ')} ${m[2]!.toLowerCase()}`;
    names.add(name.charAt(0).toUpperCase() + name.slice(1));
  }
  return [...names].slice(0, 30);
}

function citations(text: string, frameworks: string[]): TCitation[] {
  const lower = text.toLowerCase();
  const out: TCitation[] = [];
  for (const f of FRAMEWORKS.filter((fw) => frameworks.includes(fw.code))) {
    const hits = f.clauses.filter((c) => c.keywords?.some((k) => lower.includes(k)));
    const chosen = hits.length ? hits : f.clauses.filter((c) => c.keywords?.length).slice(0, 1);
    for (const c of chosen.slice(0, 8)) out.push({ framework: f.code, clause: c.id });
  }
  return out;
}

export function draftOffline(input: DraftInput, today = new Date()): TSopContent {
  const text = input.processDescription;
  const steps = parseSteps(text);
  const lower = text.toLowerCase();
  const responsibilities = ROLES.filter(([re]) => re.test(text)).map(([, role, duties]) => ({ role, duties }));
  const definitions = Object.entries(ABBREVIATIONS)
    .filter(([abbr]) => new RegExp(`\\b${abbr}\\b`).test(text))
    .map(([term, definition]) => ({ term, definition }));
  const ppe = PPE.filter((p) => lower.includes(p)).map((p) => p.charAt(0).toUpperCase() + p.slice(1));
  const equipment = [...new Set([...text.matchAll(EQUIPMENT)].map((m) => m[1]!.toLowerCase()))].map((e) => e.charAt(0).toUpperCase() + e.slice(1));
  const cautions = steps.flatMap((s) => s.callouts.filter((c) => c.kind !== 'note'));
  const records = recordNames(text).map((name) => ({ name, retention: 'Per the records retention schedule' }));
  const scopeBits = [input.industry && `${input.industry} operations`, input.department && `the ${input.department} department`, input.audience && `${input.audience}`].filter(Boolean);

  return {
    titleBlock: { title: input.title.trim(), documentNumber: '', department: input.department?.trim() ?? '' },
    purpose: `This procedure sets out the steps, responsibilities and records for ${input.title.trim().replace(/^./, (c) => c.toLowerCase())}, so that it is carried out the same way every time, safely, and can be verified from the records.`,
    scope: scopeBits.length ? `Applies to ${scopeBits.join(', ')} whenever this activity is performed.` : 'Applies to everyone who performs this activity, wherever it is performed.',
    responsibilities: responsibilities.length
      ? responsibilities
      : [
          { role: 'Process owner', duties: 'Keeps this SOP current and makes sure staff are trained on the version in effect.' },
          { role: 'Staff performing the task', duties: 'Follow the procedure as written and record the results.' },
        ],
    definitions,
    materialsAndEquipment: equipment,
    healthAndSafety: { cautions, ppe },
    procedure: steps.length ? steps : [{ text: sentenceCase(text.slice(0, 4000) || NOT_APPLICABLE), callouts: [], substeps: [] }],
    records: records.length ? records : [{ name: 'Completed record of this procedure', retention: 'Per the records retention schedule' }],
    references: citations(`${input.title} ${text}`, input.frameworks ?? []),
    revisionHistory: [{ version: '0.1', date: today.toISOString().slice(0, 10), change: 'First draft (offline drafter).', reason: 'New procedure' }],
  };
}
