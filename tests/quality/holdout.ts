/**
 * Held-out cases of the drafting-quality suite: written after the offline drafter was tuned on
 * ./corpus.ts, and not used to tune it since. The main corpus and the drafter were written by
 * the same hand, so its score is an in-sample one; these cases give an out-of-sample reading.
 * They are scored and reported (BENCHMARKS.md), not held to the 95 % bar in the unit test.
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
