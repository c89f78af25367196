import { describe, expect, it } from 'vitest';
import { draftOffline, MAX_REFS_PER_FRAMEWORK } from '@/lib/ai/offline-drafter';
import { isKnownCitation } from '@/lib/library';
import { hazardOf, ZSopContent, type TStep } from '@/lib/sops/content';

const notes = `1. Operator puts on gloves, hairnet and face shield.
2. Drain the HTST pasteurizer and rinse with potable water.
   a) Check the drain valve is open.
Caution: caustic detergent burns skin.
3. Run CIP with alkaline detergent at 75 °C for 20 minutes.
4. Verify sanitizer strength 200 ppm with test strips and record on the CIP log.
Note: QA reviews the CIP log daily.
5. Supervisor signs the sanitation checklist.`;

const draft = (processDescription: string, frameworks: string[] = []) => draftOffline({ title: 'Test procedure', processDescription, frameworks }, new Date('2026-11-22T00:00:00Z'));
const texts = (steps: TStep[]) => steps.map((s) => s.text);

describe('offline drafter', () => {
  const d = draftOffline({ title: 'Clean and sanitize the HTST pasteurizer', processDescription: notes, industry: 'Dairy', frameworks: ['HACCP', '29CFR1910', 'ISO9001'] }, new Date('2026-11-22T00:00:00Z'));

  it('produces a draft the content schema accepts', () => {
    expect(ZSopContent.safeParse(d).success).toBe(true);
  });

  it('turns the lines into numbered steps with sub-steps, each callout line on the step after it', () => {
    expect(d.procedure).toHaveLength(5);
    expect(d.procedure[0]!.text).toBe('Operator puts on gloves, hairnet and face shield.');
    expect(d.procedure[1]!.substeps[0]!.text).toBe('Check the drain valve is open.');
    expect(d.procedure[1]!.callouts).toEqual([]);
    expect(d.procedure[2]!.callouts).toEqual([{ kind: 'caution', text: 'Caustic detergent burns skin.' }]);
    expect(d.procedure[4]!.callouts).toEqual([{ kind: 'note', text: 'QA reviews the CIP log daily.' }]);
    expect(d.healthAndSafety.cautions).toEqual([{ kind: 'caution', text: 'Caustic detergent burns skin.' }]);
  });

  it('finds roles, PPE, abbreviations, records and equipment as the text names them', () => {
    expect(d.responsibilities.map((r) => r.role)).toEqual(['Operator', 'QA', 'Supervisor']);
    expect(d.responsibilities[2]!.duties).toBe('Supervisor signs the sanitation checklist.');
    expect(d.healthAndSafety.ppe).toEqual(['Gloves', 'Hairnet', 'Face shield']);
    expect(d.definitions.map((x) => x.term)).toEqual(expect.arrayContaining(['CIP', 'HTST', 'QA', 'ppm']));
    expect(d.records.map((r) => r.name)).toEqual(['CIP log', 'Sanitation checklist']);
    expect(d.materialsAndEquipment).toEqual(expect.arrayContaining(['Alkaline detergent', 'Sanitizer', 'Drain valve', 'Test strips', 'HTST pasteurizer']));
  });

  it('cites only supported library clauses of the chosen frameworks, each with the words that support it', () => {
    expect(d.references.every(isKnownCitation)).toBe(true);
    expect(d.references).toContainEqual({ framework: '29CFR1910', clause: 'Subpart I', reason: 'The procedure mentions "gloves", "face shield".' });
    expect(d.references).toContainEqual(expect.objectContaining({ framework: 'HACCP', clause: 'HACCP-P7' }));
    expect(d.references.every((r) => r.reason && /mentions "/.test(r.reason))).toBe(true);
    for (const fw of ['HACCP', '29CFR1910', 'ISO9001']) expect(d.references.filter((r) => r.framework === fw).length).toBeLessThanOrEqual(MAX_REFS_PER_FRAMEWORK);
  });

  it('cites nothing from a framework the text gives no support for', () => {
    const r = draft('1. Operator records the result on the CIP log.', ['21CFR11', 'ISO9001']);
    expect(r.references.map((x) => x.framework)).toEqual(['ISO9001']);
  });

  it('is deterministic', () => {
    expect(draftOffline({ title: 'Clean and sanitize the HTST pasteurizer', processDescription: notes, industry: 'Dairy', frameworks: ['HACCP', '29CFR1910', 'ISO9001'] }, new Date('2026-11-22T00:00:00Z'))).toEqual(d);
  });

  it('still drafts from a single paragraph with no roles', () => {
    const r = draftOffline({ title: 'Receive chilled goods', processDescription: 'Check the truck temperature. Reject loads above 5 °C. File the delivery record.' });
    expect(texts(r.procedure)).toEqual(['Check the truck temperature.', 'Reject loads above 5 °C.', 'File the delivery record.']);
    expect(r.responsibilities[0]!.role).toBe('Process owner');
    expect(ZSopContent.safeParse(r).success).toBe(true);
  });
});

describe('offline drafter: what is a step and what is not', () => {
  it('sends "Purpose:" and "Scope:" lines, headings and prose around a list to their sections, not to the steps', () => {
    const r = draft('Purpose: Keep the dock safe.\nScope: The receiving dock.\n\nProcedure\nThis covers all shifts.\n1. Open the door.\n2. Check the seal.');
    expect(r.purpose).toBe('Keep the dock safe.');
    expect(r.scope).toBe('The receiving dock. This covers all shifts.');
    expect(texts(r.procedure)).toEqual(['Open the door.', 'Check the seal.']);
  });

  it('turns a definition sentence into a definition', () => {
    const r = draft('An OOS result is any result outside the specification.\n\nThe analyst informs the supervisor. The supervisor opens the report.');
    expect(r.definitions[0]).toEqual({ term: 'OOS result', definition: 'An OOS result is any result outside the specification.' });
    expect(texts(r.procedure)).toEqual(['The analyst informs the supervisor.', 'The supervisor opens the report.']);
  });
});

describe('offline drafter: callouts guard the step they belong to', () => {
  it('a callout line guards the next step, an inline one its own step, a trailing one the last step', () => {
    const r = draft('1. Stop the pump.\nWarning: stored pressure.\n2. Open the valve. Caution: the line is hot.\n3. Drain the tank.\nNote: log the volume.');
    expect(r.procedure.map((s) => s.callouts)).toEqual([
      [],
      [
        { kind: 'warning', text: 'Stored pressure.' },
        { kind: 'caution', text: 'The line is hot.' },
      ],
      [{ kind: 'note', text: 'Log the volume.' }],
    ]);
    expect(r.procedure[1]!.text).toBe('Open the valve.');
    expect(r.healthAndSafety.cautions.map(hazardOf)).toEqual([
      { kind: 'warning', text: 'Stored pressure.' },
      { kind: 'caution', text: 'The line is hot.' },
    ]);
  });

  it('an indented callout guards the next sub-step, or its own step when no sub-step follows; "Danger:" is a warning', () => {
    const r = draft('1. Check the driver.\n   Note: warm up first.\n2. Load the press.\n   a) Set the stops.\n   Danger: crush point.\n   b) Cycle the ram.');
    expect(r.procedure[0]!.callouts).toEqual([{ kind: 'note', text: 'Warm up first.' }]);
    expect(r.procedure[1]!.callouts).toEqual([]);
    expect(r.procedure[1]!.substeps.map((s) => s.callouts)).toEqual([[], [{ kind: 'warning', text: 'Crush point.' }]]);
  });
});

describe('offline drafter: records, PPE and contacts', () => {
  it('keeps a role and a more specific one apart ("QA" and "QA lead")', () => {
    expect(draft('1. QA verifies the swab.\n2. If it fails, tell the QA lead.').responsibilities.map((r) => r.role)).toEqual(['QA', 'QA lead']);
  });

  it('keeps form ids verbatim with their record, and named PPE', () => {
    const r = draft('1. Put on the hi-vis vest.\n2. Record the temperature on the receiving log, form QF-017.\n3. The supervisor signs SAN-002.');
    expect(r.records.map((x) => x.name)).toEqual(['Receiving log, form QF-017', 'SAN-002']);
    expect(r.healthAndSafety.ppe).toEqual(['Hi-vis vest']);
  });

  it('moves contact details out of the steps into a "Contacts" entry', () => {
    const r = draft('1. If the detector fails, call maintenance on 555-201-0199 or maint@plant.example.\n2. Hold the product.\nContact: QA manager Dana Whitfield, ext. 214.');
    expect(r.procedure[0]!.text).toBe('If the detector fails, call maintenance (see Contacts).');
    expect(r.responsibilities.at(-1)).toEqual({ role: 'Contacts', duties: 'If the detector fails, call maintenance on 555-201-0199 or maint@plant.example.\nContact: QA manager Dana Whitfield, ext. 214.' });
    expect(JSON.stringify(r.procedure)).not.toMatch(/555|@|ext\./);
  });

  it('keeps dates and measurements in the steps: they are not phone numbers', () => {
    const r = draft('1. Use the lot made on 2026-12-01.\n2. Weigh 250 125 mg.');
    expect(texts(r.procedure)).toEqual(['Use the lot made on 2026-12-01.', 'Weigh 250 125 mg.']);
    expect(r.responsibilities.map((x) => x.role)).not.toContain('Contacts');
  });

  it('in a prose paragraph, moves only the sentence with contact details', () => {
    const r = draft('Close the sharps container at the fill line. Report a needlestick injury to occupational health on 555-410-2290 straight away.');
    expect(texts(r.procedure)).toEqual(['Close the sharps container at the fill line.', 'Report a needlestick injury to occupational health straight away (see Contacts).']);
    expect(r.responsibilities.at(-1)).toEqual({ role: 'Contacts', duties: 'Report a needlestick injury to occupational health on 555-410-2290 straight away.' });
  });
});

describe('offline drafter: nouns it has no list for, found by how the text uses them', () => {
  const lists = (text: string) => {
    const d = draft(text);
    return { roles: d.responsibilities.map((r) => r.role), things: d.materialsAndEquipment, ppe: d.healthAndSafety.ppe };
  };

  it('lists equipment and materials after "with", "using", "into", "attached to" and lock-out verbs, as written', () => {
    const { things } = lists(`1. Lift the cover using a spanner.
2. Clean the nozzle with a nylon spatula and citrus degreaser.
3. Pour the residue into the sump drum.
4. The operator is clipped to the anchor rail and winch.
5. Lock out the auger motor and the feed valve before you reach in.`);
    expect(things).toEqual(expect.arrayContaining(['Spanner', 'Nylon spatula', 'Citrus degreaser', 'Sump drum', 'Anchor rail', 'Winch', 'Auger motor', 'Feed valve']));
  });

  it('lists what "is calibrated / checked" says about, and a "70 % IPA"-style material with its strength', () => {
    const { things } = lists(`1. Make sure the torque wrench is calibrated.
2. Disinfect the bench with 70 % ethanol.`);
    expect(things).toEqual(expect.arrayContaining(['Torque wrench', '70 % ethanol']));
  });

  it('does not list verbs, places, abstract nouns, people, records or cut-short phrases as equipment', () => {
    const { things } = lists(`1. Label the bag with the ward and the date.
2. Carry the tray into the grade C area.
3. Work with a colleague and with care.
4. Compare the tag with the chain of custody form CC-3.
5. Stop the mixer with the normal stop button.
6. Lock out the feeder and blank the inlet line.
7. Check it with the supervisor.
8. Record the weight with a readability of 0.1 g.`);
    for (const bad of ['Ward', 'Date', 'Grade C area', 'Colleague', 'Care', 'Chain', 'Normal', 'Blank', 'Inlet line', 'Supervisor', 'Readability', 'It']) expect(things).not.toContain(bad);
    expect(things).toEqual(expect.arrayContaining(['Feeder']));
  });

  it('takes a role from the subject of a verb only a person does, and from "signed/checked by the X"', () => {
    const { roles } = lists(`1. The entrant wears a harness.
2. The ward housekeeper takes the bins to the store.
3. The permit is countersigned by the area custodian and checked by the duty chemist.
4. Production approves the release.`);
    expect(roles).toEqual(expect.arrayContaining(['Entrant', 'Ward housekeeper', 'Area custodian', 'Duty chemist', 'Production']));
  });

  it('does not take a thing, a step or an ambiguous head as a role', () => {
    const { roles } = lists(`1. The data logger records the temperature every minute.
2. The printer takes two minutes to warm up.
3. Check signs of wear on the belt.
4. Every forklift is inspected by its driver.
5. The work is done by hand.`);
    expect(roles).toEqual(['Process owner', 'Staff performing the task']); // none found: the defaults
  });

  it('lists what is worn or put on as PPE, each item of the list, not what follows it', () => {
    const { ppe } = lists(`1. The cleaner puts on a chemical suit, face visor and nitrile overshoes before entering.
2. Wear two pairs of sterile mittens.
3. Check the gloves for wear and tear.
4. Wear it at all times.`);
    expect(ppe).toEqual(expect.arrayContaining(['Chemical suit', 'Face visor', 'Nitrile overshoes', 'Sterile mittens']));
    for (const bad of ['Tear', 'It', 'Entering']) expect(ppe).not.toContain(bad);
  });
});
