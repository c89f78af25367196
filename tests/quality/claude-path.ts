/**
 * The drafting-quality suite on the Claude path: each corpus case goes through what the app
 * does (the scrub of what leaves for the model, buildDraftPrompt, the real @anthropic-ai/sdk
 * streaming from the local Messages API fake, the streaming parser and the citation check in
 * lib/ai/claude-drafter.ts), the fake answering with the rule-following model of ./model.ts,
 * and the draft is scored like the offline one. Contact details reach the model as
 * placeholders ([PHONE_1]), so a contact fact counts as found when its placeholder is there.
 */
import { draftWithClaude } from '@/lib/ai/claude-drafter';
import { scrub } from '@/lib/ai/scrub';
import { startFakeAnthropic } from '../fakes/anthropic';
import type { QualityCase } from './corpus';
import { modelAnswer } from './model';
import { scoreDraft, type CaseScore } from './score';

const KEY = 'sk-ant-quality-000000000000000';
const MODEL = 'claude-sonnet-5-5';
const SEP = '\n\n\u2063\u2063\n\n'; // as lib/generation/start.ts joins what it scrubs together

export interface ClaudePathRun {
  scores: CaseScore[];
  /** Citations the parser's check removed (none when the model cites only what it was offered). */
  removedCitations: number;
  /** The system prompt of the first request, for a look at what the model is told. */
  system: string;
}

export async function runClaudePath(cases: QualityCase[], answer: (body: Record<string, unknown>) => unknown = modelAnswer): Promise<ClaudePathRun> {
  const fake = await startFakeAnthropic({ apiKey: KEY, models: [MODEL], defaultInput: answer });
  const scores: CaseScore[] = [];
  let removedCitations = 0;
  try {
    for (const c of cases) {
      const joined = `${c.title}${SEP}${c.processDescription}`;
      const [title, processDescription] = scrub(joined).text.split(SEP) as [string, string];
      const r = await draftWithClaude({ input: { title, processDescription, industry: c.industry, frameworks: c.frameworks }, apiKey: KEY, baseURL: fake.url, model: MODEL, maxRetries: 0 });
      if (r.status !== 'complete') throw new Error(`${c.id}: the Claude path did not complete: ${r.error.code} ${r.error.message}`);
      removedCitations += r.removedCitations.length;
      scores.push(scoreDraft(c, r.content, { factText: (f) => scrub(`${joined}\n${f}`).text.split('\n').at(-1)! }));
    }
    return { scores, removedCitations, system: String(fake.requests[0]?.body?.system ?? '') };
  } finally {
    await fake.close();
  }
}
