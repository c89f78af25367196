/**
 * The model of the Claude-path quality score: a stand-in for Claude behind the local Messages
 * API fake (tests/fakes/anthropic.ts) that writes its answer ONLY from the request it actually
 * received, and follows ONLY the quality rules that request states.
 *
 * - Its material is what the prompt carries: the title in <sop_facts>, the text in
 *   <process_description> (as scrubbed), and the clauses listed as citable. It reads that text
 *   with the offline drafter's analysis (lib/ai/offline-drafter.ts), so a fact the prompt does
 *   not carry cannot reach the draft, and it cites only clauses the system prompt lists.
 * - For each quality rule (RULES below) it checks the system prompt; where the prompt does not
 *   state the rule, it behaves the way a model not told it does (the failures issue #14 saw):
 *   generic records and PPE, "Purpose:" and "Scope:" lines as steps, warnings downgraded to
 *   cautions, callouts on the step before the one they guard, contact details left in steps,
 *   every listed clause cited without a reason.
 *
 * So the Claude-path score measures the prompt (it carries every fact and states every rule)
 * and the streaming parser (it keeps what the model sent); it says nothing about how well the
 * real model writes.
 */
import { draftOffline } from '@/lib/ai/offline-drafter';
import type { TCallout, TSopContent, TStep } from '@/lib/sops/content';

/** The quality rules the system prompt must state, each recognized by its own wording. */
export const RULES = {
  verbatim: (s: string) => /exactly as the user wrote it/i.test(s) && /never replaced by a generic/i.test(s),
  notSteps: (s: string) => /only instructions become procedure steps/i.test(s) && /"Purpose:"/.test(s),
  severity: (s: string) => /never downgrade/i.test(s) && /"Warning:".*warning/i.test(s),
  guards: (s: string) => /printed before that step/i.test(s) && /on the step that follows it/i.test(s),
  contacts: (s: string) => /never go inside a step/i.test(s) && /role "Contacts"/.test(s),
  reasons: (s: string) => /`reason`/.test(s),
  cap: (s: string) => /at most \d+ per framework/i.test(s),
} as const;
export type RuleId = keyof typeof RULES;

const between = (text: string, tag: string) => text.match(new RegExp(`<${tag}>\\n([\\s\\S]*?)\\n</${tag}>`))?.[1];

/** What the model was told: the rules stated, the clauses it may cite, its material. */
export function readRequest(body: Record<string, unknown>) {
  const system = String(body.system ?? '');
  const user = String((body.messages as { content?: unknown }[] | undefined)?.[0]?.content ?? '');
  const rules = Object.fromEntries(Object.entries(RULES).map(([id, test]) => [id, test(system)])) as Record<RuleId, boolean>;
  const clauses = [...system.matchAll(/^- (\S+) \| (.+?) \| /gm)].map((m) => ({ framework: m[1]!, clause: m[2]! }));
  const cap = Number(/at most (\d+) per framework/i.exec(system)?.[1] ?? Infinity);
  return {
    rules,
    clauses,
    cap,
    title: between(user, 'sop_facts')?.match(/^Title: (.*)$/m)?.[1] ?? '',
    industry: between(user, 'sop_facts')?.match(/^Industry: (.*)$/m)?.[1],
    processDescription: between(user, 'process_description') ?? '',
  };
}

const mapSteps = (steps: TStep[], f: (c: TCallout) => TCallout): TStep[] => steps.map((s) => ({ ...s, callouts: s.callouts.map(f), substeps: mapSteps(s.substeps, f) }));

/** Each step's callouts moved to the step before it (the drafter of issue #14 did this). */
function calloutsOnPreviousStep(steps: TStep[]): TStep[] {
  return steps.map((s, i) => ({ ...s, callouts: i + 1 < steps.length ? steps[i + 1]!.callouts : i === 0 ? s.callouts : [], substeps: calloutsOnPreviousStep(s.substeps) }));
}

/** The answer the model gives to a write_sop request. */
export function modelAnswer(body: Record<string, unknown>): TSopContent {
  const req = readRequest(body);
  const frameworks = [...new Set(req.clauses.map((c) => c.framework))];
  const d = draftOffline({ title: req.title, processDescription: req.processDescription, industry: req.industry, frameworks }, new Date('2026-12-01T00:00:00Z'));
  const listed = new Set(req.clauses.map((c) => `${c.framework}|${c.clause}`));
  d.references = d.references.filter((r) => listed.has(`${r.framework}|${r.clause}`));
  const { rules } = req;

  if (!rules.verbatim) {
    d.records = [{ name: 'Completed record of this procedure', retention: 'Per the records retention schedule' }];
    d.healthAndSafety.ppe = d.healthAndSafety.ppe.filter((p) => /^(gloves|safety glasses|goggles|hairnet|apron)$/i.test(p));
    d.materialsAndEquipment = d.materialsAndEquipment.map((m) => m.split(' ').at(-1)!);
  }
  if (!rules.notSteps) {
    const prose = [d.purpose, d.scope].filter((t) => req.processDescription.includes(t.replace(/\.$/, '')));
    d.procedure = [...prose.map((text) => ({ text, callouts: [], substeps: [] })), ...d.procedure];
  }
  if (!rules.severity) {
    const down = (c: TCallout): TCallout => (c.kind === 'warning' ? { ...c, kind: 'caution' } : c);
    d.procedure = mapSteps(d.procedure, down);
    d.healthAndSafety.cautions = d.healthAndSafety.cautions.map((h) => (typeof h === 'string' ? h : down(h)));
  }
  if (!rules.guards) d.procedure = calloutsOnPreviousStep(d.procedure);
  if (!rules.contacts) {
    const contacts = d.responsibilities.filter((r) => r.role === 'Contacts');
    if (contacts.length) d.responsibilities = d.responsibilities.filter((r) => r.role !== 'Contacts');
    d.procedure.push(...contacts.flatMap((c) => c.duties.split('\n')).map((text) => ({ text, callouts: [], substeps: [] })));
  }
  // Without the cap rule it cites every listed clause (up to the 60 references the content schema allows).
  if (!rules.cap) d.references = req.clauses.slice(0, 60).map((c) => ({ ...c }));
  else d.references = frameworks.flatMap((f) => d.references.filter((r) => r.framework === f).slice(0, req.cap));
  if (!rules.reasons) d.references = d.references.map(({ framework, clause }) => ({ framework, clause }));
  return d;
}
