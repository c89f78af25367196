/**
 * Held-out cases of the drafting-quality suite: written after the offline drafter was tuned on
 * ./corpus.ts, and not used to tune it since. The main corpus and the drafter were written by
 * the same hand, so its score is an in-sample one; these cases give an out-of-sample reading.
 * They are scored and reported (BENCHMARKS.md), not held to the 95 % bar in the unit test.
 *
 * Round 1 (HOLDOUT_CASES) scored 81.0 % of facts when first measured; the vocabulary and the
 * prose-callout gaps it showed were then fixed, so it is no longer untouched. Round 2
 * (HOLDOUT_CASES_2) was written after that fix and first measured at 76.9 % of facts, with one
 * prose line as a step and one step keeping a phone number: a bug (a prose paragraph holding a
 * phone number went whole to Contacts) that was fixed; its vocabulary misses (degreaser, oil
 * caddy, tweezers, tripod, winch, entrant, overboots, 70 % IPA…) were first left as measured,
 * then used to design the grammatical cues of the offline drafter (commit 7a094a9), so round 2
 * is no longer untouched either. Round 3 (HOLDOUT_CASES_3, below) was written after that.
 */
import type { QualityCase } from './corpus';

export const HOLDOUT_CASES: QualityCase[] = [
  {
    id: 'holdout-food-htst',
    domain: 'food',
    title: 'HTST pasteurizer start-up check (CCP 1)',
    frameworks: ['HACCP'],
    processDescription: `Purpose: Verify that the HTST pasteurizer holds milk at 72 °C for at least 15 seconds before any product is sent to the filler.

1. The pasteurizer operator checks that the recording thermometer and the indicating thermometer agree within 0.5 °C.
2. Test the flow diversion valve: lower the set point and confirm the valve diverts at 71.5 °C.
Danger: hot water and steam lines at 90 °C. Keep the panel doors closed.
3. Run water through the system for 10 minutes and check the holding tube temperature.
4. Record the check on the HTST daily check sheet HTST-02 and sign the recorder chart.
5. If the valve fails to divert, the plant manager is called and product stays in the balance tank.`,
    facts: {
      role: ['pasteurizer operator', 'plant manager'],
      record: ['HTST-02', 'daily check sheet'],
      equipment: ['recording thermometer', 'indicating thermometer', 'flow diversion valve', 'holding tube', 'balance tank'],
      limit: ['within 0.5 °C', '71.5 °C', '10 minutes'],
    },
    callouts: [{ kind: 'warning', text: 'hot water and steam lines', guards: 'Run water through the system' }],
    notSteps: ['Verify that the HTST pasteurizer holds milk at 72 °C'],
  },
  {
    id: 'holdout-pharma-tablet-weight',
    domain: 'pharma',
    title: 'In-process weight checks on the tablet press',
    frameworks: ['ISO9001'],
    processDescription: `In-process checks during compression of tablets on the rotary tablet press.

- Every 30 minutes the compression operator takes 20 tablets from the discharge chute.
- Weigh each tablet on the calibrated analytical balance and enter the weights in the IPC form PF-331.
- Individual weights must be within ± 5 % of the target weight of 250 mg.
- Measure hardness on 10 tablets with the hardness tester; the range is 80–120 N.
- If a result is out of limits, stop the press and call the shift pharmacist, ext. 4417.
- The IPC reviewer checks PF-331 at the end of each batch.`,
    facts: {
      role: ['compression operator', 'shift pharmacist', 'IPC reviewer'],
      record: ['PF-331', 'IPC form'],
      equipment: ['tablet press', 'discharge chute', 'analytical balance', 'hardness tester'],
      limit: ['Every 30 minutes', '20 tablets', '± 5 %', '250 mg', '10 tablets', '80–120 N'],
      contact: ['ext. 4417'],
    },
    callouts: [],
    notSteps: ['In-process checks during compression of tablets on the rotary tablet press.'],
  },
  {
    id: 'holdout-health-vaccine-fridge',
    domain: 'healthcare',
    title: 'Vaccine refrigerator temperature monitoring',
    frameworks: ['ISO9001'],
    processDescription: `Scope: All vaccine refrigerators in the outpatient clinic.

The clinic nurse reads the minimum, maximum and current temperature on the data logger at the start and end of each day. The temperature must stay between 2 °C and 8 °C. Record the readings on the fridge temperature chart FR-05 and reset the data logger. If any reading is outside 2 °C to 8 °C, label the vaccines "Do not use" and keep them refrigerated. Caution: never move vaccines into a domestic freezer.

Excursions are reported to the pharmacy lead at pharmacy.clinic@riverside-health.example or 555-301-7788.`,
    facts: {
      role: ['clinic nurse', 'pharmacy lead'],
      record: ['fridge temperature chart', 'FR-05'],
      equipment: ['vaccine refrigerators', 'data logger'],
      limit: ['between 2 °C and 8 °C'],
      contact: ['pharmacy.clinic@riverside-health.example', '555-301-7788'],
    },
    callouts: [{ kind: 'caution', text: 'never move vaccines into a domestic freezer', guards: 'label the vaccines' }],
    notSteps: ['All vaccine refrigerators in the outpatient clinic.'],
  },
  {
    id: 'holdout-mfg-hot-work',
    domain: 'manufacturing',
    title: 'Hot work permit for welding outside the workshop',
    frameworks: ['29CFR1910'],
    processDescription: `1. The welder requests a hot work permit HW-PERMIT-7 from the maintenance supervisor before any welding outside the workshop.
2. Remove combustible material within 11 m of the work, or cover it with a fire blanket.
3. Place a charged fire extinguisher at the work area.
Warning: welding fumes and UV light cause eye and lung injury.
4. Wear a welding helmet, leather gloves and a flame-resistant jacket.
5. A fire watch stays at the area during the work and for 60 minutes after it ends.
6. The maintenance supervisor closes HW-PERMIT-7 after the final inspection.`,
    facts: {
      role: ['welder', 'maintenance supervisor', 'fire watch'],
      record: ['HW-PERMIT-7', 'hot work permit'],
      equipment: ['fire blanket', 'fire extinguisher'],
      ppe: ['welding helmet', 'leather gloves', 'flame-resistant jacket'],
      limit: ['within 11 m', '60 minutes'],
    },
    callouts: [{ kind: 'warning', text: 'welding fumes and UV light', guards: 'Wear a welding helmet' }],
    notSteps: [],
  },
  {
    id: 'holdout-devices-incoming',
    domain: 'devices',
    title: 'Incoming inspection of molded housings',
    frameworks: ['ISO9001'],
    processDescription: `Purpose: Accept only molded housings that meet the drawing.

1. The incoming inspector quarantines each delivery in the receiving inspection area.
2. Take a sample per the AQL 1.0 sampling plan, general level II.
3. Measure the critical dimensions with the digital caliper and the height gauge.
   a) Wall thickness 2.0 ± 0.1 mm.
   b) Boss height 6.5 ± 0.05 mm.
4. Check the certificate of conformance from the supplier against the purchase order.
5. Record the results on the incoming inspection report IIR-12 and release or reject the lot in the ERP system.`,
    facts: {
      role: ['incoming inspector'],
      record: ['incoming inspection report', 'IIR-12', 'certificate of conformance'],
      equipment: ['digital caliper', 'height gauge'],
      limit: ['AQL 1.0', '2.0 ± 0.1 mm', '6.5 ± 0.05 mm'],
    },
    callouts: [],
    notSteps: ['Accept only molded housings that meet the drawing.'],
  },
];

