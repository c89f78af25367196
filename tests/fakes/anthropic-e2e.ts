/**
 * The Anthropic fake as the browser suite's model (scripts/run-e2e.ts): it answers each draft
 * with a complete SOP built from the process description in the request (so what the user
 * typed shows up), plus one citation that is not in the library (so the "removed" notice is
 * exercised), streamed with slow tokens so that sections visibly arrive one by one (slower
 * still when the title says "(slow)", for tests that must act mid-draft). A section
 * rewrite answers with the instruction applied to the purpose text. A gap analysis
 * (`report_gaps`) answers from the SOP text and clause list in the request: one addressed
 * clause quoting a real sentence of the SOP, one addressed clause with an invented quote, one
 * real gap, and one gap with an invented clause id (both inventions must be dropped and flagged).
 * rewrite answers with the instruction applied to the purpose text. Clause suggestions
 * (`propose_clauses`) answer with the first two clauses the prompt lists and one invented
 * clause (ISO 9001 11.4), so that the "dropped" report is exercised.
 */
import { draftOffline } from '@/lib/ai/offline-drafter';
import { startFakeAnthropic, type FakeAnthropic } from './anthropic';

export const E2E_ANTHROPIC_KEY = 'sk-ant-e2e-local-fake-key-000000';

function between(text: string, tag: string): string {
  return text.match(new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`))?.[1] ?? '';
}

/** An id in the style of the framework's own that is not one of them: 117.3 → 117.999, HACCP-P1 → HACCP-P42. */
export function inventedClause(ids: string[]): string {
  const first = ids[0] ?? 'X1';
  const dotted = /^(\d+)\./.exec(first);
  const candidate = dotted ? `${dotted[1]}.999` : `${first.replace(/\d+$/, '')}42`;
  return ids.includes(candidate) ? `${candidate}-9` : candidate;
}

export const INVENTED_QUOTE = 'Every batch is verified twice by an independent auditor before release.';

function reportGaps(system: string, user: string): unknown {
  const ids = [...system.matchAll(/^- (.+?) \| /gm)].map((m) => m[1]!);
  const lines = between(user, 'sop').split('\n').map((l) => /^\[([^\]]+)\] (.*)$/.exec(l)).filter((m) => m !== null);
  const real = lines.find((m) => m[1]!.startsWith('Procedure step')) ?? lines[0];
  return {
    addressed: [
      { clause: ids[0], quote: real?.[2] ?? '', location: real?.[1] ?? '', reason: 'This step carries out what the clause asks.' },
      { clause: ids[1] ?? ids[0], quote: INVENTED_QUOTE, location: 'Procedure step 9', reason: 'An invented sentence.' },
    ],
    gaps: [
      { clause: ids[2] ?? ids[0], reason: 'The SOP does not say how this is done or recorded.', section: 'procedure' },
      { clause: inventedClause(ids), reason: 'A clause that does not exist.', section: 'records' },
    ],
  };
}

/** What the fake answers to a request body (the two-instance spec runs its own fakes with it, at speeds it sets). */
export function e2eAnswer(body: Record<string, unknown>): unknown {
  const user = String((body.messages as { content: string }[] | undefined)?.[0]?.content ?? '');
  const tool = (body.tools as { name: string }[] | undefined)?.[0]?.name;
  if (tool === 'report_gaps') return reportGaps(String(body.system ?? ''), user);
  if (tool === 'propose_clauses') {
    // The first two clauses listed in the prompt, and one the library does not have (dropped).
    const listed = [...String(body.system ?? '').matchAll(/^- ([A-Z0-9-]+) \| (.+?) \| (.*)$/gm)].slice(0, 2);
    return {
      proposals: [
        ...listed.map(([, framework, clause, title]) => ({ framework, clause, reason: `The procedure covers ${title!.toLowerCase()}.` })),
        { framework: 'ISO9001', clause: '11.4', reason: 'An invented clause.' },
      ],
    };
  }
  if (tool === 'write_section') {
    return { value: `Rewritten as asked: ${between(user, 'instruction')}` };
  }
  const title = between(user, 'sop_facts').match(/^Title: (.*)$/m)?.[1] ?? 'Untitled procedure';
  const system = String(body.system ?? '');
  const frameworks = ['HACCP', 'ISO9001', '21CFR11', '29CFR1910'].filter((f) => system.includes(`- ${f} |`));
  const content = draftOffline({ title, processDescription: between(user, 'process_description'), frameworks });
  return { ...content, references: [...content.references, { framework: 'HACCP', clause: 'HACCP-P42' }] };
}

export function startE2eAnthropic(port?: number): Promise<FakeAnthropic> {
  const delay = (body: Record<string, unknown>) => (String((body.messages as { content: string }[] | undefined)?.[0]?.content ?? '').includes('(slow)') ? 80 : 12);
  return startFakeAnthropic({ apiKey: E2E_ANTHROPIC_KEY, defaultInput: e2eAnswer, defaultDelayMs: delay, port });
}
