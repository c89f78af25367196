/**
 * The form validated against the content schema, with its first problem in words. This is
 * where the editor's zod lives: ./use-autosave loads it right after the first paint, and a
 * save waits for it (./form-model stays free of it).
 */
import { ZSopContent, type TSopContent } from '@/lib/sops/content';
import { fromForm, HEADING, type Form } from './form-model';

/** A schema issue as the author reads it: the section's heading, the item's number counted from 1, the problem in words. */
export function issueMessage(issue: { path: PropertyKey[]; message: string }): string {
  const [first, ...rest] = issue.path.map(String);
  const where = first === 'titleBlock' ? 'Title' : (HEADING[first ?? ''] ?? first);
  const plain = /expected string to have >=1/.test(issue.message)
    ? 'cannot be empty (write “Not applicable” if it does not apply)'
    : /expected array to have >=1/.test(issue.message)
      ? 'needs at least one entry'
      : /expected (string|array) to have <=/.test(issue.message)
        ? 'is too long'
        : issue.message;
  return `${where}${rest.length ? ` (item ${rest.map((r) => (/^\d+$/.test(r) ? String(Number(r) + 1) : r)).join(' › ')})` : ''}: ${plain}`;
}

export type Checked = { ok: true; content: TSopContent } | { ok: false; message: string };

/** The form validated as content the server accepts, or the first reason it is not. */
export function checkForm(f: Form, base: TSopContent): Checked {
  const parsed = ZSopContent.safeParse(fromForm(f, base));
  return parsed.success ? { ok: true, content: parsed.data } : { ok: false, message: issueMessage(parsed.error.issues[0]!) };
}
