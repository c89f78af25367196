/**
 * Gap analysis of one SOP against one framework of the library: which of the framework's
 * clauses that apply to this kind of procedure the SOP does not address (each with the reason
 * and the section to improve), and, for the ones it addresses, the sentence of the SOP that
 * addresses it, quoted and located.
 *
 * Whatever produced the answer (Claude, or the offline keyword analysis), it goes through
 * verify() before it is stored or shown:
 *   - every clause id must be a leaf clause of the framework in the library (findClause, not
 *     withdrawn, not a group heading: coverage counts leaves, and a heading such as ISO 9001
 *     "8" is not something one sentence addresses); any other id is dropped and flagged;
 *   - every quote must occur in the SOP text that was analysed (the text sent to the model,
 *     scrubbed), compared after normalizing case, whitespace, quote marks and dashes only: a
 *     paraphrase is not a match; an addressed item whose quote is not there is dropped and
 *     flagged;
 *   - the location is recomputed from where the quote was found (the model's is ignored), and
 *     the stored quote is the SOP's own text at that place.
 *
 * Pure: no database, no network. The SOP content is flattened into located sentences by
 * flattenSop(), the one place that says how a place in an SOP is named ("Procedure step 3.2").
 */
import { z } from 'zod';
import { findClause, leafClauses, type Clause, type Framework } from '@/lib/library';
import { keywordMatches, keywordPattern } from '@/lib/library/keywords';
import { hazardOf, NOT_APPLICABLE, type TSopContent, type TStep } from '@/lib/sops/content';
import { ZImproveInput } from '@/lib/sops/api-schemas';
import { sanitizePlainText } from '@/lib/security/sanitize';

/* ------------------------------------------------------------------ result schema */

/** The sections a gap can send the author to: the ones "Improve this section" rewrites. */
export const ZGapSection = ZImproveInput.shape.section;
export type GapSection = z.infer<typeof ZGapSection>;
export const GAP_SECTIONS = ZGapSection.options;

/** Where a quoted sentence is: its section and a label a person can find it by. */
export const ZLocation = z.object({
  section: ZGapSection,
  label: z.string().min(1).max(200),
});
export type Location = z.infer<typeof ZLocation>;

const ZClauseId = z.string().min(1).max(60);

export const ZGapResult = z.object({
  addressed: z
    .array(z.object({ clause: ZClauseId, quote: z.string().min(1).max(4000), location: ZLocation, reason: z.string().max(1000) }))
    .max(1000),
  gaps: z.array(z.object({ clause: ZClauseId, reason: z.string().max(1000), section: ZGapSection })).max(1000),
  flagged: z
    .array(z.object({ kind: z.enum(['unknown_clause', 'quote_not_found']), clause: z.string().max(60), quote: z.string().max(600).optional(), message: z.string().max(1200) }))
    .max(1000),
});
export type GapResult = z.infer<typeof ZGapResult>;
export type Addressed = GapResult['addressed'][number];
export type Gap = GapResult['gaps'][number];
export type Flagged = GapResult['flagged'][number];

/* ------------------------------------------------------------------ flattening */

/** One sentence of the SOP with its place. Sentences of one field (a step's text, the purpose) share `field`. */
export interface LocatedSentence {
  section: GapSection;
  label: string;
  text: string;
  /** Index of the field the sentence belongs to (a quote may run over several sentences of one field, never across fields). */
  field: number;
}

/** Splits at . ! ? followed by a space and a capital, digit or opening mark, and at line breaks ("e.g. the" stays whole). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/\n+/)
    .flatMap((line) => line.split(/(?<=[.!?])\s+(?=[\p{Lu}\p{N}"“‘'(\[])/u))
    .map((s) => s.trim())
    .filter(Boolean);
}

const clipLabel = (s: string, max = 60) => {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

const KIND_WORD = { warning: 'warning', caution: 'caution', note: 'note' } as const;

/**
 * The SOP's text as located sentences, in document order: purpose, scope, responsibilities,
 * definitions, materials and equipment, health and safety, procedure (steps numbered as the
 * page numbers them, 3.2 for the second sub-step of step 3; a step's callouts before its text),
 * records. The title, references and revision history are not the procedure's text and are
 * left out; so is a section that says only "Not applicable".
 */
