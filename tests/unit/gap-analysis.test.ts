import { describe, expect, it } from 'vitest';
import { citationLabel, findQuote, flattenSop, GAP_SECTIONS, normalizeForMatch, offlineAnalysis, sentencesOf, sopTextForPrompt, verify, ZGapResult } from '@/lib/compliance/gap-analysis';
import { getFramework, type Framework } from '@/lib/library';
import { ZImproveInput } from '@/lib/sops/api-schemas';
import type { TSopContent } from '@/lib/sops/content';

const SOP: TSopContent = {
  titleBlock: { title: 'Metal detector check on the packing line', documentNumber: 'SOP-0007', department: 'Production' },
  purpose: 'Describes how the metal detector is checked. It keeps metal out of packed product.',
  scope: 'Not applicable',
  responsibilities: [{ role: 'Line operator', duties: 'Runs the check at the start of each shift.' }],
  definitions: [{ term: 'CCP', definition: 'Critical control point, e.g. the metal detector.' }],
  materialsAndEquipment: ['Ferrous test piece 2.0 mm', 'Stainless test piece 3.0 mm'],
  healthAndSafety: { cautions: [{ kind: 'warning', text: 'Keep hands clear of the reject arm.' }, 'Belt edges are sharp.'], ppe: ['Cut-resistant gloves'] },
  procedure: [
    { text: 'Pass each test piece through the detector.', callouts: [], substeps: [] },
    { text: 'Watch the reject arm.', callouts: [{ kind: 'caution', text: 'The arm moves fast.' }], substeps: [] },
    {
      text: 'If a test piece is not rejected, stop the line.',
      callouts: [],
      substeps: [
        { text: 'Hold all product packed since the last good check.', callouts: [], substeps: [] },
        { text: 'Call QA. QA decides on the held product.', callouts: [], substeps: [{ text: 'Record the decision in the “hold log”.', callouts: [], substeps: [] }] },
      ],
    },
  ],
  records: [{ name: 'Metal detector check log', retention: '2 years' }],
  references: [{ framework: 'HACCP', clause: 'HACCP-P4' }],
  revisionHistory: [{ version: '0.1', date: '2026-11-30', change: 'First draft', reason: '' }],
};

const HACCP = getFramework('HACCP')!;
const ISO = getFramework('ISO9001')!;

describe('flattenSop', () => {
  const s = flattenSop(SOP);

  it('locates every sentence: section, label with step numbers, callouts before their step; skips Not applicable, title, references, history', () => {
    expect(s.map((x) => [x.section, x.label, x.text])).toEqual([
      ['purpose', 'Purpose', 'Describes how the metal detector is checked.'],
      ['purpose', 'Purpose', 'It keeps metal out of packed product.'],
      ['responsibilities', 'Responsibilities: Line operator', 'Runs the check at the start of each shift.'],
      ['definitions', 'Definitions: CCP', 'Critical control point, e.g. the metal detector.'],
      ['materialsAndEquipment', 'Materials and equipment, item 1', 'Ferrous test piece 2.0 mm'],
      ['materialsAndEquipment', 'Materials and equipment, item 2', 'Stainless test piece 3.0 mm'],
      ['healthAndSafety', 'Health and safety: warning 1', 'Keep hands clear of the reject arm.'],
      ['healthAndSafety', 'Health and safety: caution 1', 'Belt edges are sharp.'],
      ['healthAndSafety', 'Health and safety: PPE item 1', 'Cut-resistant gloves'],
      ['procedure', 'Procedure step 1', 'Pass each test piece through the detector.'],
      ['procedure', 'Procedure step 2 (caution)', 'The arm moves fast.'],
      ['procedure', 'Procedure step 2', 'Watch the reject arm.'],
      ['procedure', 'Procedure step 3', 'If a test piece is not rejected, stop the line.'],
      ['procedure', 'Procedure step 3.1', 'Hold all product packed since the last good check.'],
      ['procedure', 'Procedure step 3.2', 'Call QA.'],
      ['procedure', 'Procedure step 3.2', 'QA decides on the held product.'],
      ['procedure', 'Procedure step 3.2.1', 'Record the decision in the “hold log”.'],
      ['records', 'Records: Metal detector check log', 'Metal detector check log (retention: 2 years)'],
    ]);
    // sentences of one field share it; different fields never do
    expect(s[0]!.field).toBe(s[1]!.field);
    expect(s[14]!.field).toBe(s[15]!.field);
    expect(s[13]!.field).not.toBe(s[14]!.field);
    expect(sopTextForPrompt(s).split('\n')[14]).toBe('[Procedure step 3.2] Call QA.');
  });

  it('splits sentences at . ! ? before a capital or digit and at line breaks, not after "e.g."', () => {
    expect(sentencesOf('Rinse. Dry! Check? 3 times.\nThen log it, e.g. on form QF-1.')).toEqual(['Rinse.', 'Dry!', 'Check?', '3 times.', 'Then log it, e.g. on form QF-1.']);
  });

  it('the gap sections are the sections "Improve this section" rewrites', () => {
    expect([...GAP_SECTIONS]).toEqual([...ZImproveInput.shape.section.options]);
  });
});

