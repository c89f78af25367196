/**
 * The same SOP export as Pandoc Markdown: title block, approvals, the numbered sections, nested
 * ordered steps with their callouts as block quotes, and pipe tables. Used by the export
 * benchmark (pandoc converts it to .docx as the baseline) and handy for plain-text previews.
 */
import { findClause, getFramework } from '@/lib/library';
import { hazardOf, NOT_APPLICABLE, SECTIONS, type TSopContent, type TStep } from '@/lib/sops/content';
import {
  REVISION_COLUMNS,
  SIGNATURE_COLUMNS,
  effectiveDateText,
  nextReviewText,
  headerStatus,
  pageBanner,
  revisionRows,
  revisionText,
  revisionValue,
  signatureNote,
  signatureRows,
  statusText,
  unsignedNotice,
} from './control';
import { formatDateTime, xmlSafe } from './format';
import type { ExportDocument } from './types';

/**
 * Escapes Markdown syntax so content is printed as written: "<Enter>" stays text (not raw
 * HTML) and "&lt;" stays those four characters (not an entity).
 */
export function mdEscape(text: string): string {
  return xmlSafe(text)
    .replace(/([\\`*_[\]<>#|~^$&])/g, '\\$1')
    .replace(/^(\s*)(\d+)([.)])(?=\s|$)/gm, '$1$2\\$3')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3');
}

const cellText = (text: string) => mdEscape(text).replace(/\r?\n/g, ' ');

function table(head: string[], rows: string[][]): string {
  return [`| ${head.map(cellText).join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cellText).join(' | ')} |`)].join('\n');
}

function steps(list: TStep[], depth = 0): string[] {
  const pad = '    '.repeat(depth);
  // A step's callouts guard it, so they come first: a block quote before the item, at the item's depth.
  return list.flatMap((s, i) => [
    ...s.callouts.flatMap((c) => ['', `${pad}> **${c.kind.toUpperCase()}:** ${mdEscape(c.text).replace(/\n/g, ' ')}`, '']),
    `${pad}${i + 1}. ${mdEscape(s.text).replace(/\n/g, `\n${pad}    `)}`,
    ...steps(s.substeps, depth + 1),
  ]);
}

const na = `${NOT_APPLICABLE}.`;

function section(key: keyof TSopContent, doc: ExportDocument): string {
  const c = doc.content;
  switch (key) {
    case 'purpose':
      return mdEscape(c.purpose);
    case 'scope':
      return mdEscape(c.scope);
    case 'responsibilities':
      return table(['Role', 'Responsibilities'], c.responsibilities.map((r) => [r.role, r.duties]));
    case 'definitions':
      return c.definitions.length ? table(['Term', 'Definition'], c.definitions.map((d) => [d.term, d.definition])) : na;
    case 'materialsAndEquipment':
      return c.materialsAndEquipment.length ? c.materialsAndEquipment.map((m) => `- ${mdEscape(m)}`).join('\n') : na;
    case 'healthAndSafety': {
      const { cautions, ppe } = c.healthAndSafety;
      if (!cautions.length && !ppe.length) return na;
      return [
        '### Hazards and precautions',
        cautions.length ? cautions.map(hazardOf).map((h) => `> **${h.kind.toUpperCase()}:** ${mdEscape(h.text)}`).join('\n\n') : na,
        '### Personal protective equipment',
        ppe.length ? ppe.map((p) => `- ${mdEscape(p)}`).join('\n') : na,
      ].join('\n\n');
    }
    case 'procedure':
      return steps(c.procedure).join('\n');
    case 'records':
      return c.records.length ? table(['Record', 'Retention'], c.records.map((r) => [r.name, r.retention || '—'])) : na;
    case 'references':
      if (!c.references.length) return na;
      {
        const why = c.references.some((r) => r.reason?.trim());
        return table(
          ['Framework', 'Clause', 'Title', ...(why ? ['Why it applies'] : [])],
          c.references.map((r) => [
            getFramework(r.framework)?.name.split(' — ')[0] ?? r.framework,
            r.clause,
            findClause(r.framework, r.clause)?.title ?? 'Not in the SOPwright regulation library',
            ...(why ? [r.reason?.trim() || '—'] : []),
          ]),
        );
      }
    case 'revisionHistory': {
      const rows = revisionRows(doc);
      return rows.length ? table(REVISION_COLUMNS.map((col) => col.title), rows) : na;
    }
    default:
      return '';
  }
}

export function contentToMarkdown(doc: ExportDocument): string {
  const v = doc.version;
  const notice = unsignedNotice(doc);
  const head = [
    `# ${mdEscape(doc.sop.title)}`,
    `**${mdEscape(doc.org.name)}** · Standard Operating Procedure ${mdEscape(doc.sop.documentNumber)} · ${mdEscape(revisionText(doc))} · ${mdEscape(headerStatus(doc).text)}`,
    ...pageBanner(doc).map((b) => `> **${mdEscape(b)}**`),
    table(
      ['Field', 'Value'],
      [
        ['Document number', doc.sop.documentNumber],
        ['Revision', revisionValue(doc)],
        ['Status', statusText(doc)],
        ['Effective date', effectiveDateText(doc)],
        ...(nextReviewText(doc) ? [['Next periodic review', nextReviewText(doc)!]] : []),
        ['Owner', doc.sop.owner],
        ['Department', doc.sop.department],
        ['Author', v.authorName],
        ['Version created', formatDateTime(v.createdAt)],
        ...(v.reasonForChange ? [['Reason for change', v.reasonForChange]] : []),
        ['Change summary', v.changeSummary],
      ],
    ),
    doc.signatures.length
      ? `${table(SIGNATURE_COLUMNS.map((col) => col.title), signatureRows(doc))}\n\n${mdEscape(signatureNote(doc))}`
      : `**${mdEscape(notice.label)}.** ${mdEscape(notice.text)}`,
  ];
  const body = SECTIONS.map((s, i) => `## ${i + 1} ${s.heading}\n\n${section(s.key, doc)}`);
  return `${[...head, ...body].join('\n\n')}\n`;
}
