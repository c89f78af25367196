/**
 * A readable diff between two SOP versions, section by section (title block, then SECTIONS
 * order). Each section is flattened to lines a reviewer can read — "3.2 Open the valve",
 * "WARNING: …", "Operator — performs the cleaning" — the lines are diffed, and each removed
 * line paired with an added one gets a word diff so the UI can highlight the changed words.
 *
 * Step numbers are shown but not compared: inserting step 2 renumbers every later step, and
 * those steps are reported as unchanged (with their new numbers), not as edits. Plain data
 * only; the UI escapes it when rendering.
 */
import { diffArrays, diffWords } from 'diff';
import { findClause } from '@/lib/library';
import { hazardOf, NOT_APPLICABLE, SECTIONS, type TSopContent, type TStep } from './content';

type SectionKey = keyof TSopContent;
export type DiffKind = 'same' | 'added' | 'removed';
export interface DiffPart {
  kind: DiffKind;
  text: string;
}
export interface DiffRow {
  kind: DiffKind;
  text: string;
  /** Word-level parts, only on a removed/added row paired with its counterpart. */
  parts?: DiffPart[];
}
export interface SectionDiff {
  section: SectionKey;
  heading: string;
  changed: boolean;
  rows: DiffRow[];
}
export interface ContentDiff {
  sections: SectionDiff[];
  summary: { sectionsChanged: number; linesAdded: number; linesRemoved: number };
}

/** `text` is what is shown; `key` is what is compared (the text without a step number). */
interface Line {
  text: string;
  key: string;
}

const ALL_SECTIONS: { key: SectionKey; heading: string }[] = [{ key: 'titleBlock', heading: 'Title' }, ...SECTIONS];
const CALLOUT_LABEL = { warning: 'WARNING', caution: 'CAUTION', note: 'NOTE' } as const;

const plain = (text: string): Line => ({ text, key: text });
const oneLine = (s: string) => s.replace(/\s*\n\s*/g, ' ').trim();
const pair = (a: string, b: string) => (b.trim() ? `${oneLine(a)} — ${oneLine(b)}` : oneLine(a));

function stepLines(steps: TStep[], prefix: string): Line[] {
  return steps.flatMap((step, i) => {
    const n = `${prefix}${i + 1}`;
    return [
      ...step.callouts.map((c) => plain(`${CALLOUT_LABEL[c.kind]}: ${oneLine(c.text)}`)),
      // The key keeps the nesting depth: moving a step under another one is a change.
      { text: `${n} ${oneLine(step.text)}`, key: `step ${n.split('.').length}: ${oneLine(step.text)}` },
      ...stepLines(step.substeps, `${n}.`),
    ];
  });
}

function sectionLines(c: TSopContent, key: SectionKey): Line[] {
  const lines = ((): Line[] => {
    switch (key) {
      case 'titleBlock':
        return [
          plain(`Title: ${c.titleBlock.title}`),
          ...(c.titleBlock.documentNumber ? [plain(`Document number: ${c.titleBlock.documentNumber}`)] : []),
          ...(c.titleBlock.department ? [plain(`Department: ${c.titleBlock.department}`)] : []),
        ];
      case 'purpose':
      case 'scope':
        return c[key].split('\n').map((l) => l.trim()).filter(Boolean).map(plain);
      case 'responsibilities':
        return c.responsibilities.map((r) => plain(pair(r.role, r.duties)));
      case 'definitions':
        return c.definitions.map((d) => plain(pair(d.term, d.definition)));
      case 'materialsAndEquipment':
        return c.materialsAndEquipment.map(plain);
      case 'healthAndSafety':
        return [
          ...c.healthAndSafety.cautions.map(hazardOf).map((h) => plain(`${CALLOUT_LABEL[h.kind]}: ${oneLine(h.text)}`)),
          ...c.healthAndSafety.ppe.map((p) => plain(`PPE: ${p}`)),
        ];
      case 'procedure':
        return stepLines(c.procedure, '');
      case 'records':
        return c.records.map((r) => plain(pair(r.name, r.retention ? `retained ${r.retention}` : '')));
      case 'references':
        return c.references.map((r) => {
          const title = findClause(r.framework, r.clause)?.title;
          return plain(`${r.framework} ${r.clause}${title ? ` — ${title}` : ''}${r.reason?.trim() ? ` — why it applies: ${oneLine(r.reason)}` : ''}`);
        });
      case 'revisionHistory':
        return c.revisionHistory.map((r) =>
          plain([`${r.version}${r.date ? ` (${r.date})` : ''}`, oneLine(r.change), ...(r.reason ? [`reason: ${oneLine(r.reason)}`] : [])].join(' — ')),
        );
    }
  })();
  return lines.length ? lines : [plain(NOT_APPLICABLE)];
}