describe('findQuote', () => {
  const s = flattenSop(SOP);
  it('matches verbatim text folding case, whitespace, quote marks and dashes, and returns the SOP’s own words and place', () => {
    expect(findQuote('hold ALL product  packed since the last good check', s)).toEqual({ quote: 'Hold all product packed since the last good check.', location: { section: 'procedure', label: 'Procedure step 3.1' } });
    expect(findQuote('"Record the decision in the "hold log"."', s)?.location.label).toBe('Procedure step 3.2.1');
    expect(findQuote('Cut‐resistant gloves', s)?.location.label).toBe('Health and safety: PPE item 1');
  });
  it('a quote may run over sentences of one field, never across fields', () => {
    expect(findQuote('Call QA. QA decides on the held product.', s)?.location.label).toBe('Procedure step 3.2');
    expect(findQuote('the last good check. Call QA.', s)).toBeUndefined();
  });
  it('a paraphrase, an invented sentence or a too-short quote is not found', () => {
    expect(findQuote('Hold the product packed since the last good check', s)).toBeUndefined();
    expect(findQuote('The detector is verified with certified test pieces every hour.', s)).toBeUndefined();
    expect(findQuote('Hold', s)).toBeUndefined();
  });
  it('normalizeForMatch keeps a map back to the original characters', () => {
    const n = normalizeForMatch('  A\u2014B  “c”  ');
    expect(n.text).toBe('a-b "c"');
    expect(n.map).toEqual([2, 3, 4, 5, 7, 8, 9]);
  });
});

describe('verify', () => {
  const s = flattenSop(SOP);
  it('keeps real clauses with real quotes (location recomputed), drops and flags invented clauses, headings and quotes', () => {
    const r = verify(
      {
        addressed: [
          { clause: 'HACCP-P5', quote: 'hold all product packed since the last good check', reason: 'Holds product after a failed check.', location: 'Purpose' },
          { clause: 'HACCP-P6', quote: 'The detector is verified with certified test pieces every hour.', reason: 'Verification.' },
          { clause: 'HACCP-P42', quote: 'Pass each test piece through the detector.', reason: 'Invented.' },
          { clause: 'HACCP-P5', quote: 'Call QA.', reason: 'again' },
          'not an object',
        ],
        gaps: [
          { clause: 'HACCP-P3', reason: 'No rejection sensitivity is stated.', section: 'procedure' },
          { clause: 'HACCP-P99', reason: 'Invented.', section: 'records' },
          { clause: 'HACCP-P5', reason: 'Already addressed.', section: 'procedure' },
          { clause: 'HACCP-P7', reason: 'Where is the log kept?', section: 'titleBlock' },
        ],
      },
      HACCP,
      s,
    );
    expect(ZGapResult.safeParse(r).success).toBe(true);
    expect(r.addressed).toEqual([{ clause: 'HACCP-P5', quote: 'Hold all product packed since the last good check.', location: { section: 'procedure', label: 'Procedure step 3.1' }, reason: 'Holds product after a failed check.' }]);
    expect(r.gaps).toEqual([
      { clause: 'HACCP-P3', reason: 'No rejection sensitivity is stated.', section: 'procedure' },
      { clause: 'HACCP-P7', reason: 'Where is the log kept?', section: 'records' },
    ]);
    expect(r.flagged).toEqual([
      { kind: 'quote_not_found', clause: 'HACCP-P6', quote: 'The detector is verified with certified test pieces every hour.', message: 'Dropped: the quoted sentence “The detector is verified with certified test pieces every hour.” does not occur in the SOP (cited for HACCP-P6).' },
      { kind: 'unknown_clause', clause: 'HACCP-P42', quote: 'Pass each test piece through the detector.', message: 'Dropped: HACCP-P42 is not a clause of HACCP.' },
      { kind: 'unknown_clause', clause: 'HACCP-P99', message: 'Dropped: HACCP-P99 is not a clause of HACCP.' },
    ]);
  });

  it('refuses group headings and withdrawn clauses; ignores answers of the wrong shape', () => {
    const withdrawn: Framework = { ...HACCP, code: 'HACCP', clauses: [...HACCP.clauses, { id: 'HACCP-P0', title: 'Old', withdrawn: { note: 'gone' } }] };
    const r = verify({ gaps: [{ clause: '8', reason: 'x', section: 'procedure' }, { clause: 'HACCP-P0', reason: 'x' }] }, ISO, s);
    expect(r.flagged.map((f) => f.message)).toEqual(['Dropped: 8 is a heading of ISO 9001 (Operation), not a clause one sentence addresses.', 'Dropped: HACCP-P0 is not a clause of ISO 9001.']);
    expect(verify({ gaps: [{ clause: 'HACCP-P0', reason: 'x' }] }, withdrawn, s).flagged).toHaveLength(1);
    expect(verify(null, HACCP, s)).toEqual({ addressed: [], gaps: [], flagged: [] });
    expect(verify({ addressed: 'x', gaps: 3 }, HACCP, s)).toEqual({ addressed: [], gaps: [], flagged: [] });
    expect(verify({ addressed: [{ clause: 'HACCP-P5', quote: 'Hold', reason: '' }, { clause: 'HACCP-P6', reason: '' }] }, HACCP, s).flagged.map((f) => f.message)).toEqual([
      'Dropped: the quote “Hold” is too short to locate in the SOP (cited for HACCP-P5).',
      'Dropped: no sentence of the SOP was quoted for HACCP-P6.',
    ]);
  });

  it('stores model text as plain text, bounded', () => {
    const r = verify({ gaps: [{ clause: ' HACCP-P3 ', reason: `bad\u0000 ${'x'.repeat(2000)}`, section: 'procedure' }] }, HACCP, s);
    expect(r.gaps[0]!.clause).toBe('HACCP-P3');
    expect(r.gaps[0]!.reason.length).toBe(1000);
    expect(r.gaps[0]!.reason).not.toContain('\u0000');
  });
});

