/**
 * The editor's form model, pure so that it can be tested without a browser: SOP content ↔
 * the editable form (lists as lines, tables as rows, the procedure as steps) and the copy of
 * unsaved text this browser keeps until the server has it. Validation against the content
 * schema is ./form-check, which the editor loads after its first paint (zod is not in it).
 */
import type { TCallout, TCitation, TSopContent, TStep } from '@/lib/sops/content';
import { hazardOf, SECTIONS } from '@/lib/sops/content-shape';

export interface Row {
  a: string;
  b: string;
}

export interface Form {
  title: string;
  department: string;
  purpose: string;
  scope: string;
  responsibilities: Row[];
  definitions: Row[];
  materials: string;
  cautions: string;
  ppe: string;
  procedure: TStep[];
  records: Row[];
  references: TCitation[];
}

export const HEADING: Record<string, string> = Object.fromEntries(SECTIONS.map((s) => [s.key, s.heading]));

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

const HAZARD_LINE = /^(warning|caution|note)\s*:\s*/i;
/** Health and safety as lines "WARNING: …", "CAUTION: …", "NOTE: …"; a line without a label is a caution. */
export const hazardLine = (h: TCallout) => `${h.kind.toUpperCase()}: ${h.text}`;
export function hazardFromLine(line: string): TCallout {
  const m = HAZARD_LINE.exec(line);
  return m ? { kind: m[1]!.toLowerCase() as TCallout['kind'], text: line.slice(m[0].length).trim() } : { kind: 'caution', text: line };
}

export function toForm(c: TSopContent): Form {
  return {
    title: c.titleBlock.title,
    department: c.titleBlock.department,
    purpose: c.purpose,
    scope: c.scope,
    responsibilities: c.responsibilities.map((r) => ({ a: r.role, b: r.duties })),
    definitions: c.definitions.map((d) => ({ a: d.term, b: d.definition })),
    materials: c.materialsAndEquipment.join('\n'),
    cautions: c.healthAndSafety.cautions.map((h) => hazardLine(hazardOf(h))).join('\n'),
    ppe: c.healthAndSafety.ppe.join('\n'),
    procedure: c.procedure,
    records: c.records.map((r) => ({ a: r.name, b: r.retention })),
    references: c.references,
  };
}

/** The form as content, not yet validated; what the form does not edit comes from `base`. Empty rows are dropped. */
export function fromForm(f: Form, base: TSopContent): unknown {
  return {
    titleBlock: { ...base.titleBlock, title: f.title, department: f.department },
    purpose: f.purpose,
    scope: f.scope,
    responsibilities: f.responsibilities.filter((r) => r.a.trim() || r.b.trim()).map((r) => ({ role: r.a, duties: r.b })),
    definitions: f.definitions.filter((r) => r.a.trim() || r.b.trim()).map((r) => ({ term: r.a, definition: r.b })),
    materialsAndEquipment: lines(f.materials),
    healthAndSafety: { cautions: lines(f.cautions).map(hazardFromLine), ppe: lines(f.ppe) },
    procedure: f.procedure,
    records: f.records.filter((r) => r.a.trim()).map((r) => ({ name: r.a, retention: r.b })),
    references: f.references,
    revisionHistory: base.revisionHistory,
  };
}

/** The browser's copy of unsaved text: the form and the revision it was typed against. */
export function backupOf(revision: number, form: Form): string {
  return JSON.stringify({ revision, form });
}

/**
 * The kept form worth offering back: typed against the revision the page opened at (an older
 * copy would silently undo someone's later save) and different from what the server has.
 * Null when there is nothing to restore; the caller then forgets the copy.
 */
export function restorable(kept: string, revision: number, content: TSopContent): Form | null {
  try {
    const { revision: rev, form } = JSON.parse(kept) as { revision: number; form: Form };
    if (rev === revision && Array.isArray(form.procedure) && JSON.stringify(form) !== JSON.stringify(toForm(content))) return form;
  } catch {
    // not ours, or from an older build: forget it
  }
  return null;
}
