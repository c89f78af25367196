/**
 * The offline drafter: a deterministic SOP draft built on this server from the user's own
 * words, in the same schema as the model's drafts (used when no ANTHROPIC_API_KEY is set or
 * the organization switched AI processing off). What it keeps, and where (issue #14, measured
 * by the drafting-quality suite in tests/quality):
 *
 * - Steps come from the user's list lines (numbering stripped, indented or lettered lines as
 *   sub-steps); with no list, from the sentences of the paragraphs. "Purpose:", "Scope:" and
 *   other labelled lines go to their section, headings are dropped, and prose around a list
 *   (or a lone sentence before prose steps) goes to Purpose, Scope or Definitions, never to
 *   the steps.
 * - "Warning:/Caution:/Note:" keep their severity ("Danger:" is a warning, "Important:" a
 *   note) and guard the step they belong to, printed before it: a callout line guards the
 *   next step (an indented one under a step with no sub-step after it guards that step), an
 *   inline callout ("Open the valve. Caution: hot") guards its own step, a trailing one the
 *   last step. Warnings and cautions are also listed in Health and safety.
 * - Roles, records (form ids verbatim), materials, equipment and PPE are the noun phrases of
 *   the text, as written ("receiving log, form QF-017", "hi-vis vest").
 * - Contact details (email, phone, extension) never stay in a step: the line goes to a
 *   "Contacts" entry of Responsibilities and the step keeps its instruction "(see Contacts)".
 * - References: only clauses of the chosen frameworks whose keywords the text contains, the
 *   best-supported MAX_REFS_PER_FRAMEWORK of each, each with the words that support it.
 */
import { FRAMEWORKS } from '@/lib/library';
import { keywordMatches, mentionsReason } from '@/lib/library/keywords';
import { NOT_APPLICABLE, type TCallout, type TCitation, type TSopContent, type TStep } from '@/lib/sops/content';

export interface DraftInput {
  title: string;
  processDescription: string;
  industry?: string;
  frameworks?: string[];
  audience?: string;
  department?: string;
}

/** At most this many clauses of each framework are cited (the best-supported ones). */
export const MAX_REFS_PER_FRAMEWORK = 3;

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
  RLU: 'Relative light units (ATP swab reading)',
  TOC: 'Total organic carbon',
  OOS: 'Out of specification',
  LIMS: 'Laboratory information management system',
  ERP: 'Enterprise resource planning (system)',
  IBC: 'Intermediate bulk container',
  EHS: 'Environment, health and safety',
  NCR: 'Nonconformance report',
  CV: 'Coefficient of variation',
  ppm: 'Parts per million',
};

// ---------------------------------------------------------------------------------------------
// Noun phrases: a head noun with up to three words before it, stopping at a function word.

const STOP = new Set(
  `a an the and or nor but with without of on in to into onto at by for from as is are be been being was were has have had its it this that these those each every all any some no not
  your their his her our my who whom which whose when where while if then than so before after during until up down off out over under around between through only also next
  previous same other both per via again must may can could should would will shall never always do does did done there here what how whether
  put puts wear wears use uses used using take takes checks checked records recorded place places placed open opens remove removes fill fills
  complete completes sign signs signed reviews reviewed inform informs verify verifies verified apply applies reports reported run runs let lets read reads give gives
  enter enters send sends close closes closed make makes stop stops start starts store stores keep keeps call calls contact tell tells ask asks asks attach attaches return returns
  compare compares move moves measure measures tests swabs washes rinses scrape dispense connect connects prints
  labels draw draws write writes dry dries select selects walk look leave leaves tag tags raise raises define defines find finds contain opens
  stepping onto steps step decide decides decides informs finds obtains obtain secures secure classify classifies owns approve approves approved passes pass dismantle inspect inspects
  protect protects ensure ensures prevent prevents control controls reduce reduces describe describes confirm confirms notify notifies assign assigns train trains allow allows
  following follow follows given found while into because about against along among behind below beside beyond inside outside near toward towards upon within`.split(/\s+/),
);

interface Token {
  text: string;
  barrier: boolean;
}

