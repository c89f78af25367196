/**
 * `npm run bench -- quality`: the drafting-quality suite (issue #14, tests/quality) on the
 * offline drafter and on the Claude path (prompt + real SDK + streaming parser against the
 * local fake model of tests/quality/model.ts), per case and in total, plus the held-out cases.
 * The unit tests hold the bar (tests/unit/drafting-quality.test.ts, claude-drafter.test.ts);
 * this writes the numbers into BENCHMARKS.md.
 */
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { draftOffline } from '../lib/ai/offline-drafter';
import { runClaudePath } from '../tests/quality/claude-path';
import { QUALITY_CASES, type QualityCase } from '../tests/quality/corpus';
import { HOLDOUT_CASES, HOLDOUT_CASES_2, HOLDOUT_CASES_3 } from '../tests/quality/holdout';
import { MAX_REFS_PER_FRAMEWORK, pct, scoreDraft, SECTION_OF, summarize, type CaseScore, type SuiteScore } from '../tests/quality/score';

const offline = (cases: QualityCase[]) => cases.map((c) => scoreDraft(c, draftOffline({ title: c.title, processDescription: c.processDescription, industry: c.industry, frameworks: c.frameworks })));
const p = (a: number, b: number) => `${pct(a, b).toFixed(1)} %`;

function issues(s: CaseScore): string {
  const out = [
    ...s.facts.filter((f) => !f.found).map((f) => `missed ${f.kind} "${f.text}"`),
    ...s.sentencesLost.map((x) => `lost sentence "${x.slice(0, 40)}…"`),
    ...s.proseAsSteps.map((x) => `prose as step "${x.slice(0, 40)}…"`),
    ...s.calloutsMissing.map((x) => `callout missing "${x}"`),
    ...s.calloutsMisplaced.map((x) => `callout misplaced: ${x}`),
    ...s.severityDowngrades.map((x) => `downgrade: ${x}`),
    ...s.unsupportedRefs.map((x) => `unsupported ${x}`),
    ...s.piiInSteps.map(() => 'contact details in a step'),
  ];
  return out.length ? out.join('; ').replace(/\|/g, '/') : '—';
}

function totalsRow(name: string, t: SuiteScore): string {
  return `| ${name} | **${p(t.factsFound, t.factsTotal)}** (${t.factsFound}/${t.factsTotal}) | ${t.sentencesTotal - t.sentencesLost}/${t.sentencesTotal} | ${t.proseAsSteps} | ${t.calloutsExpected - t.calloutsMissing - t.calloutsMisplaced}/${t.calloutsExpected} | ${t.severityDowngrades} | ${t.calloutsMisplaced} | ${t.refs} (${t.unsupportedRefs}) | ${t.piiInSteps} |`;
}