export function flattenSop(content: TSopContent): LocatedSentence[] {
  const out: LocatedSentence[] = [];
  let field = 0;
  const add = (section: GapSection, label: string, text: string | undefined) => {
    const t = text?.trim();
    if (!t || t === NOT_APPLICABLE) return;
    for (const s of sentencesOf(t)) out.push({ section, label, text: s, field });
    field++;
  };
  add('purpose', 'Purpose', content.purpose);
  add('scope', 'Scope', content.scope);
  for (const r of content.responsibilities) add('responsibilities', `Responsibilities: ${clipLabel(r.role)}`, r.duties);
  for (const d of content.definitions) add('definitions', `Definitions: ${clipLabel(d.term)}`, d.definition);
  content.materialsAndEquipment.forEach((m, i) => add('materialsAndEquipment', `Materials and equipment, item ${i + 1}`, m));
  const counts: Record<string, number> = {};
  for (const h of content.healthAndSafety.cautions) {
    const c = hazardOf(h);
    counts[c.kind] = (counts[c.kind] ?? 0) + 1;
    add('healthAndSafety', `Health and safety: ${KIND_WORD[c.kind]} ${counts[c.kind]}`, c.text);
  }
  content.healthAndSafety.ppe.forEach((p, i) => add('healthAndSafety', `Health and safety: PPE item ${i + 1}`, p));
  // The procedure, with an explicit stack (steps nest at most MAX_STEP_DEPTH, but no recursion is needed).
  const stack: { step: TStep; number: string }[] = content.procedure.map((step, i) => ({ step, number: String(i + 1) })).reverse();
  while (stack.length) {
    const { step, number } = stack.pop()!;
    for (const c of step.callouts ?? []) add('procedure', `Procedure step ${number} (${KIND_WORD[c.kind]})`, c.text);
    add('procedure', `Procedure step ${number}`, step.text);
    const subs = step.substeps ?? [];
    for (let i = subs.length - 1; i >= 0; i--) stack.push({ step: subs[i]!, number: `${number}.${i + 1}` });
  }
  for (const r of content.records) add('records', `Records: ${clipLabel(r.name)}`, r.retention?.trim() ? `${r.name} (retention: ${r.retention.trim()})` : r.name);
  return out;
}

/** The located text as the model reads it: one line per sentence, "[label] text". */
export function sopTextForPrompt(sentences: readonly LocatedSentence[]): string {
  return sentences.map((s) => `[${s.label}] ${s.text}`).join('\n');
}

/* ------------------------------------------------------------------ quote matching */

const FOLD: Record<string, string> = {
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '`': "'", '\u00B4': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"', '\u00AB': '"', '\u00BB': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...',
};

/** Case, whitespace, quote marks and dashes folded; `map[i]` is the index in `s` of the character that gave `text[i]`. */
export function normalizeForMatch(s: string): { text: string; map: number[] } {
  let text = '';
  const map: number[] = [];
  let space = true; // drops leading whitespace
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (/\s/u.test(ch)) {
      if (!space) {
        text += ' ';
        map.push(i);
        space = true;
      }
      continue;
    }
    space = false;
    const folded = (FOLD[ch] ?? ch).normalize('NFKC').toLowerCase();
    for (const f of folded) {
      text += f;
      map.push(i);
    }
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    map.pop();
  }
  return { text, map };
}

/** A quote shorter than this (normalized) says too little to locate: "the", "hold". */
export const MIN_QUOTE_CHARS = 8;