export const HOLDOUT_CASES_2: QualityCase[] = [
  {
    id: 'holdout2-food-fryer-oil',
    domain: 'food',
    title: 'Fryer oil quality check',
    frameworks: ['HACCP'],
    processDescription: `Purpose: Keep the frying oil within its quality limits and change it before it degrades.

1. At the start of each shift the fry cook tests the oil in each fryer with the oil quality meter.
2. Change the oil when the total polar materials reading is 24 % or more.
Warning: hot oil at 180 °C causes deep burns. Let the oil cool below 50 °C before draining.
3. Drain the oil into the oil caddy and take it to the waste oil tank.
4. Wipe the fryer with degreaser and dry it fully before refilling with fresh rapeseed oil.
5. Note each reading and each oil change on the fryer oil record FO-1; the kitchen manager checks it weekly.`,
    facts: {
      role: ['fry cook', 'kitchen manager'],
      record: ['fryer oil record', 'FO-1'],
      material: ['degreaser', 'rapeseed oil'],
      equipment: ['oil quality meter', 'oil caddy', 'waste oil tank'],
      limit: ['24 % or more'],
    },
    callouts: [{ kind: 'warning', text: 'hot oil at 180 °C', guards: 'Drain the oil into the oil caddy' }],
    notSteps: ['Keep the frying oil within its quality limits'],
  },
  {
    id: 'holdout2-labs-balance-check',
    domain: 'labs',
    title: 'Daily check of the analytical balance',
    frameworks: ['ISO9001'],
    processDescription: `Before first use each day, the QC chemist checks the analytical balance in room B12.

- Check the level bubble and clean the weighing pan with a soft brush.
- Weigh the 100 g and the 10 mg check weights with tweezers and gloves.
- The readings must be within ± 0.1 mg of the certified values.
- If a reading is out of tolerance, put an "out of use" sign on the balance and inform the lab manager.
- Enter the readings in the balance logbook BL-7.`,
    facts: {
      role: ['QC chemist', 'lab manager'],
      record: ['balance logbook', 'BL-7'],
      equipment: ['analytical balance', 'weighing pan', 'soft brush', 'check weights', 'tweezers'],
      ppe: ['gloves'],
      limit: ['100 g', '10 mg', '± 0.1 mg'],
    },
    callouts: [],
    notSteps: ['Before first use each day, the QC chemist checks the analytical balance in room B12.'],
  },
  {
    id: 'holdout2-mfg-confined-space',
    domain: 'manufacturing',
    title: 'Entry into the mixing silo (confined space)',
    frameworks: ['29CFR1910'],
    processDescription: `1. The entry supervisor issues a confined space entry permit CSE-04 and names the attendant.
2. Isolate the silo: lock out the agitator motor and blank the inlet line.
3. Test the atmosphere with the four-gas monitor: oxygen 19.5–23.5 %, LEL below 10 %.
Danger: a silo atmosphere can kill within minutes. Never enter before the gas test passes.
4. The entrant wears a full-body harness attached to the tripod and winch.
5. The attendant stays at the hatch and keeps radio contact throughout the entry.
6. Close the permit CSE-04 when the entrant is out and the silo is closed.`,
    facts: {
      role: ['entry supervisor', 'attendant', 'entrant'],
      record: ['confined space entry permit', 'CSE-04'],
      equipment: ['agitator motor', 'four-gas monitor', 'tripod', 'winch'],
      ppe: ['full-body harness'],
      limit: ['19.5–23.5 %', 'below 10 %'],
    },
    callouts: [{ kind: 'warning', text: 'silo atmosphere can kill', guards: 'full-body harness' }],
    notSteps: [],
  },
  {
    id: 'holdout2-health-sharps',
    domain: 'healthcare',
    title: 'Disposal of sharps',
    frameworks: ['29CFR1910'],
    processDescription: `Scope: All clinical staff who use needles, lancets or scalpels.

Dispose of each sharp immediately after use into a sharps container at the point of use. Never recap a needle. Close the sharps container when it is filled to the fill line, about three quarters full. Label the closed container with the ward and the date. The ward housekeeper takes closed containers to the clinical waste store within 24 hours. A needlestick injury is reported to occupational health on 555-410-2290 straight away.`,
    facts: {
      role: ['ward housekeeper'],
      equipment: ['sharps container'],
      limit: ['three quarters full', 'within 24 hours'],
      contact: ['555-410-2290'],
    },
    callouts: [],
    notSteps: ['All clinical staff who use needles, lancets or scalpels.'],
  },
  {
    id: 'holdout2-pharma-gowning',
    domain: 'pharma',
    title: 'Gowning for the grade B cleanroom',
    frameworks: ['ISO9001'],
    processDescription: `Purpose: Prevent contamination of aseptic products by operators entering the grade B area.

1. In the first airlock, the aseptic operator removes jewellery and puts on dedicated shoes.
2. Wash hands with chlorhexidine soap for 60 seconds.
3. Put on the sterile coverall, hood, goggles and overboots without touching the outside surfaces.
4. Put on two pairs of sterile gloves and disinfect them with 70 % IPA.
Note: gowning is qualified only if the operator passed the last gowning qualification.
5. Check your gown in the mirror before entering the grade B area.
6. QA reviews the gowning qualification records every 6 months.`,
    facts: {
      role: ['aseptic operator', 'QA'],
      record: ['gowning qualification records'],
      material: ['chlorhexidine soap', '70 % IPA'],
      ppe: ['dedicated shoes', 'sterile coverall', 'goggles', 'overboots', 'sterile gloves'],
      limit: ['60 seconds', 'every 6 months'],
    },
    callouts: [{ kind: 'note', text: 'gowning is qualified only if', guards: 'Check your gown in the mirror' }],
    notSteps: ['Prevent contamination of aseptic products'],
  },
];