export async function benchQuality(): Promise<{ markdown: string }> {
  const t0 = performance.now();
  const off = summarize(offline(QUALITY_CASES), QUALITY_CASES);
  const claudeRun = await runClaudePath(QUALITY_CASES);
  const cl = summarize(claudeRun.scores, QUALITY_CASES);
  const h1 = summarize(offline(HOLDOUT_CASES), HOLDOUT_CASES);
  const h2 = summarize(offline(HOLDOUT_CASES_2), HOLDOUT_CASES_2);
  const h3 = summarize(offline(HOLDOUT_CASES_3), HOLDOUT_CASES_3);
  const seconds = ((performance.now() - t0) / 1000).toFixed(1);
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  const nproc = execFileSync('nproc', { encoding: 'utf8' }).trim();
  const kinds = Object.keys(off.byKind);
  const header = '| Path | Facts in their section | Sentences kept | Prose/headings as steps | Callouts on their step, severity kept | Severity downgrades | Callouts not on the step they guard | References (unsupported) | Steps with contact details |';
  const rule = '|---|---|---|---|---|---|---|---|---|';

  const lines = [
    '## Drafting quality (`npm run bench -- quality`)',
    '',
    `Run ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${nproc} vCPU (${cpu}), Node ${process.version}; ${seconds} s for everything below. Command: \`npm run bench -- quality\` (the same suite is asserted by \`tests/unit/drafting-quality.test.ts\` and \`tests/unit/claude-drafter.test.ts\`).`,
    '',
    `Suite (\`tests/quality/corpus.ts\`): ${QUALITY_CASES.length} process descriptions written for it, as a new user would type them (numbered lists, bullets, "Purpose:"/"Scope:" headed paragraphs, plain prose, warning lines before a step, inline cautions, contact lines with phone and email, PPE sentences, limits such as "≤ 4 °C", "200–400 ppm", "within 2 hours"), across food, pharma, medical devices, laboratories, manufacturing and healthcare; the issue's two food-plant examples (receiving with form QF-017, hi-vis vest and a contact line; slicer sanitation with SAN-002 and Warning lines) are the first two. Beside each input: its ${off.factsTotal} facts by kind, its ${off.calloutsExpected} hazard messages with severity and the step each guards, and the lines that are not steps. Every listed fact is verbatim in its input (checked by the unit test).`,
    '',
    `Scoring (\`tests/quality/score.ts\`): a fact counts only in its own section (${kinds.map((k) => `${k} → ${SECTION_OF[k as keyof typeof SECTION_OF]}`).join('; ')}), text compared with case and whitespace normalized; a sentence is kept when ≥ 85 % of its words are in one field of the draft; a callout must sit on the step it guards (printed before it) with at least its severity, warnings and cautions also in Health and safety with theirs; a reference counts as supported only if it is a clause of a chosen framework, has a reason quoting a keyword of that clause (\`lib/library/frameworks.ts\`) that the input contains, and is among the first ${MAX_REFS_PER_FRAMEWORK} of its framework; steps and their callouts must hold no phone number, email, extension or their placeholders.`,
    '',
    header,
    rule,
    totalsRow('Offline drafter', off),
    totalsRow('Claude path: prompt + SDK + parser, fake model', cl),
    '',
    `**Offline drafter: ${p(off.factsFound, off.factsTotal)} of facts, ${off.severityDowngrades} severity downgrades, ${off.calloutsMisplaced} callouts after (not on) their step, ${off.unsupportedRefs} unsupported references.** Claude path: ${p(cl.factsFound, cl.factsTotal)} of facts, ${cl.severityDowngrades} downgrades, ${cl.calloutsMisplaced} misplaced callouts, ${cl.unsupportedRefs} unsupported references, ${claudeRun.removedCitations} citations removed by the parser's check.`,
    '',
    'By kind of fact:',
    '',
    `| Kind | Section | Offline | Claude path |`,
    '|---|---|---|---|',
    ...kinds.map((k) => `| ${k} | ${SECTION_OF[k as keyof typeof SECTION_OF]} | ${p(off.byKind[k]!.found, off.byKind[k]!.total)} (${off.byKind[k]!.found}/${off.byKind[k]!.total}) | ${p(cl.byKind[k]?.found ?? 0, cl.byKind[k]?.total ?? 0)} |`),
    '',
    '**What the Claude-path number measures.** Each case goes the way the app sends it: the scrub of what leaves for the model (contact details become [PHONE_1], [EMAIL_1] — a contact fact counts when its placeholder is in the Contacts entry), `buildDraftPrompt`, the real `@anthropic-ai/sdk` streaming from the local Messages API fake, the streaming parser and citation check of `lib/ai/claude-drafter.ts`. The fake answers with `tests/quality/model.ts`: a stand-in model that writes only from what the request carries (the title, the text inside `<process_description>`, the clauses the system prompt lists) and follows only the quality rules the system prompt states — where a rule is missing it does what a model not told does (generic records, Purpose as a step, warnings downgraded, callouts on the previous step, contacts in steps, every clause cited without a reason). So the number says that the prompt carries every fact and states every rule, and that the parser keeps what the model sent. **It is not a measure of the real model\'s drafting quality**, which needs a real model run and is not part of this benchmark. With the prompt of before this change (commit c1c4c8e), the same harness scored 49.2 % of facts, 12 severity downgrades, 14 misplaced callouts and 761 unsupported references (measured once); the parser also dropped every reference\'s reason (fixed in `lib/ai/citations.ts`).',
    '',
    `**In-sample caveat and held-out cases.** The suite and the drafter were written by the same hand, so the suite's score is in-sample. \`tests/quality/holdout.ts\` holds cases written after the drafter was tuned, in rounds; a round is untouched until the drafter is changed after looking at its misses. Round 1 (${HOLDOUT_CASES.length} cases) scored 81.0 % of facts when first measured; its vocabulary and prose-callout gaps were then fixed (now ${p(h1.factsFound, h1.factsTotal)}, no longer untouched). Round 2 (${HOLDOUT_CASES_2.length} cases) was written after that and first measured at 76.9 % of facts (40/52); its misses were all vocabulary — roles, materials and equipment were listed only by head nouns in word lists, so tweezers, winch, entrant, overboots, 70 % IPA were missed. The drafter then learned to find such nouns by how the sentence uses them rather than by more words in its lists (equipment and materials after "with/using", "into", "attached/connected/clipped to", after lock-out and cleaning verbs with "the", before "is calibrated/checked/cleaned"; roles as the subject of a verb only a person does — "The entrant wears", "The ward housekeeper takes" — with a head that reads as a person, after "signed/checked/approved… by", and a capitalized department before signs/approves; PPE as each item after "wear/put on/don"), with guards against the false positives a QA manager would strike (places and abstract nouns such as area, date, ward, care, cause; people after "with"; a verb taken as a list item — "…and blank the inlet line"; a noun cut before "of" — "the chain of custody form"; a phrase cut short by a verb — "the normal stop button"; ambiguous heads such as a bare "driver"). Round 2 is now **${p(h2.factsFound, h2.factsTotal)}** — but it was looked at to design the change, so it is no longer untouched. **Round 3** (${HOLDOUT_CASES_3.length} cases, ${h3.factsTotal} facts: biosafety-cabinet decontamination, a mould change, a bedside transfusion check, pouch seal strength, ice-machine cleaning) was written and committed before the changed drafter was run on it (commit 8a3bd01), measured once and not tuned on: **${p(h3.factsFound, h3.factsTotal)} of facts** (the drafter of before the change scored 63.3 %, 38/60, on it), ${h3.severityDowngrades} downgrades, ${h3.calloutsMisplaced} misplaced callouts, ${h3.unsupportedRefs} unsupported references, ${h3.proseAsSteps} prose as steps, ${h3.piiInSteps} steps with contact details. Its misses show what is still not covered: bare objects of verbs with no cue ("Connect the water lines and the hot runner controller", "between the platens", "Take out the water curtain and the scoop"), subjects of verbs not in the person-only list ("The setter purges"), a role after "call the", a record after "write … on the" (not implemented), and a plural role after a number ("Two registered nurses" is listed as "Two registered nurse"); it also lists one false role ("Sample board", from the role head "board"), left as measured.`,
    '',
    `Before this change (the offline drafter of commit c1c4c8e on the same suite, measured once): 32.0 % of facts (27.6 % and 25.0 % on the held-out rounds), 24 prose or heading lines as steps, 13 of 14 callouts missing or on the wrong step, 104 references all unsupported (none had a reason; up to 8 per framework; 137 with the keyword list of that commit), 4 steps with contact details.`,
    '',
    '<details><summary>Per case</summary>',
    '',
    '| Case | Domain | Offline facts | Claude-path facts | Offline issues | Claude-path issues |',
    '|---|---|---|---|---|---|',
    ...QUALITY_CASES.map((c, i) => {
      const o = off.cases[i]!;
      const k = cl.cases[i]!;
      return `| ${c.id} | ${c.domain} | ${o.factsFound}/${o.factsTotal} | ${k.factsFound}/${k.factsTotal} | ${issues(o)} | ${issues(k)} |`;
    }),
    ...[...HOLDOUT_CASES, ...HOLDOUT_CASES_2, ...HOLDOUT_CASES_3].map((c, i) => {
      const o = [...h1.cases, ...h2.cases, ...h3.cases][i]!;
      return `| ${c.id} (held out) | ${c.domain} | ${o.factsFound}/${o.factsTotal} | — | ${issues(o)} | — |`;
    }),
    '',
    '</details>',
  ];
  return { markdown: lines.join('\n') };
}
