/**
 * Structured SOP content before it is stored: every string goes through sanitizePlainText
 * (prose fields keep their line breaks), so the stored JSON holds text and never markup; the
 * result is validated against ZSopContent again.
 *
 * A required field that is left empty by sanitizing (it held nothing but markup, e.g.
 * "<img src=x onerror=…>") is not patched over: sanitizeContent throws SopContentError with
 * the paths of the offending fields (an AppError, so route handlers answer 422) and the author
 * fixes them.
 * Optional fields (document number, department, retention, reason, date) may become empty.
 */
import { AppError } from '@/lib/http/errors';
import { sanitizePlainText } from '@/lib/security/sanitize';
import { ZSopContent, type TStep, type TSopContent } from './content';

/** An AppError('unprocessable'), so toErrorResponse answers 422 with the field paths in the message. */
export class SopContentError extends AppError {
  override name = 'SopContentError';
  constructor(readonly issues: { path: string; message: string }[]) {
    const listed = issues.slice(0, 5).map((i) => `${i.path}: ${i.message}`);
    if (issues.length > 5) listed.push(`and ${issues.length - 5} more`);
    super('unprocessable', `SOP content is invalid after removing markup: ${listed.join('; ')}`);
  }
}

const line = (s: string) => sanitizePlainText(s);
const prose = (s: string) => sanitizePlainText(s, { multiline: true });

function sanitizeStep(step: TStep): TStep {
  return {
    text: prose(step.text),
    callouts: step.callouts.map((c) => ({ kind: c.kind, text: prose(c.text) })),
    substeps: step.substeps.map(sanitizeStep),
  };
}

export function sanitizeContent(content: TSopContent): TSopContent {
  const c = content;
  const cleaned: TSopContent = {
    titleBlock: {
      title: line(c.titleBlock.title),
      documentNumber: line(c.titleBlock.documentNumber),
      department: line(c.titleBlock.department),
    },
    purpose: prose(c.purpose),
    scope: prose(c.scope),
    responsibilities: c.responsibilities.map((r) => ({ role: line(r.role), duties: prose(r.duties) })),
    definitions: c.definitions.map((d) => ({ term: line(d.term), definition: prose(d.definition) })),
    materialsAndEquipment: c.materialsAndEquipment.map(line),
    healthAndSafety: { cautions: c.healthAndSafety.cautions.map(prose), ppe: c.healthAndSafety.ppe.map(line) },
    procedure: c.procedure.map(sanitizeStep),
    records: c.records.map((r) => ({ name: line(r.name), retention: line(r.retention) })),
    references: c.references.map((r) => ({ framework: line(r.framework), clause: line(r.clause) })),
    revisionHistory: c.revisionHistory.map((r) => ({
      version: line(r.version),
      date: line(r.date),
      change: prose(r.change),
      reason: prose(r.reason),
    })),
  };
  const parsed = ZSopContent.safeParse(cleaned);
  if (parsed.success) return parsed.data;
  throw new SopContentError(
    parsed.error.issues.map((issue) => {
      const path = issue.path.map(String).join('.');
      const before = valueAt(content, issue.path);
      const after = valueAt(cleaned, issue.path);
      const onlyMarkup = typeof before === 'string' && before.trim() !== '' && after === '';
      return { path, message: onlyMarkup ? 'contains only markup, which is not allowed' : issue.message };
    }),
  );
}

function valueAt(root: unknown, path: PropertyKey[]): unknown {
  let v: unknown = root;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key];
  }
  return v;
}
