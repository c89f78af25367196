import { describe, expect, it } from 'vitest';
import { MAX_STEP_DEPTH, stepDepth, ZSopContent, type TStep } from '@/lib/sops/content';

const valid = {
  titleBlock: { title: 'Cleaning and sanitizing of the pasteurizer', documentNumber: 'SOP-0001', department: 'Production' },
  purpose: 'Keep the pasteurizer free of residue and pathogens.',
  scope: 'HTST pasteurizer line 2.',
  responsibilities: [{ role: 'Operator', duties: 'Performs the cleaning.' }],
  definitions: [{ term: 'CIP', definition: 'Clean in place.' }],
  materialsAndEquipment: ['Alkaline detergent'],
  healthAndSafety: { cautions: ['Caustic: avoid skin contact.'], ppe: ['Gloves', 'Face shield'] },
  procedure: [{ text: 'Rinse the line with potable water.', substeps: [{ text: 'Check the drain is open.' }] }],
  records: [{ name: 'CIP log', retention: '2 years' }],
  references: [{ framework: 'HACCP', clause: 'HACCP-P4' }],
  revisionHistory: [{ version: '0.1', date: '2026-11-22', change: 'First draft', reason: 'New procedure' }],
};

describe('SOP content schema', () => {
  it('accepts a complete SOP and fills defaults for nested steps', () => {
    const parsed = ZSopContent.parse(valid);
    expect(parsed.procedure[0]!.substeps[0]).toEqual({ text: 'Check the drain is open.', callouts: [], substeps: [] });
  });

  it('refuses an SOP without a procedure or responsibilities', () => {
    expect(ZSopContent.safeParse({ ...valid, procedure: [] }).success).toBe(false);
    expect(ZSopContent.safeParse({ ...valid, responsibilities: [] }).success).toBe(false);
  });

  it('refuses unknown callout kinds and oversize text', () => {
    expect(ZSopContent.safeParse({ ...valid, procedure: [{ text: 'x', callouts: [{ kind: 'danger', text: 'y' }] }] }).success).toBe(false);
    expect(ZSopContent.safeParse({ ...valid, purpose: 'x'.repeat(5000) }).success).toBe(false);
  });

  it('keeps text exactly as typed, including text that looks like a tag', () => {
    const typed = { ...valid, titleBlock: { ...valid.titleBlock, title: 'Press <Ctrl>+<S> to save' }, purpose: 'if a<b and c>d then stop', procedure: [{ text: 'Use the <Enter> key' }] };
    const parsed = ZSopContent.parse(typed);
    expect(parsed.titleBlock.title).toBe('Press <Ctrl>+<S> to save');
    expect(parsed.purpose).toBe('if a<b and c>d then stop');
    expect(parsed.procedure[0]!.text).toBe('Use the <Enter> key');
  });

  it('refuses a lone UTF-16 surrogate in any text', () => {
    const r = ZSopContent.safeParse({ ...valid, purpose: 'x\uD800' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['purpose']);
  });
});

/** Steps nested `depth` levels deep (1 = no sub-steps), built without recursion. */
function nested(depth: number): TStep[] {
  let steps: TStep[] = [{ text: `level ${depth}`, callouts: [], substeps: [] }];
  for (let d = depth - 1; d >= 1; d--) steps = [{ text: `level ${d}`, callouts: [], substeps: steps }];
  return steps;
}

describe('procedure nesting', () => {
  it(`accepts steps nested ${MAX_STEP_DEPTH} levels deep (1.1.1.1.1)`, () => {
    expect(MAX_STEP_DEPTH).toBe(5);
    expect(ZSopContent.safeParse({ ...valid, procedure: nested(MAX_STEP_DEPTH) }).success).toBe(true);
  });

  it('refuses one level more with a message that names the limit', () => {
    const r = ZSopContent.safeParse({ ...valid, procedure: nested(MAX_STEP_DEPTH + 1) });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['procedure']);
    expect(r.error!.issues[0]!.message).toMatch(/at most 5 levels/);
  });

  it('refuses 3,000 and 200,000 levels as a validation error, without overflowing the stack', () => {
    for (const depth of [3_000, 200_000]) {
      const r = ZSopContent.safeParse({ ...valid, procedure: nested(depth) });
      expect(r.success).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/at most 5 levels/);
    }
    expect(ZSopContent.shape.procedure.safeParse(nested(3_000)).success).toBe(false);
  });

  it('measures depth without recursion, whatever the input', () => {
    expect(stepDepth(nested(1))).toBe(1);
    expect(stepDepth(nested(4))).toBe(4);
    expect(stepDepth(nested(200_000))).toBeGreaterThan(MAX_STEP_DEPTH);
    expect(stepDepth([])).toBe(0);
    expect(stepDepth('not steps')).toBe(0);
    expect(stepDepth([{ text: 'a', substeps: 'nope' }, null, 7])).toBe(1);
  });
});

