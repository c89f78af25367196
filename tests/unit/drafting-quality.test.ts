/**
 * Issue #14: the drafting-quality suite on the offline drafter. Every corpus case is drafted
 * and scored (tests/quality/score.ts); the bar is ≥ 95 % of the listed facts in their
 * sections, no input sentence lost, no prose or heading as a step, every callout on the step
 * it guards with its severity, only supported references, and no contact details in steps.
 */
import { describe, expect, it } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import { ZSopContent } from '@/lib/sops/content';
import { QUALITY_CASES, RECEIVING_EXAMPLE, SANITATION_EXAMPLE } from '../quality/corpus';
import { norm, pct, scoreDraft, summarize } from '../quality/score';

const TODAY = new Date('2026-12-01T00:00:00Z');
const draftOf = (c: (typeof QUALITY_CASES)[number]) => draftOffline({ title: c.title, processDescription: c.processDescription, industry: c.industry, frameworks: c.frameworks }, TODAY);

describe('the drafting-quality corpus', () => {
  it('has at least 20 cases across food, pharma, devices, labs, manufacturing and healthcare, the issue\'s two examples first', () => {
    expect(QUALITY_CASES.length).toBeGreaterThanOrEqual(20);
    expect(new Set(QUALITY_CASES.map((c) => c.domain))).toEqual(new Set(['food', 'pharma', 'devices', 'labs', 'manufacturing', 'healthcare']));
    expect(QUALITY_CASES.slice(0, 2)).toEqual([RECEIVING_EXAMPLE, SANITATION_EXAMPLE]);
    expect(new Set(QUALITY_CASES.map((c) => c.id)).size).toBe(QUALITY_CASES.length);
  });

  it('lists only facts, callouts and non-steps that are verbatim in their input', () => {
    for (const c of QUALITY_CASES) {
      const input = norm(c.processDescription);
      for (const f of Object.values(c.facts).flat()) expect(input, `${c.id}: ${f}`).toContain(norm(f));
      for (const x of c.callouts) {
        expect(input, `${c.id}: ${x.text}`).toContain(norm(x.text));
        expect(input, `${c.id}: ${x.guards}`).toContain(norm(x.guards));
      }
      for (const l of c.notSteps) expect(input, `${c.id}: ${l}`).toContain(norm(l));
    }
  });
});

describe('the offline drafter on the drafting-quality suite', () => {
  const scores = QUALITY_CASES.map((c) => scoreDraft(c, draftOf(c)));
  const total = summarize(scores, QUALITY_CASES);
  const failing = (pick: (s: (typeof scores)[number]) => unknown[]) => scores.flatMap((s) => pick(s).map((x) => `${s.id}: ${typeof x === 'string' ? x : JSON.stringify(x)}`));

  it('drafts every case into valid content', () => {
    for (const c of QUALITY_CASES) expect(ZSopContent.safeParse(draftOf(c)).success, c.id).toBe(true);
  });

  it('keeps at least 95 % of the facts in their sections', () => {
    const missed = failing((s) => s.facts.filter((f) => !f.found).map((f) => `${f.kind} "${f.text}"`));
    expect(pct(total.factsFound, total.factsTotal), missed.join('\n')).toBeGreaterThanOrEqual(95);
  });

  it('loses no input sentence and turns no prose, heading or contact line into a step', () => {
    expect(failing((s) => s.sentencesLost)).toEqual([]);
    expect(failing((s) => s.proseAsSteps)).toEqual([]);
  });

  it('puts every callout on the step it guards, with its severity, also in Health and safety', () => {
    expect(failing((s) => s.calloutsMissing)).toEqual([]);
    expect(failing((s) => s.calloutsMisplaced)).toEqual([]);
    expect(failing((s) => s.severityDowngrades)).toEqual([]);
  });

  it('cites only clauses the content supports, each with its reason, at most a handful per framework', () => {
    expect(failing((s) => s.unsupportedRefs)).toEqual([]);
    expect(total.refs).toBeGreaterThan(0);
  });

  it('leaves no contact details inside the steps', () => {
    expect(failing((s) => s.piiInSteps)).toEqual([]);
  });
});