/** The quote as compared: normalized, without the quotation marks or final punctuation around it. */
function quoteKey(quote: string): string {
  return normalizeForMatch(quote)
    .text.replace(/^["'\s]+/, '')
    .replace(/["'\s.,;:!?]+$/, '');
}

export interface FoundQuote {
  /** The SOP's own text at the place found. */
  quote: string;
  location: Location;
}

/**
 * Where a quote occurs in the SOP: in one field (one or more consecutive sentences of it),
 * compared normalized. Undefined when it does not occur, or is too short to say.
 */
export function findQuote(quote: string, sentences: readonly LocatedSentence[]): FoundQuote | undefined {
  const key = quoteKey(quote);
  if (key.length < MIN_QUOTE_CHARS) return undefined;
  const fields = new Map<number, LocatedSentence[]>();
  for (const s of sentences) fields.set(s.field, [...(fields.get(s.field) ?? []), s]);
  for (const group of fields.values()) {
    // Sentences of one field joined with one space, each sentence's start remembered, to locate the first one the quote touches.
    const joined = group.map((s) => s.text).join(' ');
    const n = normalizeForMatch(joined);
    const at = n.text.indexOf(key);
    if (at < 0) continue;
    const start = n.map[at]!;
    let end = n.map[at + key.length - 1]! + 1;
    // the sentence's own closing punctuation and quotation marks (left out of the comparison) belong to the quote
    end += /^[.!?;:,]*["”’)]*/u.exec(joined.slice(end))![0].length;
    return { quote: joined.slice(start, end), location: { section: group[0]!.section, label: group[0]!.label } };
  }
  return undefined;
}

/* ------------------------------------------------------------------ verification */

/** A string from the model as stored: plain text, at most `max` characters. */
function clean(v: unknown, max: number, multiline = false): string {
  if (typeof v !== 'string') return '';
  const s = sanitizePlainText(v, { multiline });
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Why a clause id is not accepted, or undefined when it is a leaf clause of the framework. */
function clauseProblem(f: Framework, id: string): string | undefined {
  const c = findClause(f.code, id);
  if (!c) return `${id || '(no id)'} is not a clause of ${f.shortName}`;
  if (c.withdrawn) return `${id} was withdrawn from ${f.shortName}`;
  if (c.group) return `${id} is a heading of ${f.shortName} (${c.title}), not a clause one sentence addresses`;
  return undefined;
}

const quoteForMessage = (q: string) => (q.length > 160 ? `${q.slice(0, 159)}…` : q);

/** A gap's section: the one given when it is one the author can improve, else the one the clause most likely belongs in. */
function sectionOf(given: unknown, clause: Clause): GapSection {
  const parsed = ZGapSection.safeParse(given);
  return parsed.success ? parsed.data : suggestedSection(clause);
}

/**
 * The answer as stored: `raw` as the engine gave it ({ addressed: [{ clause, quote, reason }],
 * gaps: [{ clause, reason, section }] }), checked against the library and against the
 * sentences that were analysed. Items of the wrong shape are ignored; a clause that is both
 * addressed and a gap is addressed; each clause appears once.
 */
export function verify(raw: unknown, framework: Framework, sentences: readonly LocatedSentence[]): GapResult {
  const result: GapResult = { addressed: [], gaps: [], flagged: [] };
  const body = isObject(raw) ? raw : {};
  const list = (v: unknown) => (Array.isArray(v) ? v.filter(isObject) : []);
  const done = new Set<string>();

  for (const item of list(body.addressed)) {
    const clause = clean(item.clause, 60);
    const quote = clean(item.quote, 4000, true);
    const problem = clauseProblem(framework, clause);
    if (problem) {
      result.flagged.push({ kind: 'unknown_clause', clause, ...(quote && { quote: clean(quote, 600) }), message: `Dropped: ${problem}.` });
      continue;
    }
    if (done.has(clause)) continue;
    const found = quote ? findQuote(quote, sentences) : undefined;
    if (!found) {
      result.flagged.push({
        kind: 'quote_not_found',
        clause,
        ...(quote && { quote: clean(quote, 600) }),
        message: !quote
          ? `Dropped: no sentence of the SOP was quoted for ${clause}.`
          : quoteKey(quote).length < MIN_QUOTE_CHARS
            ? `Dropped: the quote “${quoteForMessage(quote)}” is too short to locate in the SOP (cited for ${clause}).`
            : `Dropped: the quoted sentence “${quoteForMessage(quote)}” does not occur in the SOP (cited for ${clause}).`,
      });
      continue;
    }
    done.add(clause);
    result.addressed.push({ clause, quote: found.quote, location: found.location, reason: clean(item.reason, 1000) });
  }

  for (const item of list(body.gaps)) {
    const clause = clean(item.clause, 60);
    const problem = clauseProblem(framework, clause);
    if (problem) {
      result.flagged.push({ kind: 'unknown_clause', clause, message: `Dropped: ${problem}.` });
      continue;
    }
    if (done.has(clause)) continue;
    done.add(clause);
    result.gaps.push({ clause, reason: clean(item.reason, 1000), section: sectionOf(item.section, findClause(framework.code, clause)!) });
  }
  return result;
}

/** How a clause is cited in words: "21 CFR 117.135", "HACCP-P3", "ISO 9001 8.5" (the framework's short name, without repeating what the id already says). */
export function citationLabel(shortName: string, clause: string): string {
  const last = shortName.split(' ').at(-1) ?? '';
  return last && clause.startsWith(last) ? `${shortName.slice(0, shortName.length - last.length)}${clause}` : `${shortName} ${clause}`;
}

/* ------------------------------------------------------------------ offline keyword analysis */

/** The section a clause's requirement most likely belongs in, from its title and keywords. */
export function suggestedSection(clause: Clause): GapSection {
  const words = `${clause.title} ${(clause.keywords ?? []).join(' ')}`.toLowerCase();
  if (/\b(ppe|protective|glove|goggle|respirator|first aid|eyewash)/.test(words)) return 'healthAndSafety';
  if (/\b(record|document|log|retention|archive|signature)/.test(words)) return 'records';
  if (/\b(responsib|role|authorit|competen|train|qualif)/.test(words)) return 'responsibilities';
  if (/\b(scope)/.test(words)) return 'scope';
  return 'procedure';
}

/** The group heading each clause falls under (the nearest heading before it in the framework's order); '' when none. */
function partOf(f: Framework): Map<string, string> {
  const parts = new Map<string, string>();
  let current = '';
  for (const c of f.clauses) {
    if (c.group) current = c.id;
    else parts.set(c.id, current);
  }
  return parts;
}

/**
 * The weaker answer, without a model: a clause is addressed when one of its keywords occurs in
 * a sentence of the SOP (quoted: the first such sentence); the clauses that apply are those in
 * the same parts of the framework (group headings) as the addressed ones, plus those whose
 * keywords occur in the title; a gap is one of those with keywords and no match. A clause
 * without keywords cannot be judged this way and is left out. Returns the raw answer, to go
 * through verify() like the model's.
 */
export function offlineAnalysis(framework: Framework, title: string, sentences: readonly LocatedSentence[]): { addressed: { clause: string; quote: string; reason: string }[]; gaps: { clause: string; reason: string; section: GapSection }[] } {
  const leaves = new Set(leafClauses(framework).map((c) => c.id));
  const matches = keywordMatches(framework, title, sentences.map((s) => s.text).join('\n')).filter((m) => leaves.has(m.clause.id));
  const addressed: { clause: string; quote: string; reason: string; order: number }[] = [];
  const inTitle = new Set<string>();
  for (const m of matches) {
    let first: { index: number; sentence: LocatedSentence; word: string } | undefined;
    for (const k of m.clause.keywords ?? []) {
      if (keywordPattern(k, 'iu').test(title)) inTitle.add(m.clause.id);
      const index = sentences.findIndex((s) => keywordPattern(k, 'iu').test(s.text));
      if (index >= 0 && (!first || index < first.index)) first = { index, sentence: sentences[index]!, word: keywordPattern(k, 'iu').exec(sentences[index]!.text)![0] };
    }
    if (first) addressed.push({ clause: m.clause.id, quote: first.sentence.text, reason: `The keyword “${first.word}” occurs in this sentence.`, order: m.order });
  }
  addressed.sort((a, b) => a.order - b.order);
  const parts = partOf(framework);
  const addressedIds = new Set(addressed.map((a) => a.clause));
  const relevantParts = new Set(addressed.map((a) => parts.get(a.clause) ?? ''));
  const gaps = leafClauses(framework)
    .filter((c) => !addressedIds.has(c.id) && c.keywords?.length && (relevantParts.has(parts.get(c.id) ?? '') || inTitle.has(c.id)))
    .map((c) => {
      const part = findClause(framework.code, parts.get(c.id) ?? '');
      const why = inTitle.has(c.id) ? 'the title suggests it applies' : part ? `other clauses of “${part.id} ${part.title}” are addressed` : `other clauses of ${framework.shortName} are addressed`;
      return { clause: c.id, reason: `None of its keywords (${(c.keywords ?? []).join(', ')}) occurs in the SOP's text, while ${why}.`, section: suggestedSection(c) };
    });
  return { addressed: addressed.map(({ clause, quote, reason }) => ({ clause, quote, reason })), gaps };
}
