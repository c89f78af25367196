/**
 * The body of the export, section by section in SECTIONS order: numbered Heading 1 per section
 * (Heading 2 for its parts), paragraphs, bullet lists, tables, procedure steps on the multi-level
 * step numbering, each after the warning/caution/note callouts that guard it, references with the library's clause
 * titles (and why each applies, when the author said), and the revision history. An empty section keeps its heading and says "Not applicable."
 */
import { HeadingLevel, LineRuleType, Paragraph, TextRun, type Table } from 'docx';
import { findClause, getFramework } from '@/lib/library';
import { hazardOf, NOT_APPLICABLE, SECTIONS, type TCitation, type TSopContent, type TStep } from '@/lib/sops/content';
import { REVISION_COLUMNS, revisionRows } from './control';
import { direction, textRuns, xmlSafe } from './format';
import { BOX_INDENT, CALLOUT, NUMBERING, STEP_INDENT, STYLE } from './styles';
import { dataTable } from './tables';
import type { ExportDocument } from './types';

type Block = Paragraph | Table;
type Callout = TStep['callouts'][number];

const MAX_LEVEL = STEP_INDENT.length - 1;

const heading = (text: string, level: 1 | 2 = 1) => new Paragraph({ heading: level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2, children: [new TextRun(xmlSafe(text))] });

const notApplicable = () => new Paragraph({ children: [new TextRun(`${NOT_APPLICABLE}.`)] });

/** Body text; blank lines separate paragraphs. */
function prose(text: string): Paragraph[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => new Paragraph({ ...direction(p), children: textRuns(p) }));
}

function bullets(items: string[], level = 0): Paragraph[] {
  return items.map((item) => new Paragraph({ ...direction(item), style: STYLE.bullet, numbering: { reference: NUMBERING.bullets, level, custom: true }, children: textRuns(item) }));
}

function calloutParagraph(callout: Callout, indentLeft: number, keepNext: boolean): Paragraph {
  const c = CALLOUT[callout.kind];
  return new Paragraph({
    ...direction(callout.text),
    style: c.style,
    indent: { left: indentLeft },
    keepNext,
    children: [new TextRun({ text: `${c.label}: `, bold: true }), ...textRuns(callout.text)],
  });
}

/**
 * Callouts in a row, each in its own box: Word and LibreOffice merge adjacent paragraphs with
 * equal borders into one box, so a hairline spacer keeps them apart. `keepNext` chains every
 * box (and spacer) to what follows: a step's callouts never end a page without their step.
 */
function calloutBlocks(callouts: Callout[], indentLeft: number, keepNext = false): Paragraph[] {
  return callouts.flatMap((c, i) => [
    ...(i > 0 ? [new Paragraph({ keepNext, spacing: { before: 0, after: 0, line: 20, lineRule: LineRuleType.EXACT }, children: [new TextRun({ text: '', size: 2 })] })] : []),
    calloutParagraph(c, indentLeft, keepNext),
  ]);
}

/**
 * Steps and sub-steps as one Word list (levels 1. / 1.1. / 1.1.1.). A step's callouts guard it
 * (ANSI Z535.6, ISO 82079-1): they are boxed before its numbered paragraph, indented to its text,
 * and kept on the page with it.
 */
function steps(list: TStep[], depth = 0): Paragraph[] {
  const level = Math.min(depth, MAX_LEVEL);
  return list.flatMap((step) => [
    ...calloutBlocks(step.callouts, STEP_INDENT[level]!, true),
    new Paragraph({
      ...direction(step.text),
      style: STYLE.step,
      numbering: { reference: NUMBERING.steps, level, custom: true },
      children: textRuns(step.text),
    }),
    ...steps(step.substeps, depth + 1),
  ]);
}

function citation(framework: string, clause: string): string[] {
  const fw = getFramework(framework);
  const found = findClause(framework, clause);
  const fwName = fw ? fw.name.split(' — ')[0]! : framework;
  return [fwName, clause, found ? found.title : 'Not in the SOPwright regulation library'];
}

/** The references: framework, clause, the library's title, and a "Why it applies" column when any reference says why. */
function referencesTable(refs: TCitation[], width: number): Table {
  const rows = refs.map((r) => citation(r.framework, r.clause));
  if (!refs.some((r) => r.reason?.trim())) return dataTable([{ title: 'Framework', share: 0.24 }, { title: 'Clause', share: 0.14 }, { title: 'Title', share: 0.62 }], rows, width);
  return dataTable(
    [{ title: 'Framework', share: 0.2 }, { title: 'Clause', share: 0.12 }, { title: 'Title', share: 0.34 }, { title: 'Why it applies', share: 0.34 }],
    rows.map((row, i) => [...row, refs[i]!.reason?.trim() || '—']),
    width,
  );
}

/** The blocks of one section, without its heading. */
function sectionBody(key: keyof TSopContent, doc: ExportDocument, width: number): Block[] {
  const c = doc.content;
  const orNA = (blocks: Block[]) => (blocks.length ? blocks : [notApplicable()]);
  switch (key) {
    case 'purpose':
      return orNA(prose(c.purpose));
    case 'scope':
      return orNA(prose(c.scope));
    case 'responsibilities':
      return orNA(c.responsibilities.length ? [dataTable([{ title: 'Role', share: 0.28 }, { title: 'Responsibilities', share: 0.72 }], c.responsibilities.map((r) => [r.role, r.duties]), width)] : []);
    case 'definitions':
      return orNA(c.definitions.length ? [dataTable([{ title: 'Term', share: 0.25 }, { title: 'Definition', share: 0.75 }], c.definitions.map((d) => [d.term, d.definition]), width)] : []);
    case 'materialsAndEquipment':
      return orNA(bullets(c.materialsAndEquipment));
    case 'healthAndSafety': {
      const { cautions, ppe } = c.healthAndSafety;
      if (!cautions.length && !ppe.length) return [notApplicable()];
      return [
        heading('Hazards and precautions', 2),
        ...orNA(calloutBlocks(cautions.map(hazardOf), BOX_INDENT)),
        heading('Personal protective equipment', 2),
        ...orNA(bullets(ppe)),
      ];
    }
    case 'procedure':
      return orNA(steps(c.procedure));
    case 'records':
      return orNA(c.records.length ? [dataTable([{ title: 'Record', share: 0.5 }, { title: 'Retention', share: 0.5 }], c.records.map((r) => [r.name, r.retention || '—']), width)] : []);
    case 'references':
      return orNA(c.references.length ? [referencesTable(c.references, width)] : []);
    case 'revisionHistory': {
      const rows = revisionRows(doc);
      return orNA(rows.length ? [dataTable(REVISION_COLUMNS, rows, width)] : []);
    }
    default:
      return [];
  }
}

export function buildBody(doc: ExportDocument, contentWidth: number): Block[] {
  return SECTIONS.filter((s) => s.key !== 'titleBlock').flatMap((s) => [heading(s.heading), ...sectionBody(s.key, doc, contentWidth)]);
}