const TOKEN = /([\p{L}\p{N}%][\p{L}\p{N}%²°’'\-–/]*(?:[.,]\d+)*)|([,;:()"!?≤≥<>=±]|\.(?=\s|$))/gu;

function tokens(sentence: string): Token[] {
  const out: Token[] = [];
  for (const m of sentence.matchAll(TOKEN)) {
    if (m[1]) out.push({ text: m[1].replace(/[’']s$/, ''), barrier: false });
    else out.push({ text: m[2]!, barrier: true });
  }
  return out;
}

const plural = (w: string) => [w, `${w}s`, `${w}es`, w.replace(/y$/, 'ies')];

/** Noun phrases ending in one of `heads` (lower-case, may be several words, plurals accepted). */
function nounPhrases(sentence: string, heads: readonly string[], opts: { maxMods?: number; needMod?: ReadonlySet<string>; skipStart?: boolean } = {}): string[] {
  const toks = tokens(sentence);
  const lower = toks.map((t) => t.text.toLowerCase());
  const out: string[] = [];
  const sorted = [...heads].sort((a, b) => b.split(' ').length - a.split(' ').length);
  for (let i = 0; i < toks.length; i++) {
    for (const head of sorted) {
      const parts = head.split(' ');
      const end = i + parts.length - 1;
      if (end >= toks.length) continue;
      const ok = parts.every((p, k) => (k === parts.length - 1 ? plural(p).includes(lower[i + k]!) : lower[i + k] === p));
      if (!ok || toks.slice(i, end + 1).some((t) => t.barrier)) continue;
      let start = i;
      while (start > 0 && i - start < (opts.maxMods ?? 3) && !toks[start - 1]!.barrier && !STOP.has(lower[start - 1]!) && (!/^\d+(?:[.,]\d+)?$/.test(lower[start - 1]!) || lower[start] === '%' || /^[A-Z]{2,}$/.test(toks[start - 2]?.text ?? ''))) start--;
      // A number directly before a "%" unit belongs to the phrase ("50 % sodium hydroxide").
      if (start > 0 && lower[start] === '%' && /^\d/.test(lower[start - 1]!)) start--;
      if (start === i && opts.needMod?.has(head)) continue;
      if (start === 0 && i === 0 && opts.skipStart) continue; // a verb that starts a sentence: "Swab the blade…"
      out.push(toks.slice(start, end + 1).map((t) => t.text).join(' '));
      i = end;
      break;
    }
  }
  return out;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Distinct phrases, case-insensitively and singular or plural, without the ones a longer phrase ends with ("probe thermometer" in "calibrated probe thermometer"). */
function distinct(list: string[], max: number, dropContained = true): string[] {
  const seen = new Map<string, string>();
  const key = (p: string) => p.toLowerCase().replace(/(?<=[a-z]{3})s$/, ''); // "Needle" and "Needles" are one
  const keyed = new Set<string>();
  for (const p of list) {
    if (keyed.has(key(p))) continue;
    keyed.add(key(p));
    seen.set(p.toLowerCase(), p);
  }
  const keys = [...seen.keys()];
  return keys
    .filter((k) => !dropContained || !keys.some((o) => o !== k && ` ${o} `.includes(` ${k} `)))
    .map((k) => capital(seen.get(k)!))
    .slice(0, max);
}

const ROLE_HEADS = [
  'clerk', 'manager', 'supervisor', 'operator', 'technician', 'analyst', 'inspector', 'specialist', 'engineer', 'coordinator', 'lead', 'crew', 'team', 'handler',
  'custodian', 'reviewer', 'nurse', 'physician', 'phlebotomist', 'pharmacist', 'cook', 'chef', 'owner', 'board', 'officer', 'auditor', 'assistant', 'worker', 'staff',
  'scientist', 'chemist', 'microbiologist', 'driver', 'welder', 'electrician', 'mechanic', 'fitter', 'packer', 'picker', 'loader', 'porter', 'storekeeper', 'midwife', 'doctor', 'surgeon', 'therapist', 'dispatcher', 'sampler', 'fire watch', 'first aider', 'receiver', 'planner', 'director', 'head', 'foreman', 'attendant', 'qualified person', 'responsible person',
];
/** Heads that are a role only with a word before them ("line lead", "CAPA owner", "forklift driver"). */
const ROLE_NEED_MOD = new Set(['lead', 'crew', 'team', 'owner', 'board', 'staff', 'driver', 'head', 'officer', 'assistant', 'worker', 'receiver']);
const ROLE_DUTY: Record<string, string> = {
  manager: 'Owns this procedure, provides the resources for it and approves changes to it.',
  supervisor: 'Makes sure trained staff follow this procedure and reviews its records.',
  reviewer: 'Reviews the records of this procedure.',
  inspector: 'Inspects and verifies the work of this procedure.',
};
const DEFAULT_DUTY = 'Carries out the steps of this procedure assigned to this role and records the results.';

const RECORD_HEADS = ['chain of custody form', 'log', 'logbook', 'checklist', 'form', 'sheet', 'record', 'report', 'register', 'certificate', 'protocol', 'bill of lading', 'safety data sheet', 'sds', 'batch record', 'worksheet', 'logsheet', 'traveler', 'chart', 'permit', 'certificate of conformance', 'certificate of analysis', 'work order', 'ticket'];
const RECORD_NEED_MOD = new Set(['form', 'record', 'report', 'sheet', 'protocol', 'log', 'certificate', 'register', 'chart', 'permit', 'ticket']);

const PPE_HEADS = [
  'gloves', 'glasses', 'goggles', 'face shield', 'visor', 'hairnet', 'hair net', 'beard net', 'beard cover', 'apron', 'lab coat', 'coat', 'gown', 'respirator', 'mask',
  'hearing protection', 'eye protection', 'ear plugs', 'earplugs', 'ear defenders', 'shoes', 'boots', 'hard hat', 'helmet', 'vest', 'sleeves', 'coveralls', 'overalls', 'smock', 'shoe covers', 'harness', 'jacket', 'welding helmet',
];

const EQUIPMENT_HEADS = [
  'thermometer', 'probe', 'scale', 'balance', 'pump', 'valve', 'tank', 'mixer', 'oven', 'autoclave', 'sterilizer', 'steriliser', 'pipette', 'swab', 'brush', 'hose', 'filter',
  'gauge', 'meter', 'detector', 'analyzer', 'analyser', 'chiller', 'freezer', 'refrigerator', 'fridge', 'cooler', 'cabinet', 'logger', 'bin', 'cage', 'pan', 'tray', 'vial',
  'tube', 'label', 'printer', 'bag', 'machine', 'cartoner', 'checkweigher', 'granulator', 'enrober', 'slicer', 'guard', 'flashlight', 'torch', 'test strips', 'test strip',
  'test pieces', 'test kit', 'flow test', 'indicator', 'station', 'shower', 'ibc', 'torque driver', 'screwdriver', 'disconnect', 'accumulator', 'lock', 'tag', 'hasp', 'press',
  'forklift', 'forks', 'chains', 'tires', 'tyres', 'horn', 'seat belt', 'wristband', 'pumps', 'conveyor', 'belt', 'container', 'drum', 'pallet', 'trolley', 'cart', 'centrifuge',
  'incubator', 'microscope', 'spectrophotometer', 'chromatograph', 'hplc', 'ph meter', 'timer', 'stopwatch', 'camera', 'computer', 'terminal', 'scanner', 'reader', 'sensor',
  'recorder', 'heat exchanger', 'pasteurizer', 'filler', 'capper', 'sealer', 'extruder', 'grinder', 'drill', 'saw', 'knife', 'knives', 'blade', 'ladder', 'hoist', 'crane',
  'extinguisher', 'blanket', 'chute', 'tester', 'caliper', 'calipers', 'micrometer', 'hopper', 'die', 'mold', 'mould', 'kit', 'hood', 'fume hood', 'bench', 'weights', 'standard', 'jar', 'bottle', 'flask', 'beaker', 'syringe', 'needle', 'dispenser', 'sink',
];
const EQUIPMENT_NEED_MOD = new Set(['die', 'blanket', 'guard', 'lock', 'tag', 'station', 'standard', 'kit', 'belt', 'press', 'bag', 'reader', 'bench', 'hood']);

const MATERIAL_HEADS = [
  'detergent', 'sanitizer', 'sanitiser', 'disinfectant', 'cleaner', 'descaler', 'water', 'foil', 'cartons', 'leaflets', 'hand rub', 'soap and water', 'soap', 'towel', 'fluid',
  'hydroxide', 'hypochlorite', 'bleach', 'alcohol', 'ethanol', 'isopropanol', 'solution', 'reagent', 'buffer', 'solvent', 'acid', 'caustic', 'lubricant', 'oil', 'grease',
  'packaging', 'film', 'resin', 'powder', 'wipes', 'ice', 'nitrogen', 'media', 'agar', 'chlorine', 'peroxide', 'ammonium',
];
const MATERIAL_NEED_MOD = new Set(['water', 'solution', 'fluid', 'oil', 'acid', 'alcohol', 'powder', 'film', 'media', 'ammonium', 'towel']);

// ---------------------------------------------------------------------------------------------
// Grammatical cues: nouns the lists above do not know, found by how the sentence uses them
// ("with the four-gas monitor", "into the oil caddy", "The entrant wears…", "puts on the
// sterile coverall, hood and overboots"). Every phrase is words of the input, as written.

/** Base forms of verbs a list item must not start with ("…with a brush and rinse the pan"). */
const VERBS = new Set(
  `add adjust allow apply approve attach calibrate call carry change check clean clear close collect complete confirm connect contact cool cover decide disconnect discard disinfect dispose drain draw dry empty enter escalate fill file finish follow get give go hand hold inform initial inspect isolate keep label leave let lift load lock log lower make mark measure move note notify open pass place print pull push put quarantine raise read record reject release remove repeat replace report return review rinse run sanitize scan seal send set sign start stop store swab switch take tell test transfer turn unload update use verify wait walk wash wear weigh wipe write`.split(/\s+/),
);
const isVerb = (w: string) => VERBS.has(w) || (/s$/.test(w) && VERBS.has(w.replace(/e?s$/, ''))) || (/s$/.test(w) && VERBS.has(w.slice(0, -1)));
/** Words that are never a piece of equipment, a material or a role on their own. */
const ABSTRACT = new Set(
  `area areas room rooms floor floors wall walls site zone zones surface surfaces place point line lines side end start top bottom front back time times date day days shift shifts week name names number numbers value values reading readings result results
  record records detail details information data care caution attention hand hands hour hours minute minutes second seconds product products production batch batches lot lots sample samples item items way order step steps procedure process system software ward
  temperature weight level levels amount quantity limit limits type kind part parts rest outside inside same other contact use case help question questions problem problems issue issues signature initials
  specification specifications requirement requirements instruction instructions policy sop account colleague colleagues patient patients visitor visitors customer customers supplier suppliers person people exception one two three four five half halves
  factor formula mean average cause reason justification approval permission space gap distance`.split(/\s+/),
);
const isAbstract = (word: string) => {
  const w = word.toLowerCase().split('-').at(-1)!; // "Z-factor" is a factor
  return [w, w.replace(/s$/, ''), w.replace(/es$/, '')].some((x) => ABSTRACT.has(x));
};
/** Function words a noun phrase may end before; any other stop word (a verb: "…the normal stop button") means the phrase was cut short. */
const FUNCTION_WORDS = new Set(
  `a an the and or nor but with without of on in to into onto at by for from as is are be been being was were has have had its it this that these those each every all any some no not your their his her our my who whom which whose when where while if then than so before after during until up down off out over under around between through only also next must may can could should would will shall never always there here because about against along among behind below beside beyond inside outside near toward towards upon within`.split(/\s+/),
);
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'their', 'your', 'his', 'her', 'our', 'each', 'every', 'all', 'both', 'any']);
const UNIT = /^(?:°c|°f|c|f|g|mg|kg|µg|ml|l|mm|cm|m|s|min|h|ppm|rpm|bar|psi|kpa|%)$/i;

/** One noun phrase starting at toks[i] (after a determiner and "two pairs of"): up to four words, no stop word, verb, limit or participle. */
function phraseAt(toks: Token[], i: number): { words: string[]; end: number } | undefined {
  const low = (k: number) => toks[k]?.text.toLowerCase() ?? '';
  if (DETERMINERS.has(low(i))) i++;
  if (/^(?:a|one|two|three|\d+)$/.test(low(i)) && /^pairs?$/.test(low(i + 1)) && low(i + 2) === 'of') i += 3;
  const words: string[] = [];
  let k = i;
  for (; k < toks.length && words.length < 4; k++) {
    const t = toks[k]!;
    const w = t.text.toLowerCase();
    if (t.barrier && w !== '%') break;
    if (w === '%') {
      if (!words.length || !/^\d+(?:[.,]\d+)?$/.test(words.at(-1)!)) break;
      words.push(t.text);
      continue;
    }
    if (STOP.has(w) && !FUNCTION_WORDS.has(w)) return undefined; // "…with the normal stop button": not a phrase we can cut cleanly
    if (STOP.has(w) || (words.length && /(?:ed|ly)$/.test(w) && w.length > 4) || (words.length === 0 && isVerb(w))) break;
    if (/^\d/.test(w) && low(k + 1) !== '%') break;
    words.push(t.text);
  }
  while (words.length && (/ly$/.test(words.at(-1)!) || UNIT.test(words.at(-1)!) || /^\d/.test(words.at(-1)!))) words.pop();
  if (!words.length) return undefined;
  const head = words.at(-1)!.toLowerCase();
  // "the chain of custody form", "a readability of 0.01 mg": the noun before "of" is not the thing.
  if (isAbstract(head) || head.length < 3 || !/\p{L}/u.test(head) || toks[k]?.text.toLowerCase() === 'of') return undefined;
  return { words, end: k };
}

/** The phrases after each cue (lower-case word sequences), with the items of a list that follows ("…to the tripod and winch"). */
function afterCues(sentence: string, cues: readonly string[], opts: { list?: boolean; needDet?: boolean } = {}): string[] {
  const toks = tokens(sentence);
  const lower = toks.map((t) => t.text.toLowerCase());
  const out: string[] = [];
  for (const cue of cues) {
    const parts = cue.split(' ');
    for (let i = 0; i + parts.length <= toks.length; i++) {
      if (!parts.every((p, k) => lower[i + k] === p)) continue;
      let at = i + parts.length;
      if (opts.needDet && !DETERMINERS.has(lower[at] ?? '')) continue;
      for (let n = 0; n < 8; n++) {
        const p = phraseAt(toks, at);
        // An item followed by "the/a…" is a verb with its object ("…and blank the inlet line").
        if (!p || (n > 0 && DETERMINERS.has(lower[p.end] ?? ''))) break;
        out.push(p.words.join(' '));
        // A list goes on after "," / "and" / "or" with a noun, not a verb ("…and rinse").
        const sep = lower[p.end];
        if (!opts.list || !(sep === ',' || sep === 'and' || sep === 'or')) break;
        at = p.end + 1;
        if (lower[at] === 'and' || lower[at] === 'or') at++;
        const next = lower[DETERMINERS.has(lower[at] ?? '') ? at + 1 : at] ?? '';
        if (!next || isVerb(next) || STOP.has(next)) break;
      }
    }
  }
  return out;
}

/** A noun phrase ending right before toks[end] (for "the X is calibrated", "The entrant wears"), after a determiner or at the start. */
function phraseBefore(toks: Token[], end: number, needDet: boolean): string | undefined {
  const words: string[] = [];
  let k = end - 1;
  for (; k >= 0 && words.length < 4; k--) {
    const w = toks[k]!.text.toLowerCase();
    if (toks[k]!.barrier || STOP.has(w) || /^\d/.test(w)) break;
    words.unshift(toks[k]!.text);
  }
  if (!words.length) return undefined;
  const before = k >= 0 ? toks[k]!.text.toLowerCase() : '';
  if (needDet ? !DETERMINERS.has(before) && k >= 0 : false) return undefined;
  if (k < 0 && isVerb(words[0]!.toLowerCase())) return undefined; // "Check signs of wear"
  if (isAbstract(words.at(-1)!)) return undefined;
  return words.join(' ');
}

/** Equipment and materials by use: "with/using the X", "into the X", "attached to the X", "lock out the X", "the X is calibrated". */
const WITH_CUES = ['with', 'using', 'by means of'];
const INTO_CUES = ['into', 'attached to', 'connected to', 'clipped to', 'fitted to', 'hooked to'];
const OBJECT_CUES = ['lock out', 'isolate', 'de-energize', 'de-energise', 'calibrate', 'calibrates', 'sanitize', 'sanitise', 'disinfect', 'wipe', 'wipes', 'switch on', 'switch off', 'switches off', 'switches on', 'empty', 'empties', 'load', 'unload', 'service', 'zero', 'tare'];
const PASSIVE_STATE = /^(?:calibrated|checked|cleaned|sanitized|sanitised|inspected|serviced|zeroed|tared|maintained|disinfected|sterilized|sterilised|locked|switched|verified)$/;

function cueThings(sentence: string): string[] {
  const found = [...afterCues(sentence, WITH_CUES, { list: true }), ...afterCues(sentence, INTO_CUES, { list: true, needDet: false }), ...afterCues(sentence, OBJECT_CUES, { list: true, needDet: true })];
  const toks = tokens(sentence);
  for (let i = 1; i + 1 < toks.length; i++) {
    if (/^(?:is|are)$/i.test(toks[i]!.text) && PASSIVE_STATE.test(toks[i + 1]!.text.toLowerCase())) {
      const p = phraseBefore(toks, i, true);
      if (p) found.push(p);
    }
  }
  return found;
}

/** Verbs only a person does: their subject is a role ("The entrant wears…", "The ward housekeeper takes…"). */
const HUMAN_VERBS = new Set(
  `wears puts dons signs countersigns initials approves authorizes authorises reviews verifies decides names assigns takes stays escorts witnesses informs notifies calls washes inspects`.split(/\s+/),
);
const AGENT = /(?:er|or|ist|ant|ent|ian|ee|man|woman|person|keeper|staff)$/i;
const BY_CUES = ['signed by', 'approved by', 'reviewed by', 'checked by', 'verified by', 'witnessed by', 'performed by', 'done by', 'carried out by', 'completed by', 'authorized by', 'authorised by', 'issued by', 'inspected by', 'collected by', 'reported by', 'countersigned by', 'released by'];

function cueRoles(sentence: string, notRole: (p: string) => boolean): string[] {
  const out: string[] = [];
  const departments: string[] = [];
  const toks = tokens(sentence);
  for (let i = 1; i < toks.length; i++) {
    if (!HUMAN_VERBS.has(toks[i]!.text.toLowerCase())) continue;
    // After "the/a/each" the head must read as a person (-er, -or, -ist, -ant…); bare at the start, a capitalized department ("Production approves…").
    const sole = i === 1 && /^[A-Z][a-z]+$|^[A-Z]{2,}$/.test(toks[0]!.text) && !isVerb(toks[0]!.text.toLowerCase()) && /^(?:signs|countersigns|approves|authorizes|authorises|reviews|verifies|releases)$/i.test(toks[i]!.text);
    if (sole) {
      if (!endsInHead(toks[0]!.text, THING_HEADS)) departments.push(toks[0]!.text);
      continue;
    }
    const p = phraseBefore(toks, i, true);
    if (p && AGENT.test(p)) out.push(p);
  }
  for (const p of afterCues(sentence, BY_CUES)) if (AGENT.test(p) || /^[A-Z]{2,}$/.test(p)) out.push(p);
  return [...departments, ...out.filter((p) => !notRole(p))];
}

/** PPE by wearing: "wear(s)/put(s) on/don(s) X, Y and Z". */
function cuePpe(sentence: string): string[] {
  return afterCues(sentence, ['wear', 'wears', 'put on', 'puts on', 'don', 'dons', 'wearing', 'putting on'], { list: true }).filter((p) => !/^(?:ppe|it|them)$/i.test(p));
}

/** Document ids as written: QF-017, SAN-002, QA-F-045, STER-LOG-3. */
const DOC_ID = /\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*-\d{1,5}[A-Z]?\b/g;
/** Words before an id that make it a line, room or piece of equipment rather than a record. */
const NOT_RECORD_BEFORE = /\b(?:line|lines|room|rooms|area|unit|units|machine|tank|scale|press|asset|lot|batch|cell|zone|bay|dock|station|model|and)\s*$/i;

// ---------------------------------------------------------------------------------------------
// Contact details

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+\d{1,3}[\s.-]?)?(?:\(\d{1,4}\)[\s.-]?)?\d{2,4}[\s.-]\d{2,4}[\s.-]?\d{2,6}\b/g;
const EXT = /\b(?:ext|extension|x)\.?\s*\d{2,6}\b/gi;
const PLACEHOLDER = /\[(?:EMAIL|PHONE)_\d+\]/g;
/** A phone number: at least 7 digits, and not a date such as 2026-12-01 or 01.12.2026. */
const isPhone = (p: string) => p.replace(/\D/g, '').length >= 7 && !/^\s*(?:\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{1,2}[./-]\d{1,2}[./-]\d{2,4})\s*$/.test(p);
const hasContact = (s: string) => [EMAIL, EXT, PLACEHOLDER].some((re) => new RegExp(re.source, re.flags).test(s)) || (s.match(PHONE) ?? []).some(isPhone);

/** A step without its contact details (and the name they belong to): the instruction stays, "(see Contacts)". */
function withoutContacts(text: string): string {
  const cut = text
    .replace(/(?:,\s*)?\(?\s*(?:[A-Z][a-z]+ ){1,2}[A-Z][a-z]+\s*[,(]\s*(?:ext|extension|x)\.?\s*\d{2,6}\s*\)?/g, '')
    .replace(/\s*\((?:[^()]*?(?:@|\d{3}[\s.-]\d)[^()]*)\)/g, '')
    .replace(new RegExp(`\\s*(?:,|\\bon|\\bat|\\bor|\\bvia|\\bby|\\bphone|\\btel\\.?|\\bemail|\\be-mail)?\\s*(?:${EMAIL.source}|${PHONE.source}|${EXT.source}|${PLACEHOLDER.source})`, 'gi'), (m) => (/@|\[|ext|extension|x/i.test(m) || isPhone(m.replace(/^\D+/, '')) ? '' : m))
    .replace(/\s+([,.;:])/g, '$1')
    .replace(/,(\s*[,.])/g, '$1')
    .trim();
  const body = cut.replace(/[.;:,\s]+$/, '');
  return `${body} (see Contacts).`;
}

// ---------------------------------------------------------------------------------------------
// Lines

const LIST = /^\s*(?:\d+(?:\.\d+)*[.)]?|[-*•–]|[a-z][.)]|\(\w\))\s+/;
const CALLOUT = /^(warning|danger|caution|note|important|attention)\s*[:!–-]\s*(.+)$/i;
const INLINE_CALLOUT = /\s+(?=(?:warning|danger|caution|note|important)\s*:)/i;
const LABEL =
  /^(purpose|objective|aim|scope|applies to|applicability|responsibilit(?:y|ies)|definitions?|materials?(?: and equipment)?|equipment|ppe|personal protective equipment|records?|references?|contacts?|questions|safety|health and safety|hazards?)\s*[:—]\s*(.*)$/i;
const HEADINGS = /^(procedure|procedures|steps|method|instructions|process|work instructions?|actions?)\s*:?$/i;

function sentenceCase(s: string): string {
  const t = s.trim().replace(/\s+/g, ' ');
  const withStop = /[.!?:)]$/.test(t) ? t : `${t}.`;
  return capital(withStop);
}

const kindOf = (word: string): TCallout['kind'] => {
  const w = word.toLowerCase();
  return w === 'warning' || w === 'danger' ? 'warning' : w === 'caution' ? 'caution' : 'note';
};

const splitSentences = (text: string) => text.split(/(?<=[.!?])\s+(?=[A-Z"(])/).map((s) => s.trim()).filter(Boolean);

interface Parsed {
  purpose: string[];
  scope: string[];
  definitions: { term: string; definition: string }[];
  contacts: string[];
  labelled: Partial<Record<'responsibilities' | 'materials' | 'equipment' | 'ppe' | 'records' | 'safety', string[]>>;
  steps: TStep[];
}

/** "An OOS result is any …" → OOS result; "Any departure … is a deviation." → Deviation. */
function definitionOf(sentence: string): { term: string; definition: string } | undefined {
  const a = /^(?:an?|the)\s+([\w\s-]{3,60}?)\s+(?:is|means)\s+(?:any|an?|the)\b/i.exec(sentence);
  if (a) return { term: capital(a[1]!.trim()), definition: sentenceCase(sentence) };
  const b = /^any\s+.+\s+is\s+an?\s+([\w\s-]{2,40}?)\.?$/i.exec(sentence);
  if (b) return { term: capital(b[1]!.trim()), definition: sentenceCase(sentence) };
  return undefined;
}

const isScopeSentence = (s: string) => /^(?:this (?:procedure |sop )?applies|applies to|it applies|this covers|covers\b|scope\b)/i.test(s);

function parse(text: string): Parsed {
  const out: Parsed = { purpose: [], scope: [], definitions: [], contacts: [], labelled: {}, steps: [] };
  const raw = text.split(/\r?\n/);
  const hasList = raw.some((l) => LIST.test(l) && l.replace(LIST, '').trim());
  const pending: TCallout[] = [];
  /** An indented callout line, held for the next sub-step, or for its parent step when none follows. */
  let pendingIndented: { callout: TCallout; parent: TStep } | undefined;
  let last: TStep | undefined;

  const flushIndented = () => {
    if (pendingIndented) pendingIndented.parent.callouts.push(pendingIndented.callout);
    pendingIndented = undefined;
  };
  const addStep = (line: string, sub: boolean) => {
    const [head, ...inline] = line.split(INLINE_CALLOUT);
    let stepText = head!.trim();
    if (hasContact(stepText)) {
      out.contacts.push(sentenceCase(stepText));
      stepText = withoutContacts(stepText);
    }
    const step: TStep = { text: sentenceCase(stepText), callouts: [], substeps: [] };
    const parent = sub ? out.steps.at(-1) : undefined;
    if (pendingIndented && !(sub && parent === pendingIndented.parent)) flushIndented();
    if (pendingIndented) {
      step.callouts.push(pendingIndented.callout);
      pendingIndented = undefined;
    }
    step.callouts.unshift(...pending.splice(0));
    for (const c of inline) {
      const m = CALLOUT.exec(c.trim());
      if (m) step.callouts.push({ kind: kindOf(m[1]!), text: sentenceCase(m[2]!) });
    }
    if (parent) parent.substeps.push(step);
    else out.steps.push(step);
    last = step;
  };
  const addProse = (sentence: string) => {
    if (hasContact(sentence)) return void out.contacts.push(sentenceCase(sentence));
    const def = definitionOf(sentence);
    if (def) out.definitions.push(def);
    else if (isScopeSentence(sentence)) out.scope.push(sentenceCase(sentence));
    else out.purpose.push(sentenceCase(sentence));
  };

  // Paragraphs, for input without a list.
  const paragraphs: string[][] = [[]];
  for (const r of raw) {
    if (!r.trim()) {
      if (paragraphs.at(-1)!.length) paragraphs.push([]);
      continue;
    }
    const marked = LIST.test(r);
    const indented = /^(\s{2,}|\t)/.test(r) || /^\s*(?:[a-z][.)]|\(\w\))\s/.test(r);
    const line = r.replace(LIST, '').trim();
    if (!line) continue;
    const label = LABEL.exec(line);
    const callout = CALLOUT.exec(line);
    if (callout) {
      const c: TCallout = { kind: kindOf(callout[1]!), text: sentenceCase(callout[2]!) };
      if (indented && last) {
        flushIndented();
        pendingIndented = { callout: c, parent: out.steps.at(-1)! };
      } else pending.push(c);
      continue;
    }
    if (label && !marked) {
      const key = label[1]!.toLowerCase();
      const body = label[2]!.trim();
      if (/^(purpose|objective|aim)/.test(key)) out.purpose.push(sentenceCase(body));
      else if (/^(scope|applies|applicab)/.test(key)) out.scope.push(sentenceCase(key.startsWith('applies') ? `Applies to ${body}` : body));
      else if (/^(contact|questions)/.test(key)) out.contacts.push(sentenceCase(line));
      else if (body) {
        const k = /^responsib/.test(key) ? 'responsibilities' : /^(ppe|personal)/.test(key) ? 'ppe' : /^record/.test(key) ? 'records' : /^(safety|health|hazard)/.test(key) ? 'safety' : /^equipment/.test(key) ? 'equipment' : /^material/.test(key) ? 'materials' : undefined;
        if (k) (out.labelled[k] ??= []).push(body);
        else out.purpose.push(sentenceCase(line));
      }
      continue;
    }
    if (!marked && (HEADINGS.test(line) || (line.split(/\s+/).length <= 5 && !/[.!?]$/.test(line) && !/\d/.test(line) && !hasContact(line)))) continue; // a heading
    if (!marked && hasContact(line) && splitSentences(line).length === 1) {
      out.contacts.push(sentenceCase(line)); // a contact line; in a paragraph, only its sentence goes (addStep, addProse)
      continue;
    }
    if (hasList && !marked && !indented) {
      if (out.steps.length) addStep(line, false);
      else for (const s of splitSentences(line)) addProse(s);
      continue;
    }
    if (hasList) {
      addStep(line, indented && out.steps.length > 0);
      continue;
    }
    paragraphs.at(-1)!.push(line);
  }
  if (!hasList) {
    const paras = paragraphs.filter((p) => p.length).map((p) => splitSentences(p.join(' ')));
    paras.forEach((sentences, i) => {
      // A lone sentence before the paragraphs of steps is prose (a definition, the context).
      const prose = paras.length > 1 && i < paras.length - 1 && sentences.length === 1;
      let inParagraph: TStep | undefined;
      for (const s of sentences) {
        const callout = CALLOUT.exec(s);
        if (callout) {
          // In prose, a callout sentence is inline in the step it follows, or guards the next one.
          const c: TCallout = { kind: kindOf(callout[1]!), text: sentenceCase(callout[2]!) };
          if (inParagraph) inParagraph.callouts.push(c);
          else pending.push(c);
        } else if (prose || definitionOf(s) || isScopeSentence(s) || /^(?:this (?:procedure|sop)|the purpose)\b/i.test(s)) addProse(s);
        else {
          addStep(s, false);
          inParagraph = last;
        }
      }
    });
  }
  flushIndented();
  if (pending.length) {
    const target = last ?? out.steps.at(-1);
    if (target) target.callouts.push(...pending.splice(0));
    else out.steps.push({ text: sentenceCase(pending[0]!.text), callouts: pending.splice(0), substeps: [] });
  }
  return out;
}

const allSteps = (steps: TStep[]): TStep[] => steps.flatMap((s) => [s, ...allSteps(s.substeps)]);

function capCallouts(steps: TStep[]): TStep[] {
  return steps.slice(0, 200).map((s) => ({ ...s, callouts: s.callouts.slice(0, 5), substeps: capCallouts(s.substeps).slice(0, 30) }));
}

// ---------------------------------------------------------------------------------------------
// Sections

/** The head of a phrase is one of `heads` (plurals accepted). */
const headSet = (heads: readonly string[]) => new Set(heads.flatMap((h) => plural(h.split(' ').at(-1)!).map((w) => [...h.split(' ').slice(0, -1), w].join(' '))));
const endsInHead = (phrase: string, heads: ReadonlySet<string>) => {
  const words = phrase.toLowerCase().split(/\s+/);
  return words.some((_, i) => heads.has(words.slice(i).join(' ')));
};
const THING_HEADS = headSet([...EQUIPMENT_HEADS, ...MATERIAL_HEADS, ...RECORD_HEADS, ...PPE_HEADS]);
const PERSON_OR_RECORD_HEADS = headSet([...ROLE_HEADS, ...RECORD_HEADS, ...PPE_HEADS]);
const PERSON_OR_RECORD_ONLY = headSet([...ROLE_HEADS, ...RECORD_HEADS]);
const DOC_ID_ONE = new RegExp(DOC_ID.source);
const notRole = (p: string) => endsInHead(p, THING_HEADS) || isAbstract(p.split(' ').at(-1)!) || ROLE_NEED_MOD.has(p.toLowerCase()) || DOC_ID_ONE.test(p);
const notThing = (p: string) => endsInHead(p, PERSON_OR_RECORD_HEADS) || DOC_ID_ONE.test(p) || /^(?:it|them|this|that)$/i.test(p);

function roles(sentences: string[], stepTexts: string[]): { role: string; duties: string }[] {
  const found = distinct(
    sentences.flatMap((s) => [...nounPhrases(s, ROLE_HEADS, { needMod: ROLE_NEED_MOD, maxMods: 3 }), ...cueRoles(s, notRole), ...(/\bQA\b(?!\s+[a-z]*(?:manager|inspector|reviewer|specialist|officer|lead|team|analyst))/.test(s) ? ['QA'] : [])]),
    19,
    false, // "QA" and "QA lead" are two roles
  )
    .filter((r) => !/\b(?:torque|screw|nut|pile) driver$/i.test(r))
    .map((r) => (/\b[a-z]{3,}s$/.test(r) && !/(?:staff|ss)$/.test(r) ? r.replace(/s$/, '') : r));
  return distinct(found, 19, false).map((role) => {
    // The steps this role performs: the ones it is the subject of ("The QA manager reviews…").
    const subject = new RegExp(`^(?:the\\s+|an?\\s+|each\\s+)?${role.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')}s?\\b`, 'iu');
    const where = stepTexts.filter((t) => subject.test(t));
    const head = ROLE_HEADS.find((h) => role.toLowerCase().endsWith(h));
    const duties = where.length ? where.slice(0, 4).join(' ') : (head && ROLE_DUTY[head]) ?? DEFAULT_DUTY;
    return { role, duties: duties.slice(0, 4000) };
  });
}

function records(text: string, sentences: string[]): { name: string; retention: string }[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (const s of sentences) {
    for (const phrase of nounPhrases(s, RECORD_HEADS, { needMod: RECORD_NEED_MOD, skipStart: true })) {
      // An id right after the phrase belongs to it: "receiving log, form QF-017", "log MD-01".
      const esc = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
      const m = new RegExp(`${esc}(,?\\s+(?:on\\s+)?(?:form\\s+|no\\.?\\s+)?)(${DOC_ID.source})`).exec(s);
      if (m) {
        used.add(m[2]!);
        names.push(`${phrase}${/form/i.test(m[1]!) ? ', form ' : ' '}${m[2]}`);
      } else names.push(phrase);
    }
  }
  for (const m of text.matchAll(DOC_ID)) {
    if (used.has(m[0])) continue;
    const before = text.slice(Math.max(0, m.index - 30), m.index);
    if (NOT_RECORD_BEFORE.test(before)) continue;
    used.add(m[0]);
    names.push(/\bform\s*$/i.test(before) ? `Form ${m[0]}` : /\bprotocol\s*$/i.test(before) ? `Protocol ${m[0]}` : m[0]);
  }
  // A bare id is dropped when a named record carries it ("SAN-002" beside "Sanitation record SAN-002").
  const list = distinct(names, 30);
  return list.filter((n) => !list.some((o) => o !== n && o.toLowerCase().includes(n.toLowerCase()))).map((name) => ({ name, retention: 'Per the records retention schedule' }));
}

/** Clauses whose keywords the text contains (lib/library/keywords.ts), at most a few per framework, in document order. */
function citations(title: string, text: string, frameworks: string[]): TCitation[] {
  const out: TCitation[] = [];
  for (const f of FRAMEWORKS.filter((fw) => frameworks.includes(fw.code))) {
    const best = keywordMatches(f, title, text).slice(0, MAX_REFS_PER_FRAMEWORK);
    for (const x of best.sort((a, b) => a.order - b.order)) {
      out.push({ framework: f.code, clause: x.clause.id, reason: mentionsReason(x.words) });
    }
  }
  return out;
}

export function draftOffline(input: DraftInput, today = new Date()): TSopContent {
  const text = input.processDescription;
  const parsed = parse(text);
  const steps = capCallouts(parsed.steps);
  const flat = allSteps(steps);
  const lines = text.split(/\r?\n/).map((l) => l.replace(LIST, '').trim()).filter(Boolean);
  const sentences = lines.flatMap(splitSentences);
  const labelledItems = (k: keyof Parsed['labelled']) => (parsed.labelled[k] ?? []).flatMap((b) => b.split(/\s*(?:[,;]|\band\b)\s*/)).map((s) => s.replace(/[.]$/, '').trim()).filter(Boolean);

  const roleList = roles(sentences, flat.flatMap((st) => [st.text, ...st.callouts.map((c) => c.text)]));
  const labelledRoles = (parsed.labelled.responsibilities ?? []).map((b) => {
    const m = /^([^:–-]{2,60})\s*[:–-]\s*(.+)$/.exec(b);
    return m ? { role: capital(m[1]!.trim()), duties: sentenceCase(m[2]!) } : { role: 'Responsibilities', duties: sentenceCase(b) };
  });
  const responsibilities = [...labelledRoles, ...roleList.filter((r) => !labelledRoles.some((l) => l.role.toLowerCase() === r.role.toLowerCase()))].slice(0, 19);
  if (!responsibilities.length) {
    responsibilities.push(
      { role: 'Process owner', duties: 'Keeps this SOP current and makes sure staff are trained on the version in effect.' },
      { role: 'Staff performing the task', duties: 'Follow the procedure as written and record the results.' },
    );
  }
  if (parsed.contacts.length) responsibilities.push({ role: 'Contacts', duties: parsed.contacts.join('\n').slice(0, 4000) });

  const ppe = distinct([...labelledItems('ppe'), ...sentences.flatMap((s) => [...nounPhrases(s, PPE_HEADS), ...cuePpe(s).filter((p) => !endsInHead(p, PERSON_OR_RECORD_ONLY))])], 20);
  const ppeSet = new Set(ppe.map((p) => p.toLowerCase()));
  const roleSet = new Set(roleList.map((r) => r.role.toLowerCase()));
  const equipment = distinct(
    [
      ...labelledItems('materials'),
      ...labelledItems('equipment'),
      ...sentences.flatMap((s) => [
        ...nounPhrases(s, MATERIAL_HEADS, { needMod: MATERIAL_NEED_MOD, skipStart: true }),
        ...nounPhrases(s, EQUIPMENT_HEADS, { needMod: EQUIPMENT_NEED_MOD, skipStart: true }),
        ...cueThings(s).filter((p) => !notThing(p)),
      ]),
    ].filter((e) => !ppeSet.has(e.toLowerCase()) && !roleSet.has(e.toLowerCase()) && !/^(?:test|label|record)s?$/i.test(e)),
    60,
  ).map((e) => e.slice(0, 300));

  const cautions = flat.flatMap((s) => s.callouts.filter((c) => c.kind !== 'note'));
  for (const s of parsed.labelled.safety ?? []) cautions.push({ kind: 'caution', text: sentenceCase(s) });
  const recordList = records(text, lines);
  const definitions = [
    ...parsed.definitions,
    ...Object.entries(ABBREVIATIONS)
      .filter(([abbr]) => new RegExp(`\\b${abbr}\\b`).test(text))
      .filter(([abbr]) => !parsed.definitions.some((d) => d.term === abbr))
      .map(([term, definition]) => ({ term, definition })),
  ].slice(0, 50);
  const scopeBits = [input.industry && `${input.industry} operations`, input.department && `the ${input.department} department`, input.audience && `${input.audience}`].filter(Boolean);
  const title = input.title.trim();

  return {
    titleBlock: { title, documentNumber: '', department: input.department?.trim() ?? '' },
    purpose: parsed.purpose.length
      ? parsed.purpose.join(' ').slice(0, 4000)
      : `This procedure sets out the steps, responsibilities and records for ${title.replace(/^./, (c) => c.toLowerCase())}, so that it is carried out the same way every time, safely, and can be verified from the records.`,
    scope: parsed.scope.length
      ? parsed.scope.join(' ').slice(0, 4000)
      : scopeBits.length
        ? `Applies to ${scopeBits.join(', ')} whenever this activity is performed.`
        : 'Applies to everyone who performs this activity, wherever it is performed.',
    responsibilities,
    definitions,
    materialsAndEquipment: equipment,
    healthAndSafety: { cautions: cautions.slice(0, 20), ppe: ppe.map((p) => p.slice(0, 300)) },
    procedure: steps.length ? steps : [{ text: sentenceCase(text.slice(0, 4000) || NOT_APPLICABLE), callouts: [], substeps: [] }],
    records: recordList.length ? recordList : [{ name: 'Completed record of this procedure', retention: 'Per the records retention schedule' }],
    references: citations(title, text, input.frameworks ?? []),
    revisionHistory: [{ version: '0.1', date: today.toISOString().slice(0, 10), change: 'First draft (offline drafter).', reason: 'New procedure' }],
  };
}