describe('citationLabel', () => {
  it('does not repeat what the id already says', () => {
    expect(citationLabel('21 CFR 117', '117.135')).toBe('21 CFR 117.135');
    expect(citationLabel('HACCP', 'HACCP-P3')).toBe('HACCP-P3');
    expect(citationLabel('ISO 9001', '8.5')).toBe('ISO 9001 8.5');
    expect(citationLabel('OSHA 29 CFR 1910', 'Subpart I')).toBe('OSHA 29 CFR 1910 Subpart I');
  });
});

describe('offlineAnalysis', () => {
  it('addresses clauses whose keywords occur (quoting the first such sentence) and lists the others of the same parts as gaps; all of it verifies', () => {
    const s = flattenSop(SOP);
    const raw = offlineAnalysis(HACCP, SOP.titleBlock.title, s);
    const r = verify(raw, HACCP, s);
    expect(r.flagged).toEqual([]);
    const p5 = r.addressed.find((a) => a.clause === 'HACCP-P5')!;
    // the first sentence with one of its keywords ("reject"), however weak a reason that is: the keyword answer is labelled weaker
    expect(p5).toMatchObject({ quote: 'Keep hands clear of the reject arm.', location: { section: 'healthAndSafety', label: 'Health and safety: warning 1' } });
    expect(r.addressed.map((a) => a.clause)).toContain('HACCP-P7');
    // HACCP has no group headings: every other clause with keywords is in the same part
    expect(r.gaps.map((g) => g.clause)).toEqual(expect.arrayContaining(['HACCP-P1', 'HACCP-P3']));
    expect(r.gaps.find((g) => g.clause === 'HACCP-P1')!.reason).toBe("None of its keywords (hazard, allergen, contamina, pathogen) occurs in the SOP's text, while other clauses of HACCP are addressed.");
    for (const g of r.gaps) expect(r.addressed.some((a) => a.clause === g.clause)).toBe(false);
  });

  it('ISO 9001: gaps only in the parts (clause groups) the SOP touches, never clauses without keywords', () => {
    const s = flattenSop(SOP);
    const r = verify(offlineAnalysis(ISO, SOP.titleBlock.title, s), ISO, s);
    const groups = new Set(r.addressed.map((a) => a.clause.split('.')[0]));
    for (const g of r.gaps) expect(groups.has(g.clause.split('.')[0]), g.clause).toBe(true);
    expect(r.gaps.map((g) => g.clause)).not.toContain('7.1.6');
    expect(r.gaps.map((g) => g.clause)).not.toContain('4.1');
  });
});