/**
 * Round 3 (HOLDOUT_CASES_3): written after the grammatical-cue change to the offline drafter
 * (commit a295243) and committed BEFORE the changed drafter was run on them; new domains and
 * phrasing, not derived from the corpus or rounds 1-2. Measured once; not tuned on.
 */
export const HOLDOUT_CASES_3: QualityCase[] = [
  {
    id: 'holdout3-labs-bsc-decon',
    domain: 'labs',
    title: 'End-of-day decontamination of the class II biosafety cabinet',
    frameworks: ['ISO9001'],
    processDescription: `At the end of each working day the microbiology technician decontaminates the biosafety cabinet. Leave the fan running throughout.

• Remove all cultures and racks and put waste in the autoclave bag inside the cabinet.
• Spray the work surface, side walls and sash with 1 % Virkon and leave it for 10 minutes contact time.
• Wipe off with lint-free cloths, then wipe again with 70 % ethanol to remove residue.
Caution: Virkon irritates the eyes. Keep the sash at the marked working height.
• Switch on the UV lamp for 15 minutes only after the sash is closed.
• Sign the BSC cleaning log LAB-CL-09 with the time and your initials.
The lab supervisor checks the log every Friday.`,
    facts: {
      role: ['microbiology technician', 'lab supervisor'],
      record: ['BSC cleaning log', 'LAB-CL-09'],
      equipment: ['biosafety cabinet', 'autoclave bag', 'UV lamp'],
      material: ['1 % Virkon', 'lint-free cloths', '70 % ethanol'],
      limit: ['10 minutes', '15 minutes'],
    },
    callouts: [{ kind: 'caution', text: 'Virkon irritates the eyes', guards: 'Switch on the UV lamp' }],
    notSteps: ['At the end of each working day the microbiology technician decontaminates the biosafety cabinet.'],
  },
  {
    id: 'holdout3-mfg-mould-change',
    domain: 'manufacturing',
    title: 'Mould change on injection moulding machine IMM-6',
    frameworks: ['29CFR1910'],
    processDescription: `Scope: Tool changes on the 350-tonne injection moulding machines in hall 2.

1) The setter purges the barrel and brings the screw forward.
2) Close the safety gate and switch the machine to set-up mode.
3) Attach the mould to the overhead crane with the lifting eyebolt and a rated sling; check the sling tag is in date.
DANGER: never stand under a suspended mould.
4) Lower the new mould between the platens and clamp it at 80 Nm on each clamp bolt.
5) Connect the water lines and the hot runner controller, then heat to the set temperature.
6) The shift technician approves the first-off parts against the sample board and records it on the mould change sheet MC-2.`,
    facts: {
      role: ['setter', 'shift technician'],
      record: ['mould change sheet', 'MC-2'],
      equipment: ['overhead crane', 'lifting eyebolt', 'rated sling', 'platens', 'clamp bolt', 'hot runner controller', 'sample board', 'safety gate'],
      limit: ['80 Nm'],
    },
    callouts: [{ kind: 'warning', text: 'never stand under a suspended mould', guards: 'Lower the new mould between the platens' }],
    notSteps: ['Tool changes on the 350-tonne injection moulding machines'],
  },
  {
    id: 'holdout3-health-transfusion',
    domain: 'healthcare',
    title: 'Bedside check before a red cell transfusion',
    frameworks: ['29CFR1910'],
    processDescription: `Two registered nurses carry out the check together at the bedside; it is never done at the nurses' station.

Ask the patient to state their full name and date of birth and compare them with the identity band and the blood component label. Check the unit number and the expiry date on the bag against the compatibility report. Take and record baseline observations (temperature, pulse, blood pressure) on the transfusion chart. Start the transfusion through a blood giving set with a 170–200 micron filter and complete it within 4 hours of leaving the blood fridge. Repeat the observations at 15 minutes. If the patient develops a fever or rigors, stop the transfusion and call the on-call haematologist on bleep 4412.`,
    facts: {
      role: ['registered nurses', 'haematologist'],
      record: ['transfusion chart', 'compatibility report'],
      equipment: ['identity band', 'blood giving set', 'blood fridge'],
      limit: ['170–200 micron', 'within 4 hours', '15 minutes'],
    },
    callouts: [],
    notSteps: ['Two registered nurses carry out the check together at the bedside'],
  },
  {
    id: 'holdout3-devices-pouch-seal',
    domain: 'devices',
    title: 'Seal strength test of sterile barrier pouches',
    frameworks: ['ISO9001'],
    processDescription: `Purpose: Confirm that the pouch sealer makes seals strong enough for the sterile barrier system.

- The packaging operator cuts five 25 mm strips across the seal of the first pouch of each lot, using the strip cutter and a steel rule.
- Each strip is pulled on the tensile tester at 300 mm/min; the peel strength must be at least 1.2 N per 15 mm.
- Inspect every seal with a magnifier for channels or wrinkles.
- Any failed strip: stop the sealer, quarantine the lot and raise a nonconformance NC-771.
- Results go on the seal test record SQ-14, which the quality engineer reviews.`,
    facts: {
      role: ['packaging operator', 'quality engineer'],
      record: ['seal test record', 'SQ-14', 'NC-771'],
      equipment: ['pouch sealer', 'strip cutter', 'steel rule', 'tensile tester', 'magnifier'],
      limit: ['25 mm', '300 mm/min', 'at least 1.2 N per 15 mm'],
    },
    callouts: [],
    notSteps: ['Confirm that the pouch sealer makes seals strong enough'],
  },
  {
    id: 'holdout3-food-ice-machine',
    domain: 'food',
    title: 'Monthly cleaning of the bar ice machine',
    frameworks: ['HACCP'],
    processDescription: `Bar staff must not use ice from the machine while it is being cleaned.

1. The bar supervisor switches the ice maker off at the wall and empties the storage bin into the sink.
2. Put on nitrile gloves and splash goggles before handling the nickel-safe descaler.
3. Run one descaling cycle with the descaler at the dose on the label, then two rinse cycles with clean water.
4. Take out the water curtain and the scoop and scrub them in warm sanitiser solution with a soft nylon brush.
5. Refit the parts, run the machine and throw away the first two batches of ice.
6. Write the date and your name on the ice machine cleaning card behind the bar.`,
    facts: {
      role: ['bar supervisor'],
      record: ['ice machine cleaning card'],
      equipment: ['ice maker', 'storage bin', 'water curtain', 'scoop', 'soft nylon brush'],
      material: ['nickel-safe descaler', 'sanitiser solution'],
      ppe: ['nitrile gloves', 'splash goggles'],
      limit: ['first two batches'],
    },
    callouts: [],
    notSteps: ['Bar staff must not use ice from the machine while it is being cleaned.'],
  },
];
