/**
 * The export's look, as Word styles and numbering definitions rather than direct formatting, so a
 * document opened in Word keeps working: the Styles pane lists Heading 1/2, Procedure Step and the
 * callout styles, and the section and step numbers are real list numbering that renumbers when
 * steps are added. Page geometry (A4 or Letter) and the palette live here too.
 */
import { AlignmentType, BorderStyle, LevelFormat, LevelSuffix, LineRuleType, ShadingType, type INumberingOptions, type IStylesOptions } from 'docx';
import type { PageSize } from './types';

export const FONT = 'Arial';
// Every line height says lineRule: without it LibreOffice reads the value as an exact height and tall lines overlap.
/** Half-points. */
export const SIZE = { body: 20, table: 18, header: 17, footer: 16, title: 36, h1: 26, h2: 22 } as const;

export const COLOR = {
  heading: '1F3864',
  muted: '595959',
  rule: '8C8C8C',
  tableHeader: 'E7E9EE',
  label: 'F3F4F6',
  draft: 'C00000',
} as const;

export const CALLOUT = {
  warning: { label: 'WARNING', style: 'CalloutWarning', name: 'Callout Warning', border: 'C00000', fill: 'FBE5E5' },
  caution: { label: 'CAUTION', style: 'CalloutCaution', name: 'Callout Caution', border: 'BF8F00', fill: 'FFF4D6' },
  note: { label: 'NOTE', style: 'CalloutNote', name: 'Callout Note', border: '2F5496', fill: 'EAF0F8' },
} as const;

export const STYLE = {
  step: 'ProcedureStep',
  bullet: 'BulletItem',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  headerText: 'HeaderText',
  footerText: 'FooterText',
  blockLabel: 'BlockLabel',
  subtitle: 'Subtitle',
} as const;

export const NUMBERING = { headings: 'sop-headings', steps: 'sop-steps', bullets: 'sop-bullets' } as const;

export interface PageGeometry {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number; header: number; footer: number };
  /** Width between the margins, in twips: the width tables are laid out to. */
  contentWidth: number;
}

const PAGES: Record<PageSize, { width: number; height: number }> = {
  A4: { width: 11906, height: 16838 },
  Letter: { width: 12240, height: 15840 },
};

export function pageGeometry(size: PageSize): PageGeometry {
  const page = PAGES[size] ?? PAGES.A4;
  const margin = { top: 1871, right: 1134, bottom: 1474, left: 1134, header: 567, footer: 567 };
  return { ...page, margin, contentWidth: page.width - margin.left - margin.right };
}

/** Twips: left indent of a callout that is not under a step, so its border and padding stay inside the margin. */
export const BOX_INDENT = 142;

/** Twips: where step text starts at each level (the number hangs in front of it). */
export const STEP_INDENT = [567, 1304, 2211, 3288, 4365, 5442, 6519, 7596, 8673] as const;
const STEP_HANGING = [567, 737, 907, 1077, 1077, 1077, 1077, 1077, 1077] as const;

const box = (color: string, size = 6) => ({ style: BorderStyle.SINGLE, size, color, space: 4 });

function calloutStyle(kind: keyof typeof CALLOUT) {
  const c = CALLOUT[kind];
  return {
    id: c.style,
    name: c.name,
    basedOn: 'Normal',
    quickFormat: true,
    paragraph: {
      spacing: { before: 60, after: 100 },
      indent: { left: STEP_INDENT[0], right: BOX_INDENT },
      keepLines: true,
      border: { top: box(c.border), bottom: box(c.border), left: box(c.border, 24), right: box(c.border) },
      shading: { type: ShadingType.CLEAR, color: 'auto', fill: c.fill },
    },
    run: { size: SIZE.body },
  };
}

