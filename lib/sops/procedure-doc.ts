/**
 * The procedure as a rich-text document for the editor (TipTap/ProseMirror JSON) and back:
 * one ordered list whose items hold the step's callouts (they guard the step, so they come
 * first, as everywhere the SOP is printed), then the step text, then a nested list of sub-steps. Only what the content schema can hold exists in the document, so the round trip
 * loses nothing and adds nothing.
 */
import type { TStep } from './content';

export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  text?: string;
  content?: DocNode[];
}

const KINDS = ['warning', 'caution', 'note'] as const;
type Kind = (typeof KINDS)[number];

const textNode = (text: string): DocNode[] => (text ? [{ type: 'text', text }] : []);

function list(steps: TStep[]): DocNode {
  return {
    type: 'orderedList',
    content: steps.map((s) => ({
      type: 'listItem',
      content: [
        ...s.callouts.map((c) => ({ type: 'callout', attrs: { kind: c.kind }, content: textNode(c.text) })),
        { type: 'paragraph', content: textNode(s.text) },
        ...(s.substeps.length ? [list(s.substeps)] : []),
      ],
    })),
  };
}

export function stepsToDoc(steps: TStep[]): DocNode {
  return { type: 'doc', content: [list(steps.length ? steps : [{ text: '', callouts: [], substeps: [] }])] };
}

const plain = (n: DocNode | undefined): string => (n?.content ?? []).map((c) => (c.type === 'text' ? (c.text ?? '') : c.type === 'hardBreak' ? '\n' : plain(c))).join('');

function fromList(node: DocNode | undefined): TStep[] {
  const steps: TStep[] = [];
  for (const item of node?.content ?? []) {
    if (item.type !== 'listItem') continue;
    const parts = item.content ?? [];
    const text = parts
      .filter((p) => p.type === 'paragraph')
      .map(plain)
      .join('\n')
      .trim();
    const callouts = parts
      .filter((p) => p.type === 'callout')
      .map((p) => ({ kind: (KINDS.includes(p.attrs?.kind as Kind) ? p.attrs!.kind : 'note') as Kind, text: plain(p).trim() }))
      .filter((c) => c.text);
    const substeps = parts.filter((p) => p.type === 'orderedList').flatMap(fromList);
    // The empty step that Enter leaves at the end of a list is not a step.
    if (!text && !callouts.length && !substeps.length) continue;
    steps.push({ text, callouts, substeps });
  }
  return steps;
}

export function docToSteps(doc: DocNode): TStep[] {
  return (doc.content ?? []).filter((n) => n.type === 'orderedList').flatMap(fromList);
}