/** Each section of `content` as the readable lines the diff compares. */
export function contentToLines(content: TSopContent): { section: SectionKey; heading: string; lines: string[] }[] {
  return ALL_SECTIONS.map(({ key, heading }) => ({ section: key, heading, lines: sectionLines(content, key).map((l) => l.text) }));
}

/** Word parts for a removed line and the added line that replaced it (none if they share nothing). */
function wordParts(before: string, after: string): { removed: DiffPart[]; added: DiffPart[] } | undefined {
  const changes = diffWords(before, after);
  if (!changes.some((ch) => !ch.added && !ch.removed && ch.value.trim())) return undefined;
  const removed: DiffPart[] = [];
  const added: DiffPart[] = [];
  for (const ch of changes) {
    if (ch.added) added.push({ kind: 'added', text: ch.value });
    else if (ch.removed) removed.push({ kind: 'removed', text: ch.value });
    else {
      removed.push({ kind: 'same', text: ch.value });
      added.push({ kind: 'same', text: ch.value });
    }
  }
  return { removed, added };
}

function diffSection(a: Line[], b: Line[]): DiffRow[] {
  const changes = diffArrays(a, b, { comparator: (x, y) => x.key === y.key });
  const rows: DiffRow[] = [];
  for (let i = 0; i < changes.length; i++) {
    const ch = changes[i]!;
    if (!ch.added && !ch.removed) {
      // For equal runs the diff package hands back the items of the new array.
      rows.push(...ch.value.map((l) => ({ kind: 'same' as const, text: l.text })));
      continue;
    }
    const next = changes[i + 1];
    if (ch.removed && next?.added) {
      const removed: DiffRow[] = ch.value.map((l) => ({ kind: 'removed', text: l.text }));
      const added: DiffRow[] = next.value.map((l) => ({ kind: 'added', text: l.text }));
      for (let j = 0; j < Math.min(removed.length, added.length); j++) {
        const parts = wordParts(removed[j]!.text, added[j]!.text);
        if (parts) {
          removed[j]!.parts = parts.removed;
          added[j]!.parts = parts.added;
        }
      }
      rows.push(...removed, ...added);
      i++;
      continue;
    }
    rows.push(...ch.value.map((l) => ({ kind: ch.added ? ('added' as const) : ('removed' as const), text: l.text })));
  }
  return rows;
}

export function diffContents(a: TSopContent, b: TSopContent): ContentDiff {
  const sections = ALL_SECTIONS.map(({ key, heading }) => {
    const rows = diffSection(sectionLines(a, key), sectionLines(b, key));
    return { section: key, heading, changed: rows.some((r) => r.kind !== 'same'), rows };
  });
  const count = (kind: DiffKind) => sections.reduce((n, s) => n + s.rows.filter((r) => r.kind === kind).length, 0);
  return {
    sections,
    summary: { sectionsChanged: sections.filter((s) => s.changed).length, linesAdded: count('added'), linesRemoved: count('removed') },
  };
}
