/**
 * The HTML of an SOP version, built from its structured content: a title block, then the
 * numbered sections in SECTIONS order. Every piece of text is HTML-escaped (content is plain
 * text as typed, so "<Enter>" is shown as typed and is never markup); a section with
 * nothing in it says "Not applicable". Steps are nested <ol>s with their numbers written out
 * ("3.2") so print and the Word export agree; callouts sit before the step they guard, as
 * <aside class="callout callout-warning|caution|note">. A reference prints the clause's title from
 * the library and, when the author gave one, why it applies. The result goes through
 * sanitizeSopHtml, so only the allowlisted tags and classes (lib/security/html) survive.
 * renderSectionHtml renders one section the same way, for sections streamed while drafting.
 */
import { findClause } from '@/lib/library';
import { escapeHtml } from '@/lib/security/escape';
import { sanitizeSopHtml } from '@/lib/security/html';
import { hazardOf, NOT_APPLICABLE, SECTIONS, ZSopContent, type TCitation, type TStep, type TSopContent } from './content';

const CALLOUT_LABEL = { warning: 'WARNING', caution: 'CAUTION', note: 'NOTE' } as const;

const notApplicable = () => `<p class="sop-na">${NOT_APPLICABLE}</p>`;

/** Short text inside a cell, callout or step: line breaks kept as <br>. */
function inline(text: string): string {
  return text.trim().split('\n').map((l) => escapeHtml(l.trim())).join('<br>');
}

/** Prose: blank lines separate paragraphs, single line breaks stay line breaks. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${inline(p)}</p>`)
    .join('');
}

function prose(text: string): string {
  return text.trim() === NOT_APPLICABLE ? notApplicable() : paragraphs(text);
}

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return notApplicable();
  const head = headers.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${inline(cell)}</td>`).join('')}</tr>`).join('');
  return `<table class="sop-table"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function list(items: string[]): string {
  if (items.length === 0) return notApplicable();
  return `<ul class="sop-list">${items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`;
}

function callout(kind: keyof typeof CALLOUT_LABEL, text: string): string {
  return `<aside class="callout callout-${kind}"><strong class="callout-label">${CALLOUT_LABEL[kind]}</strong> ${inline(text)}</aside>`;
}

function steps(items: TStep[], prefix: string): string {
  const lis = items.map((step, i) => {
    const n = `${prefix}${i + 1}`;
    const callouts = step.callouts.map((c) => callout(c.kind, c.text)).join('');
    const sub = step.substeps.length ? steps(step.substeps, `${n}.`) : '';
    return `<li class="sop-step">${callouts}<p class="sop-step-text"><span class="sop-step-number">${n}</span> ${inline(step.text)}</p>${sub}</li>`;
  });
  return `<ol class="sop-steps">${lis.join('')}</ol>`;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
/** A revision date as a date ("2026-12-01"), also when it was stored as a timestamp; any other text as written. */
function dateOnly(value: string): string {
  const d = ISO_DATE_TIME.test(value.trim()) ? new Date(value.trim()) : null;
  return d && !Number.isNaN(d.getTime()) ? d.toISOString().slice(0, 10) : value;
}

/** "21CFR11 11.10 — Controls for closed systems"; a clause not in the library says so. */
export function referenceLabel(ref: TCitation): { citation: string; title: string | undefined } {
  return { citation: `${ref.framework} ${ref.clause}`, title: findClause(ref.framework, ref.clause)?.title };
}

function references(refs: TCitation[]): string {
  if (refs.length === 0) return notApplicable();
  const items = refs.map((r) => {
    const { citation, title } = referenceLabel(r);
    const tail = title ? ` — ${escapeHtml(title)}` : ' — <em class="sop-ref-unknown">not in the regulation library</em>';
    const why = r.reason?.trim() ? `<br><strong>Why it applies:</strong> ${inline(r.reason)}` : '';
    return `<li><span class="sop-ref-citation">${escapeHtml(citation)}</span>${tail}${why}</li>`;
  });
  return `<ul class="sop-references">${items.join('')}</ul>`;
}

function healthAndSafety(h: TSopContent['healthAndSafety']): string {
  if (h.cautions.length === 0 && h.ppe.length === 0) return notApplicable();
  let out = '';
  if (h.cautions.length) out += `<h3 class="sop-subheading">Hazards and precautions</h3>${h.cautions.map(hazardOf).map((c) => callout(c.kind, c.text)).join('')}`;
  if (h.ppe.length) out += `<h3 class="sop-subheading">Personal protective equipment</h3>${list(h.ppe)}`;
  return out;
}

function sectionBody(c: TSopContent, key: keyof TSopContent): string {
  switch (key) {
    case 'purpose':
      return prose(c.purpose);
    case 'scope':
      return prose(c.scope);
    case 'responsibilities':
      return table(['Role', 'Duties'], c.responsibilities.map((r) => [r.role, r.duties]));
    case 'definitions':
      return table(['Term', 'Definition'], c.definitions.map((d) => [d.term, d.definition]));
    case 'materialsAndEquipment':
      return list(c.materialsAndEquipment);
    case 'healthAndSafety':
      return healthAndSafety(c.healthAndSafety);
    case 'procedure':
      return c.procedure.length ? steps(c.procedure, '') : notApplicable();
    case 'records':
      return table(['Record', 'Retention'], c.records.map((r) => [r.name, r.retention]));
    case 'references':
      return references(c.references);
    case 'revisionHistory':
      return table(['Version', 'Date', 'Change', 'Reason'], c.revisionHistory.map((r) => [r.version, dateOnly(r.date), r.change, r.reason]));
    case 'titleBlock':
      return '';
  }
}

function titleBlock(t: TSopContent['titleBlock']): string {
  const meta = [
    ['Document number', t.documentNumber],
    ['Department', t.department],
  ]
    .filter(([, v]) => v)
    .map(([label, v]) => `<p class="sop-meta"><span class="sop-meta-label">${label}:</span> ${escapeHtml(v!)}</p>`)
    .join('');
  return `<section class="sop-title-block" data-section="titleBlock"><h1 class="sop-title">${escapeHtml(t.title)}</h1>${meta}</section>`;
}

function section(key: keyof TSopContent, body: string): string {
  const i = SECTIONS.findIndex((s) => s.key === key);
  const heading = `<h2 class="sop-section-heading"><span class="sop-section-number">${i + 1}.</span> ${escapeHtml(SECTIONS[i]!.heading)}</h2>`;
  return `<section class="sop-section" data-section="${key}">${heading}${body}</section>`;
}

export function renderSopHtml(content: TSopContent): string {
  const sections = SECTIONS.map(({ key }) => section(key, sectionBody(content, key)));
  return sanitizeSopHtml(`<div class="sop">${titleBlock(content.titleBlock)}${sections.join('')}</div>`);
}

/**
 * One section on its own (a generation streams sections as they are written), from a value
 * that has not been validated yet: it is parsed with the section's schema first and a
 * ZodError is thrown if it does not fit. Same markup as in renderSopHtml, sanitized.
 */
export function renderSectionHtml(key: keyof TSopContent, value: unknown): string {
  if (key === 'titleBlock') return sanitizeSopHtml(titleBlock(ZSopContent.shape.titleBlock.parse(value)));
  const content = { [key]: ZSopContent.shape[key].parse(value) } as unknown as TSopContent;
  return sanitizeSopHtml(section(key, sectionBody(content, key)));
}
