/**
 * `npm run bench -- draft`: how soon a person sees the first section of a Claude draft, with
 * the real SDK and our streaming parser against the local Anthropic fake emitting tokens at a
 * fixed pace. Baseline in the same run: the same draft delivered only when complete (what a
 * non-streaming call would show). Also the offline drafter's whole draft, for scale.
 */
import { draftWithClaude } from '../lib/ai/claude-drafter';
import { draftOffline, type DraftInput } from '../lib/ai/offline-drafter';
import { startFakeAnthropic } from '../tests/fakes/anthropic';

const KEY = 'sk-ant-bench-0000000000000000';
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const INPUT: DraftInput = {
  title: 'Clean and sanitize the filling line',
  processDescription: [
    '1. Operator stops the filling line and applies lockout/tagout',
    '   Warning: stored energy can move the capper',
    '2. Remove product residue from the filler bowl with potable water',
    '3. Apply the alkaline detergent at the concentration on the label',
    '   Caution: detergent is corrosive, wear gloves and goggles',
    '4. QA verifies with an ATP swab and records the result in the sanitation log',
  ].join('\n'),
  frameworks: ['HACCP', 'ISO9001'],
};

export async function benchDraft(runs = 5, chunkDelayMs = 25): Promise<{ markdown: string }> {
  const content = draftOffline(INPUT);
  const json = JSON.stringify(content);
  const fake = await startFakeAnthropic({ apiKey: KEY, defaultInput: content, defaultDelayMs: chunkDelayMs });
  const first: number[] = [];
  const total: number[] = [];
  try {
    for (let i = 0; i < runs + 1; i++) {
      const t0 = performance.now();
      let t1 = 0;
      const r = await draftWithClaude({ input: INPUT, apiKey: KEY, baseURL: fake.url, model: 'claude-sonnet-5-5', onSection: () => (t1 ||= performance.now()) });
      if (r.status !== 'complete') throw new Error(`draft did not complete: ${r.error.code}`);
      if (i === 0) continue; // warm-up
      first.push(t1 - t0);
      total.push(performance.now() - t0);
    }
  } finally {
    await fake.close();
  }
  const offline: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    draftOffline(INPUT);
    offline.push(performance.now() - t);
  }
  const chunks = Math.ceil(json.length / 24);
  const f = median(first);
  const w = median(total);
  const lines = [
    '## Drafting: time to first section (`npm run bench -- draft`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version}. The real \`@anthropic-ai/sdk\` and SOPwright's streaming parser (\`lib/ai/claude-drafter.ts\`) against the local Messages API fake (\`tests/fakes/anthropic.ts\`), which streams the tool input of a ${json.length.toLocaleString('en')}-character SOP in ${chunks} chunks of 24 characters, one every ${chunkDelayMs} ms (≈ ${Math.round(24000 / chunkDelayMs)} characters/s, the order of a real model's output rate). Median of ${runs} runs after one warm-up.`,
    '',
    '| What | Median |',
    '|---|---|',
    `| First section (Purpose) shown, streamed | ${f.toFixed(0)} ms |`,
    `| Whole draft complete (what a non-streaming call would make the user wait for) | ${w.toFixed(0)} ms |`,
    `| Offline drafter, whole draft (no model) | ${median(offline).toFixed(2)} ms |`,
    '',
    `**Ratio first section / whole draft: ${(f / w).toFixed(2)}** — the first section reaches the page after ${((f / w) * 100).toFixed(0)} % of the wait a non-streaming draft would impose. Excluded: the per-section database write and SSE hop of the route (a few ms each on PGlite).`,
  ];
  return { markdown: lines.join('\n') };
}
