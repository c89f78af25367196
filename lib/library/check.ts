/**
 * The library checked against a reference data set (`npm run library:check -- <folder>`, and
 * tests/unit/library.test.ts when a folder is there): pure, no file system.
 *
 * A reference file is `{ framework, version, items: [{ id, title, withdrawn? }] }` and may say
 * `complete`, `coverage_note`, `notes`, `supplement`. Each library framework names the files
 * that are its own with `reference` (lib/library/types.ts, ReferenceMatch): a regex on the
 * file's `framework` field, optionally one on `version`; `withdrawnOnly` takes only the file's
 * withdrawn items (a superseded edition listed inside its successor's file), as that edition's
 * live ids; `stripPrefix` removes a prefix the file puts on the ids. Every matching file is
 * merged into one set of ids.
 *
 * Whether a reference is COMPLETE (it lists every id, so an id missing from it is wrong):
 *  - a file is a SUPPLEMENT when it says `supplement: true` or its `framework` or `version`
 *    says "supplement"; a supplement is never complete on its own;
 *  - otherwise a file that says `complete: true` or `complete: false` is what it says;
 *  - otherwise it is complete unless its `version`, `coverage_note` or `notes` mention
 *    "partial" or "stale" (as a word, any case);
 *  - several files merged are complete when every one of them that is not a supplement is
 *    complete (and there is at least one): two main files usually cover different parts
 *    (21 CFR 210 and 211, ISO 27001's clauses and its Annex A), so one partial part makes the
 *    whole partial; a supplement only adds ids to the part it supplements and changes nothing.
 *
 * What is compared, per framework:
 *  - unknownIds: library ids (withdrawn or not) the reference does not have at all;
 *  - missingIds: the reference's live ids (its withdrawn ones, for withdrawnOnly) the library
 *    does not have;
 *  - withdrawnMismatch: withdrawn on one side, live on the other;
 *  - titleMismatches: the titles differ once normalized — informational only: our titles are
 *    our own words, so this is expected.
 *
 * A framework may list ids it read in another public source (`beyondReference`): they are
 * not unknown, but reported; one the reference has after all, or the library does not, is a
 * warning (the list must not go stale).
 *
 * FAILURE is an unknown id where the reference is complete. In a partial reference an unknown
 * id is a warning (the file may simply not have got that far).
 */
import type { Framework, ReferenceMatch } from './types';

export interface ReferenceItem {
  id: string;
  title?: string;
  /** Any truthy value (the data set uses `true`). */
  withdrawn?: unknown;
}

export interface ReferenceFile {
  /** The file's name, for the report. */
  file: string;
  framework: string;
  version?: string;
  items: ReferenceItem[];
  complete?: boolean;
  supplement?: boolean;
  coverage_note?: unknown;
  notes?: unknown;
}

export interface FileVerdict {
  file: string;
  complete: boolean;
  supplement: boolean;
  /** Why: "supplement", "says complete: false", "version mentions PARTIAL" … */
  reason: string;
}

export interface TitleMismatch {
  id: string;
  ours: string;
  theirs: string;
}

export interface WithdrawnMismatch {
  id: string;
  /** Withdrawn in the library (and live in the reference), or the other way round. */
  withdrawnIn: 'library' | 'reference';
}

export interface FrameworkCheck {
  code: string;
  shortName: string;
  files: FileVerdict[];
  complete: boolean;
  libraryIds: number;
  referenceIds: number;
  unknownIds: string[];
  missingIds: string[];
  titleMismatches: TitleMismatch[];
  withdrawnMismatch: WithdrawnMismatch[];
  /** Library ids the reference lacks that the framework declares sourced elsewhere (`beyondReference`). */
  beyondReference: string[];
  /** `beyondReference` entries that the reference has, or the library does not: a warning. */
  staleBeyondReference: string[];
  /** Unknown ids in a complete reference. */
  failed: boolean;
}

export interface LibraryCheck {
  /** Library frameworks with at least one matching reference file, in library order. */
  checked: FrameworkCheck[];
  /** Library frameworks with no reference file: none declared, or none in the folder matched. */
  noReference: { code: string; shortName: string; clauses: number; why: 'no reference declared' | 'no file matched' }[];
  /** Reference files that no library framework matched (informational). */
  unmatchedFiles: string[];
  failed: boolean;
}

const SUPPLEMENT = /\bsupplement\b/i;
const PARTIAL = /\b(partial|stale)\b/i;

