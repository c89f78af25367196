/**
 * The procedure as an editable outline: one step per line, numbered "1.", "1.1." …, sub-steps
 * indented, and "Warning:", "Caution:", "Note:" lines under a step as its callouts. The editor
 * shows toOutline(steps) and saves fromOutline(text); the two round-trip.
 */
import type { TStep } from './content';

const INDENT = '   ';
const CALLOUT = /^(warning|caution|note)\s*:\s*(.*)$/i;
const NUMBERING = /^(?:\d+(?:\.\d+)*\.?|[-*•])\s+/;

export function toOutline(steps: TStep[]): string {
  const out: string[] = [];
  const walk = (list: TStep[], prefix: string, depth: number) => {
    list.forEach((s, i) => {
      const number = `${prefix}${i + 1}.`;
      out.push(`${INDENT.repeat(depth)}${number} ${s.text}`);
      for (const c of s.callouts) out.push(`${INDENT.repeat(depth + 1)}${c.kind[0]!.toUpperCase()}${c.kind.slice(1)}: ${c.text}`);
      walk(s.substeps, number, depth + 1);
    });
  };
  walk(steps, '', 0);
  return out.join('\n');
}

export function fromOutline(text: string): TStep[] {
  const root: TStep[] = [];
  const stack: { indent: number; step: TStep }[] = [];
  for (const raw of text.replace(/\t/g, INDENT).split('\n')) {
    if (!raw.trim()) continue;
    const indent = raw.length - raw.trimStart().length;
    const line = raw.trim();
    const callout = line.match(CALLOUT);
    if (callout && callout[2]!.trim()) {
      let i = stack.length - 1;
      while (i > 0 && stack[i]!.indent > indent) i--;
      const owner = stack[i]?.step;
      const c = { kind: callout[1]!.toLowerCase() as 'warning' | 'caution' | 'note', text: callout[2]!.trim() };
      if (owner) {
        owner.callouts.push(c);
        continue;
      }
    }
    const step: TStep = { text: line.replace(NUMBERING, '').trim() || line, callouts: [], substeps: [] };
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.step.substeps : root).push(step);
    stack.push({ indent, step });
  }
  return root;
}