export const STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: FONT, size: SIZE.body },
      paragraph: { spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO } },
    },
    title: { run: { font: FONT, size: SIZE.title, bold: true, color: COLOR.heading }, paragraph: { spacing: { before: 0, after: 60 } } },
    heading1: {
      run: { font: FONT, size: SIZE.h1, bold: true, color: COLOR.heading },
      paragraph: {
        spacing: { before: 360, after: 120 },
        keepNext: true,
        keepLines: true,
        outlineLevel: 0,
        border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: COLOR.heading, space: 2 } },
        numbering: { reference: NUMBERING.headings, level: 0 },
      },
    },
    heading2: {
      run: { font: FONT, size: SIZE.h2, bold: true, color: COLOR.heading },
      paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 1, numbering: { reference: NUMBERING.headings, level: 1 } },
    },
    listParagraph: { paragraph: { spacing: { after: 80 } } },
  },
  paragraphStyles: [
    { id: STYLE.subtitle, name: 'Subtitle', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { size: 22, color: COLOR.muted }, paragraph: { spacing: { after: 240 } } },
    { id: STYLE.step, name: 'Procedure Step', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { before: 40, after: 80 } } },
    { id: STYLE.bullet, name: 'Bullet Item', basedOn: 'Normal', quickFormat: true, paragraph: { spacing: { after: 60 } } },
    { id: STYLE.tableText, name: 'Table Text', basedOn: 'Normal', quickFormat: true, run: { size: SIZE.table }, paragraph: { spacing: { before: 0, after: 0, line: 252, lineRule: LineRuleType.AUTO } } },
    { id: STYLE.tableHeading, name: 'Table Heading', basedOn: STYLE.tableText, quickFormat: true, run: { bold: true }, paragraph: { keepNext: true } },
    { id: STYLE.headerText, name: 'Header Text', basedOn: 'Normal', run: { size: SIZE.header }, paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: STYLE.footerText, name: 'Footer Text', basedOn: 'Normal', run: { size: SIZE.footer, color: COLOR.muted }, paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } } },
    { id: STYLE.blockLabel, name: 'Block Label', basedOn: 'Normal', next: 'Normal', quickFormat: true, run: { bold: true, size: 22, color: COLOR.heading }, paragraph: { spacing: { before: 240, after: 80 }, keepNext: true } },
    calloutStyle('warning'),
    calloutStyle('caution'),
    calloutStyle('note'),
    { id: 'TOC1', name: 'toc 1', basedOn: 'Normal', next: 'Normal', run: { bold: true }, paragraph: { spacing: { before: 60, after: 40 } } },
    { id: 'TOC2', name: 'toc 2', basedOn: 'Normal', next: 'Normal', paragraph: { indent: { left: 440 }, spacing: { before: 0, after: 40 } } },
  ],
};

type Suffix = (typeof LevelSuffix)[keyof typeof LevelSuffix];

function decimalLevels(count: number, text: (level: number) => string, indent: (level: number) => { left: number; hanging: number }, suffix: Suffix = LevelSuffix.TAB) {
  return Array.from({ length: count }, (_, level) => ({
    level,
    format: LevelFormat.DECIMAL,
    text: text(level),
    alignment: AlignmentType.LEFT,
    suffix,
    style: { paragraph: { indent: indent(level) } },
  }));
}

const stepText = (level: number) => `${Array.from({ length: level + 1 }, (_, i) => `%${i + 1}`).join('.')}.`;

export const NUMBERING_CONFIG: INumberingOptions = {
  config: [
    {
      reference: NUMBERING.headings,
      // Number and a space ("1 Purpose", "6.1 Hazards"): the table of contents then lines up for 1–10 as well.
      levels: decimalLevels(2, (l) => (l === 0 ? '%1' : '%1.%2'), () => ({ left: 0, hanging: 0 }), LevelSuffix.SPACE),
    },
    {
      reference: NUMBERING.steps,
      levels: decimalLevels(9, stepText, (l) => ({ left: STEP_INDENT[l]!, hanging: STEP_HANGING[l]! })),
    },
    {
      reference: NUMBERING.bullets,
      levels: ['•', '–', '▪'].map((symbol, level) => ({
        level,
        format: LevelFormat.BULLET,
        text: symbol,
        alignment: AlignmentType.LEFT,
        suffix: LevelSuffix.TAB,
        style: { paragraph: { indent: { left: 567 + level * 425, hanging: 283 } } },
      })),
    },
  ],
};
