/**
 * The built-in templates (lib/templates/built-in.ts): each is a complete SOP the content
 * schema accepts as it is, cites only clauses of the regulation library and says why, puts a
 * warning on the steps it guards, and leaves the values a site must set as "[to be confirmed]".
 */
import { describe, expect, it } from 'vitest';
import { describeEvent } from '@/lib/audit/describe';
import { isKnownCitation } from '@/lib/library';
import { hazardOf, ZSopContent, type TStep } from '@/lib/sops/content';
import { BUILT_IN_TEMPLATES, builtInTemplate } from '@/lib/templates/built-in';
import { TBC } from '@/lib/templates/parts';
import { templateToSopContent } from '@/lib/templates/content';

const REQUIRED = ['sanitation', 'receiving', 'calibration', 'deviation-handling', 'capa', 'training', 'line-clearance', 'equipment-cleaning'];
const steps = (list: TStep[]): TStep[] => list.flatMap((s) => [s, ...steps(s.substeps)]);

describe('built-in templates', () => {
  it('covers the industries the issue names, with unique stable ids', () => {
    const keys = BUILT_IN_TEMPLATES.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(REQUIRED));
    expect(new Set(keys).size).toBe(keys.length);
    expect(builtInTemplate('builtin:receiving')?.name).toBe('Receiving');
    expect(builtInTemplate('builtin:nope')).toBeUndefined();
  });

  for (const t of BUILT_IN_TEMPLATES) {
    describe(t.key, () => {
      it('passes the content schema unchanged', () => {
        expect(ZSopContent.parse(t.content)).toEqual(t.content);
      });

      it('cites only known clauses, each with a reason', () => {
        expect(t.content.references.length).toBeGreaterThan(0);
        for (const c of t.content.references) {
          expect(isKnownCitation(c), `${c.framework} ${c.clause}`).toBe(true);
          expect(c.reason?.length ?? 0, `${c.framework} ${c.clause}`).toBeGreaterThan(10);
        }
      });

      it('is a template: no revision history or number, placeholders where the site decides', () => {
        expect(t.content.revisionHistory).toEqual([]);
        expect(t.content.titleBlock.documentNumber).toBe('');
        expect(JSON.stringify(t.content)).toContain(TBC);
        expect(t.name.length).toBeLessThanOrEqual(120);
        expect(t.description.length).toBeLessThanOrEqual(300);
      });

      it('writes short imperative steps and pairs every listed warning with a guarded step', () => {
        for (const s of steps(t.content.procedure)) expect(s.text.length, s.text).toBeLessThan(320);
        const warnings = t.content.healthAndSafety.cautions.map(hazardOf).filter((h) => h.kind === 'warning');
        const guarded = steps(t.content.procedure).filter((s) => s.callouts.some((c) => c.kind === 'warning'));
        if (warnings.length) expect(guarded.length, 'a warning in Health and safety with no step it guards').toBeGreaterThan(0);
      });
    });
  }

  it('becomes an SOP with the user\'s title and department, the number left to the system', () => {
    const content = templateToSopContent(builtInTemplate('builtin:receiving')!.content, { title: 'Goods in — Plant 2', department: 'Warehouse', documentNumber: 'SOP-0042' });
    expect(content.titleBlock).toEqual({ title: 'Goods in — Plant 2', department: 'Warehouse', documentNumber: 'SOP-0042' });
    expect(content.procedure).toEqual(builtInTemplate('builtin:receiving')!.content.procedure);
    expect(ZSopContent.parse(content)).toEqual(content);
  });

  it('reads in the audit trail with the template\'s name and, when saved from one, the SOP', () => {
    const base = { actor: { id: 'u1', name: 'Ana Ruiz', email: 'ana@x.test' }, reason: '', versionLabel: '', inviteEmail: '', people: {} };
    expect(describeEvent({ ...base, action: 'template.created', data: { name: 'Plant 2 goods in' }, sop: { docNumber: 'SOP-0007', title: 'Goods in' } })).toBe('Ana Ruiz saved SOP-0007 “Goods in” as the template “Plant 2 goods in”');
    expect(describeEvent({ ...base, action: 'template.created', data: { name: 'Plant 2 goods in' }, sop: null })).toBe('Ana Ruiz created the template “Plant 2 goods in”');
    expect(describeEvent({ ...base, action: 'template.deleted', data: { name: 'Plant 2 goods in' }, sop: null })).toBe('Ana Ruiz deleted the template “Plant 2 goods in”');
  });
});