const text = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** Whether one reference file lists every id of its framework (see the rules above). */
export function fileVerdict(f: ReferenceFile): FileVerdict {
  const base = { file: f.file };
  if (f.supplement === true || SUPPLEMENT.test(f.framework) || SUPPLEMENT.test(text(f.version))) return { ...base, complete: false, supplement: true, reason: 'supplement' };
  if (f.complete === false) return { ...base, complete: false, supplement: false, reason: 'says complete: false' };
  if (f.complete === true) return { ...base, complete: true, supplement: false, reason: 'says complete: true' };
  for (const field of ['version', 'coverage_note', 'notes'] as const) {
    const m = PARTIAL.exec(text(f[field]));
    if (m) return { ...base, complete: false, supplement: false, reason: `${field} mentions ${m[1]!.toUpperCase()}` };
  }
  return { ...base, complete: true, supplement: false, reason: 'complete (says nothing otherwise)' };
}

export function matches(ref: ReferenceMatch, f: ReferenceFile): boolean {
  return ref.framework.test(f.framework) && (!ref.version || ref.version.test(text(f.version)));
}

/** For comparing titles: case, punctuation, quotes and spacing do not count. */
export function normalizeTitle(t: string): string {
  return t
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’`]/g, "'")
    .replace(/[^\p{L}\p{N}']+/gu, ' ')
    .trim();
}

interface MergedItem {
  title?: string;
  withdrawn: boolean;
}

/** The files' items as one map id → item, in file order: an id live in any file is live; the first title wins. */
function merge(ref: ReferenceMatch, files: ReferenceFile[]): Map<string, MergedItem> {
  const out = new Map<string, MergedItem>();
  for (const f of files) {
    for (const item of f.items) {
      if (ref.withdrawnOnly && !item.withdrawn) continue;
      let id = item.id.trim();
      if (ref.stripPrefix && id.startsWith(ref.stripPrefix)) id = id.slice(ref.stripPrefix.length).trim();
      // withdrawnOnly: the withdrawn items are the superseded edition's own, live, ids.
      const withdrawn = ref.withdrawnOnly ? false : Boolean(item.withdrawn);
      const title = typeof item.title === 'string' && item.title.trim() ? item.title : undefined;
      const seen = out.get(id);
      if (!seen) out.set(id, { title, withdrawn });
      else out.set(id, { title: seen.title ?? title, withdrawn: seen.withdrawn && withdrawn });
    }
  }
  return out;
}

export function checkFramework(fw: Framework, files: ReferenceFile[]): FrameworkCheck {
  const ref = fw.reference!;
  const verdicts = files.map(fileVerdict);
  const reference = merge(ref, files);
  const library = new Map(fw.clauses.map((c) => [c.id, c]));
  const declared = new Set(ref.beyondReference ?? []);
  const absent = fw.clauses.filter((c) => !reference.has(c.id)).map((c) => c.id);
  const unknownIds = absent.filter((id) => !declared.has(id));
  const beyondReference = absent.filter((id) => declared.has(id));
  const staleBeyondReference = [...declared].filter((id) => reference.has(id) || !library.has(id));
  const missingIds = [...reference].filter(([id, item]) => !item.withdrawn && !library.has(id)).map(([id]) => id);
  const titleMismatches: TitleMismatch[] = [];
  const withdrawnMismatch: WithdrawnMismatch[] = [];
  for (const c of fw.clauses) {
    const r = reference.get(c.id);
    if (!r) continue;
    if (Boolean(c.withdrawn) !== r.withdrawn) withdrawnMismatch.push({ id: c.id, withdrawnIn: c.withdrawn ? 'library' : 'reference' });
    // A withdrawn item's title is often just "[Withdrawn]": not worth comparing.
    if (!c.withdrawn && !r.withdrawn && r.title && normalizeTitle(r.title) !== normalizeTitle(c.title)) titleMismatches.push({ id: c.id, ours: c.title, theirs: r.title });
  }
  const main = verdicts.filter((v) => !v.supplement);
  const complete = main.length > 0 && main.every((v) => v.complete);
  return {
    code: fw.code,
    shortName: fw.shortName,
    files: verdicts,
    complete,
    libraryIds: fw.clauses.length,
    referenceIds: reference.size,
    unknownIds,
    missingIds,
    titleMismatches,
    withdrawnMismatch,
    beyondReference,
    staleBeyondReference,
    failed: complete && unknownIds.length > 0,
  };
}

export function checkLibrary(frameworks: readonly Framework[], references: readonly ReferenceFile[]): LibraryCheck {
  const used = new Set<string>();
  const checked: FrameworkCheck[] = [];
  const noReference: LibraryCheck['noReference'] = [];
  for (const fw of frameworks) {
    const base = { code: fw.code, shortName: fw.shortName, clauses: fw.clauses.length };
    if (!fw.reference) {
      noReference.push({ ...base, why: 'no reference declared' });
      continue;
    }
    const files = references.filter((f) => matches(fw.reference!, f));
    if (!files.length) {
      noReference.push({ ...base, why: 'no file matched' });
      continue;
    }
    for (const f of files) used.add(f.file);
    checked.push(checkFramework(fw, files));
  }
  return {
    checked,
    noReference,
    unmatchedFiles: references.filter((f) => !used.has(f.file)).map((f) => f.file),
    failed: checked.some((c) => c.failed),
  };
}

/* ------------------------------------------------------------------ the report */

const LIST_LIMIT = 10;
const TITLE_LIMIT = 3;

function list(ids: string[], verbose: boolean, limit = LIST_LIMIT): string {
  if (verbose || ids.length <= limit) return ids.join(', ');
  return `${ids.slice(0, limit).join(', ')} … and ${ids.length - limit} more`;
}

const warns = (c: FrameworkCheck) => c.unknownIds.length > 0 || c.withdrawnMismatch.length > 0 || c.staleBeyondReference.length > 0;

/** The report `npm run library:check` prints: one block per framework, then a summary line. */
export function formatCheck(result: LibraryCheck, { verbose = false } = {}): string {
  const out: string[] = [];
  for (const c of result.checked) {
    const status = c.failed ? 'FAIL' : warns(c) ? 'warn' : 'ok';
    out.push(`${status.padEnd(4)} ${c.code} (${c.shortName}) — reference ${c.complete ? 'complete' : 'partial'}`);
    out.push(`     files: ${c.files.map((f) => `${f.file} (${f.complete ? 'complete' : f.reason})`).join('; ')}`);
    out.push(`     ${c.libraryIds} library ids, ${c.referenceIds} reference ids: ${c.unknownIds.length} unknown, ${c.missingIds.length} missing, ${c.withdrawnMismatch.length} withdrawn mismatches, ${c.titleMismatches.length} title differences`);
    if (c.unknownIds.length) out.push(`     unknown ids${c.complete ? '' : ' (partial reference: a warning)'}: ${list(c.unknownIds, verbose)}`);
    if (c.missingIds.length) out.push(`     missing ids: ${list(c.missingIds, verbose)}`);
    if (c.beyondReference.length) out.push(`     sourced beyond the reference (declared in the framework): ${list(c.beyondReference, verbose)}`);
    if (c.staleBeyondReference.length) out.push(`     beyondReference lists ids the reference has or the library lacks (remove them): ${list(c.staleBeyondReference, verbose)}`);
    if (c.withdrawnMismatch.length) out.push(`     withdrawn mismatch: ${list(c.withdrawnMismatch.map((w) => `${w.id} (withdrawn in the ${w.withdrawnIn} only)`), verbose)}`);
    if (c.titleMismatches.length) {
      const shown = verbose ? c.titleMismatches : c.titleMismatches.slice(0, TITLE_LIMIT);
      out.push(`     title differences (informational: our titles are our own words): ${c.titleMismatches.length}`);
      for (const t of shown) out.push(`       ${t.id}: ours "${t.ours}" / reference "${t.theirs}"`);
      if (shown.length < c.titleMismatches.length) out.push(`       … and ${c.titleMismatches.length - shown.length} more (--verbose prints all)`);
    }
  }
  if (result.noReference.length) {
    out.push('');
    const named = (why: string) => result.noReference.filter((n) => n.why === why).map((n) => `${n.code}${n.clauses ? ` (${n.clauses} clauses)` : ''}`);
    const parts = [['declares no reference', named('no reference declared')], ['no file in the folder matched', named('no file matched')]].filter(([, l]) => l!.length);
    out.push(`No reference file for ${result.noReference.length} frameworks: ${parts.map(([why, l]) => `${why as string}: ${(l as string[]).join(', ')}`).join('; ')}.`);
  }
  if (result.unmatchedFiles.length) out.push(`Reference files no framework matched (informational): ${result.unmatchedFiles.join(', ')}`);
  const failed = result.checked.filter((c) => c.failed);
  const warned = result.checked.filter((c) => !c.failed && warns(c));
  out.push('');
  out.push(
    `library:check: ${result.checked.length} frameworks checked; ${failed.length ? `FAILED: ${failed.map((c) => `${c.code} (${c.unknownIds.length} unknown ids in a complete reference)`).join(', ')}` : 'no failures'}; ${warned.length} with warnings; ${result.noReference.length} without a reference file; ${result.unmatchedFiles.length} files unmatched.`,
  );
  return out.join('\n');
}
