/**
 * The drafting-quality corpus (issue #14): realistic process descriptions, as a new user would
 * type them into New SOP, across food, pharma, medical devices, laboratories, manufacturing and
 * healthcare. Written for this suite. Beside each input, the facts it contains, by kind: every
 * one must reach its section of the draft (see SECTION_OF in ./score.ts); the hazard messages
 * with their severity and the step each one guards; and the lines that are not steps (purpose,
 * scope, headings, prose, contact lines). Every listed fact is a verbatim piece of its input
 * (tests/unit/drafting-quality.test.ts checks that), so a fact is never an invention of the list.
 */

export type FactKind = 'role' | 'record' | 'material' | 'equipment' | 'ppe' | 'limit' | 'contact';
export type Domain = 'food' | 'pharma' | 'devices' | 'labs' | 'manufacturing' | 'healthcare';

export interface ExpectedCallout {
  kind: 'warning' | 'caution' | 'note';
  /** A piece of the callout's text. */
  text: string;
  /** A piece of the text of the step it guards (it must sit on that step, printed before it). */
  guards: string;
}

export interface QualityCase {
  id: string;
  domain: Domain;
  title: string;
  industry?: string;
  frameworks: string[];
  processDescription: string;
  facts: Partial<Record<FactKind, string[]>>;
  callouts: ExpectedCallout[];
  /** Input lines (or their text after a label such as "Purpose:") that must not become steps. */
  notSteps: string[];
}

export const RECEIVING_EXAMPLE: QualityCase = {
  id: 'food-receiving',
  domain: 'food',
  title: 'Receive chilled and frozen deliveries',
  industry: 'Food manufacturing',
  frameworks: ['HACCP', 'ISO9001'],
  processDescription: `Purpose: Make sure every inbound delivery of chilled and frozen raw material is checked before it enters the plant.
Scope: The receiving dock, all shifts, all refrigerated trucks.

1. The receiving clerk puts on the hi-vis vest and safety shoes before stepping onto the dock.
2. Check the trailer seal number against the bill of lading.
3. Measure the product temperature with the probe thermometer: chilled product ≤ 4 °C, frozen product ≤ -18 °C.
4. Reject any chilled load above 4 °C and move it to the quarantine cage on hold.
5. Record the temperatures, seal number and lot codes on the receiving log, form QF-017.
6. The QA manager reviews form QF-017 within 24 hours.

Contact for a failed ice-point check or a rejected load: QA manager Dana Whitfield, ext. 214, 555-201-0142, qa.receiving@northfield-foods.example`,
  facts: {
    role: ['receiving clerk', 'QA manager'],
    record: ['QF-017', 'receiving log'],
    equipment: ['probe thermometer', 'quarantine cage'],
    ppe: ['hi-vis vest', 'safety shoes'],
    limit: ['≤ 4 °C', '≤ -18 °C', 'above 4 °C', 'within 24 hours'],
    contact: ['555-201-0142', 'qa.receiving@northfield-foods.example', 'ext. 214'],
  },
  callouts: [],
  notSteps: [
    'Make sure every inbound delivery of chilled and frozen raw material is checked before it enters the plant.',
    'The receiving dock, all shifts, all refrigerated trucks.',
    'Contact for a failed ice-point check or a rejected load',
  ],
};

export const SANITATION_EXAMPLE: QualityCase = {
  id: 'food-sanitation',
  domain: 'food',
  title: 'Clean and sanitize the deli slicer',
  industry: 'Food manufacturing',
  frameworks: ['HACCP', '29CFR1910'],
  processDescription: `Sanitation of the slicer after each production run, recorded on SAN-002.

1. The sanitation crew stops the slicer and applies lockout/tagout at the main disconnect.
Warning: the slicer blade stays sharp and can coast after power-off. Wait until the blade has stopped completely.
2. Remove the blade guard and the product tray.
3. Scrape off product residue and rinse with potable water at 40–50 °C.
Warning: the chlorinated alkaline foam cleaner causes severe skin and eye burns. Wear nitrile gloves, a face shield and an apron.
4. Apply the chlorinated alkaline foam cleaner for 10 minutes, then rinse.
Caution: never mix the foam cleaner with the acid descaler.
5. Sanitize with quaternary ammonium sanitizer at 200–400 ppm, checked with test strips.
6. Swab the blade and the tray with an ATP swab; a pass is ≤ 150 RLU.
7. Record the concentration, the ATP result and your initials on the sanitation record SAN-002.
8. The sanitation supervisor verifies and signs SAN-002 before the line restarts.`,
  facts: {
    role: ['sanitation crew', 'sanitation supervisor'],
    record: ['SAN-002', 'sanitation record'],
    material: ['chlorinated alkaline foam cleaner', 'quaternary ammonium sanitizer', 'acid descaler', 'potable water'],
    equipment: ['slicer', 'blade guard', 'test strips', 'ATP swab'],
    ppe: ['nitrile gloves', 'face shield', 'apron'],
    limit: ['40–50 °C', '10 minutes', '200–400 ppm', '≤ 150 RLU'],
  },
  callouts: [
    { kind: 'warning', text: 'blade stays sharp', guards: 'Remove the blade guard' },
    { kind: 'warning', text: 'causes severe skin and eye burns', guards: 'Apply the chlorinated alkaline foam cleaner' },
    { kind: 'caution', text: 'never mix the foam cleaner', guards: 'Sanitize with quaternary ammonium' },
  ],
  notSteps: ['Sanitation of the slicer after each production run, recorded on SAN-002.'],
};

const CASES_REST: QualityCase[] = [
  {
    id: 'food-allergen-changeover',
    domain: 'food',
    title: 'Allergen changeover on the bar line',
    frameworks: ['HACCP'],
    processDescription: `When the bar line changes from a product containing peanut to a peanut-free product, the line must be fully cleaned and verified before the new run starts. This applies to lines 2 and 3.

- The line lead stops the line and removes all peanut-containing product and packaging from the room.
- Dismantle the enrober and the cooling tunnel belt scrapers.
- Wash all product-contact parts with the alkaline detergent at 60 °C. Caution: the wash water is hot; wear heat-resistant gloves.
- Inspect every part visually with a flashlight; no visible residue is allowed.
- QA takes an allergen swab from 5 defined points and runs the peanut lateral flow test.
- Release the line only when all 5 swabs are negative, and record the release on the allergen changeover form QF-044.`,
    facts: {
      role: ['line lead', 'QA'],
      record: ['QF-044', 'allergen changeover form'],
      material: ['alkaline detergent'],
      equipment: ['enrober', 'flashlight', 'allergen swab', 'lateral flow test'],
      ppe: ['heat-resistant gloves'],
      limit: ['60 °C', '5 defined points', 'all 5 swabs are negative'],
    },
    callouts: [{ kind: 'caution', text: 'wash water is hot', guards: 'Wash all product-contact parts' }],
    notSteps: ['When the bar line changes from a product containing peanut to a peanut-free product', 'This applies to lines 2 and 3.'],
  },
  {
    id: 'food-metal-detector',
    domain: 'food',
    title: 'Metal detector check at the packing line',
    frameworks: ['HACCP', 'ISO9001'],
    processDescription: `1. At start-up and every 2 hours, the packing operator passes the three test pieces through the metal detector: 2.0 mm ferrous, 2.5 mm non-ferrous and 3.0 mm stainless steel.
2. Each test piece must be rejected into the locked reject bin.
3. If any test piece is not rejected, stop the line and hold all product packed since the last good check.
4. Record each check on the metal detector log MD-01 and initial it.
5. The shift supervisor reviews MD-01 at the end of the shift.
If the detector fails, call maintenance on-call at 555-201-0199 before restarting.`,
    facts: {
      role: ['packing operator', 'shift supervisor'],
      record: ['MD-01', 'metal detector log'],
      equipment: ['metal detector', 'test pieces', 'reject bin'],
      limit: ['every 2 hours', '2.0 mm ferrous', '2.5 mm non-ferrous', '3.0 mm stainless steel'],
      contact: ['555-201-0199'],
    },
    callouts: [],
    notSteps: [],
  },
  {
    id: 'food-cooling-ccp',
    domain: 'food',
    title: 'Cooling of cooked sauces (CCP 3)',
    frameworks: ['HACCP'],
    processDescription: `Purpose: Control the growth of spore-forming bacteria while cooked sauces cool.

Procedure
1. Transfer the cooked sauce into shallow pans no deeper than 5 cm.
2. Place the pans in the blast chiller within 30 minutes of the end of cooking.
3. Check the core temperature with a calibrated probe thermometer every 30 minutes.
4. The sauce must cool from 57 °C to 21 °C within 2 hours and to ≤ 5 °C within a further 4 hours.
5. If a limit is missed, the cook places the batch on hold and informs the production supervisor, who decides on reheating or disposal.
6. Record the times and temperatures on the CCP 3 cooling log.`,
    facts: {
      role: ['cook', 'production supervisor'],
      record: ['CCP 3 cooling log'],
      equipment: ['shallow pans', 'blast chiller', 'probe thermometer'],
      limit: ['no deeper than 5 cm', 'within 30 minutes', 'every 30 minutes', '57 °C to 21 °C within 2 hours', '≤ 5 °C within a further 4 hours'],
    },
    callouts: [],
    notSteps: ['Control the growth of spore-forming bacteria while cooked sauces cool.', 'Procedure'],
  },
  {
    id: 'pharma-line-clearance',
    domain: 'pharma',
    title: 'Line clearance before packaging',
    frameworks: ['ISO9001', '21CFR11'],
    processDescription: `Purpose: Prevent mix-ups by making sure no material of the previous batch remains on the packaging line.
Scope: Blister packaging lines BP-1 and BP-2.

Procedure:
1. The production operator removes all tablets, blister foil, cartons and printed leaflets of the previous batch.
2. Check under and around the blister machine, the cartoner and the reject bins.
3. Verify that the line has no labels or printed components left, using the line clearance checklist PRD-F-112.
4. The QA inspector checks the line independently and signs PRD-F-112 in the electronic batch record.
5. The next batch may start only after the QA inspector's electronic signature.`,
    facts: {
      role: ['production operator', 'QA inspector'],
      record: ['PRD-F-112', 'line clearance checklist', 'electronic batch record'],
      material: ['blister foil', 'cartons', 'printed leaflets'],
      equipment: ['blister machine', 'cartoner', 'reject bins'],
    },
    callouts: [],
    notSteps: ['Prevent mix-ups by making sure no material of the previous batch remains on the packaging line.', 'Blister packaging lines BP-1 and BP-2.', 'Procedure:'],
  },
  {
    id: 'pharma-cleaning-validation',
    domain: 'pharma',
    title: 'Cleaning validation swab sampling of the granulator',
    frameworks: ['ISO9001'],
    processDescription: `This procedure describes how the validation specialist takes swab samples from the high-shear granulator after the validated cleaning, as part of protocol CV-PR-021.

1. Confirm the granulator was cleaned and dried, and that the cleaning record is signed.
2. Wear a clean gown, sterile gloves and a hairnet.
3. Swab each of the 6 locations in the protocol over an area of 25 cm² with a TOC swab wetted with purified water.
4. Place each swab in a labelled vial and deliver the vials to the QC laboratory within 4 hours.
5. The QC analyst tests each swab on the TOC analyzer; the acceptance limit is ≤ 10 ppm TOC.
6. Report the results in the cleaning validation report CV-RPT-021.`,
    facts: {
      role: ['validation specialist', 'QC analyst'],
      record: ['CV-PR-021', 'cleaning record', 'CV-RPT-021'],
      material: ['purified water'],
      equipment: ['granulator', 'TOC swab', 'vial', 'TOC analyzer'],
      ppe: ['gown', 'sterile gloves', 'hairnet'],
      limit: ['6 locations', '25 cm²', 'within 4 hours', '≤ 10 ppm TOC'],
    },
    callouts: [],
    notSteps: ['This procedure describes how the validation specialist takes swab samples'],
  },
  {
    id: 'pharma-deviation',
    domain: 'pharma',
    title: 'Deviation handling',
    frameworks: ['ISO9001'],
    processDescription: `Any departure from an approved procedure, specification or batch record is a deviation.

* The person who finds the deviation informs the area supervisor immediately and secures the affected batch.
* The area supervisor opens a deviation report on form QA-F-045 within 24 hours.
* QA classifies the deviation as minor, major or critical.
* The deviation owner completes the root cause investigation within 30 days.
* Major and critical deviations need a CAPA, raised on form QA-F-046.
* The QA manager closes the deviation report after reviewing the investigation.
Questions: deviations@meridian-pharma.example`,
    facts: {
      role: ['area supervisor', 'deviation owner', 'QA manager'],
      record: ['QA-F-045', 'deviation report', 'QA-F-046'],
      limit: ['within 24 hours', 'within 30 days'],
      contact: ['deviations@meridian-pharma.example'],
    },
    callouts: [],
    notSteps: ['Any departure from an approved procedure, specification or batch record is a deviation.', 'Questions'],
  },
  {
    id: 'pharma-batch-record-review',
    domain: 'pharma',
    title: 'Review of executed batch records',
    frameworks: ['ISO9001', '21CFR11'],
    processDescription: `1. The production supervisor checks the executed batch record for completeness within 2 working days of batch completion.
   a) Every entry is signed and dated.
   b) Corrections are single-line with initials, date and reason.
2. Attach the printouts of the balance and the checkweigher to the batch record.
3. Compare the yield with the limits in the master batch record: 97.0–101.0 %.
   a) A yield outside the limits is a deviation.
4. The QA reviewer completes the batch record review checklist QA-F-210.
Note: QA may not release the batch while a deviation is open.
5. The Qualified Person releases the batch in the ERP system.`,
    facts: {
      role: ['production supervisor', 'QA reviewer', 'Qualified Person'],
      record: ['executed batch record', 'master batch record', 'QA-F-210'],
      equipment: ['balance', 'checkweigher'],
      limit: ['within 2 working days', '97.0–101.0 %'],
    },
    callouts: [{ kind: 'note', text: 'may not release the batch while a deviation is open', guards: 'releases the batch in the ERP system' }],
    notSteps: [],
  },
  {
    id: 'devices-complaint',
    domain: 'devices',
    title: 'Customer complaint handling',
    frameworks: ['ISO9001'],
    processDescription: `Purpose: Record, evaluate and answer every customer complaint about our infusion pumps.

The complaint handler enters each complaint in the complaint log CH-F-01 within 1 working day of receipt. The complaint handler asks the customer to return the device, and the service technician inspects it within 10 working days. The regulatory affairs specialist decides whether the event must be reported to the authority; a reportable event is reported within 30 calendar days. The complaint handler sends the customer a written answer and closes CH-F-01.`,
    facts: {
      role: ['complaint handler', 'service technician', 'regulatory affairs specialist'],
      record: ['complaint log', 'CH-F-01'],
      equipment: ['infusion pumps'],
      limit: ['within 1 working day', 'within 10 working days', 'within 30 calendar days'],
    },
    callouts: [],
    notSteps: ['Record, evaluate and answer every customer complaint about our infusion pumps.'],
  },
  {
    id: 'devices-calibration',
    domain: 'devices',
    title: 'Calibration of torque drivers',
    frameworks: ['ISO9001'],
    processDescription: `1. The metrology technician takes the torque driver due for calibration from the assembly cell.
2. Check the torque driver against the reference torque analyzer at 20 %, 60 % and 100 % of its range.
   Note: let the torque analyzer warm up for 15 minutes first.
3. Each reading must be within ± 4 % of the set value.
4. If a reading is out of tolerance, tag the driver "DO NOT USE", quarantine it and raise a nonconformance report NCR-F-02.
5. Record the readings on the calibration record CAL-F-07 and attach the calibration label with the next due date.`,
    facts: {
      role: ['metrology technician'],
      record: ['NCR-F-02', 'calibration record', 'CAL-F-07'],
      equipment: ['torque driver', 'torque analyzer', 'calibration label'],
      limit: ['20 %, 60 % and 100 %', '15 minutes', '± 4 %'],
    },
    callouts: [{ kind: 'note', text: 'warm up for 15 minutes', guards: 'Check the torque driver against' }],
    notSteps: [],
  },
  {
    id: 'devices-capa',
    domain: 'devices',
    title: 'Corrective and preventive action (CAPA)',
    frameworks: ['ISO9001'],
    processDescription: `Scope: CAPAs raised from complaints, audits, nonconformances and trends.

Steps
1. The CAPA owner opens the CAPA on form CAPA-F-003 and describes the problem.
2. Contain the problem within 5 working days.
3. Find the root cause with a 5-whys or fishbone analysis.
4. Define corrective actions with owners and due dates.
5. The CAPA board approves the action plan.
6. Check effectiveness within 90 days of completing the actions, against the criteria defined in step 4.
7. The quality manager closes CAPA-F-003.`,
    facts: {
      role: ['CAPA owner', 'CAPA board', 'quality manager'],
      record: ['CAPA-F-003'],
      limit: ['within 5 working days', 'within 90 days'],
    },
    callouts: [],
    notSteps: ['CAPAs raised from complaints, audits, nonconformances and trends.', 'Steps'],
  },
  {
    id: 'labs-sample-receipt',
    domain: 'labs',
    title: 'Receipt of samples at the laboratory',
    frameworks: ['ISO9001'],
    processDescription: `- The sample custodian wears a lab coat, safety glasses and nitrile gloves when opening cooler boxes.
Warning: samples may be biohazardous. Open coolers only inside the biosafety cabinet.
- Open the cooler and read the temperature logger; samples must have stayed at 2–8 °C.
- Compare every sample container with the chain of custody form COC-12.
- Reject samples that are leaking, unlabelled or outside 2–8 °C, and note the reason on COC-12.
- Give each accepted sample a LIMS number and store it in the sample refrigerator.`,
    facts: {
      role: ['sample custodian'],
      record: ['chain of custody form', 'COC-12'],
      equipment: ['cooler', 'biosafety cabinet', 'temperature logger', 'sample refrigerator'],
      ppe: ['lab coat', 'safety glasses', 'nitrile gloves'],
      limit: ['2–8 °C'],
    },
    callouts: [{ kind: 'warning', text: 'samples may be biohazardous', guards: 'Open the cooler and read the temperature logger' }],
    notSteps: [],
  },
  {
    id: 'labs-pipette-calibration',
    domain: 'labs',
    title: 'Gravimetric check of air-displacement pipettes',
    frameworks: ['ISO9001'],
    processDescription: `1. The lab technician lets the pipette, the tips and distilled water equilibrate in the balance room at 20–25 °C for 2 hours.
2. Use the analytical balance with a readability of 0.01 mg.
3. Dispense and weigh 10 replicates at the nominal volume.
4. Calculate the mean volume with the Z-factor for the water temperature.
5. Accept the pipette if the systematic error is within ± 1.0 % and the CV is ≤ 0.5 %.
6. Record all weighings on the pipette calibration record PIP-CAL-02 and label the pipette with the next due date.`,
    facts: {
      role: ['lab technician'],
      record: ['pipette calibration record', 'PIP-CAL-02'],
      material: ['distilled water'],
      equipment: ['pipette', 'analytical balance'],
      limit: ['20–25 °C', '2 hours', '0.01 mg', '10 replicates', '± 1.0 %', '≤ 0.5 %'],
    },
    callouts: [],
    notSteps: [],
  },
  {
    id: 'labs-oos',
    domain: 'labs',
    title: 'Out-of-specification (OOS) result investigation',
    frameworks: ['ISO9001'],
    processDescription: `An out-of-specification result is any test result outside the approved specification.

The analyst who obtains an OOS result informs the laboratory supervisor the same day and keeps all solutions and sample preparations. The laboratory supervisor opens an OOS report on form QC-F-019 and completes the phase I laboratory investigation within 1 working day. If no laboratory error is found, QA starts a phase II investigation. The original result may only be invalidated with a documented assignable cause. QA approves the OOS report within 30 days.`,
    facts: {
      role: ['analyst', 'laboratory supervisor', 'QA'],
      record: ['OOS report', 'QC-F-019'],
      limit: ['the same day', 'within 1 working day', 'within 30 days'],
    },
    callouts: [],
    notSteps: ['An out-of-specification result is any test result outside the approved specification.'],
  },
  {
    id: 'mfg-loto',
    domain: 'manufacturing',
    title: 'Lockout/tagout of the hydraulic press',
    frameworks: ['29CFR1910'],
    processDescription: `Purpose: Protect maintenance technicians from unexpected start-up of the 200-ton hydraulic press.

1. The maintenance technician informs the press operator and the area supervisor before starting.
2. Stop the press with the normal stop button.
Warning: stored hydraulic pressure can move the ram after the power is off.
3. Open the main disconnect and bleed the hydraulic accumulator to 0 bar.
4. Apply a personal lock and a danger tag to each energy isolation point, using a lockout hasp if more than one person works on the press.
5. Try to start the press to verify zero energy, then return the control to off.
6. Record the lockout on the LOTO log LOTO-F-01.
Contact the EHS coordinator, Sam Ortiz (ext. 330), if an isolation point cannot be locked.`,
    facts: {
      role: ['maintenance technician', 'press operator', 'area supervisor', 'EHS coordinator'],
      record: ['LOTO log', 'LOTO-F-01'],
      equipment: ['hydraulic press', 'main disconnect', 'hydraulic accumulator', 'personal lock', 'danger tag', 'lockout hasp'],
      limit: ['0 bar'],
      contact: ['ext. 330'],
    },
    callouts: [{ kind: 'warning', text: 'stored hydraulic pressure', guards: 'Open the main disconnect' }],
    notSteps: ['Protect maintenance technicians from unexpected start-up of the 200-ton hydraulic press.', 'Contact the EHS coordinator'],
  },
  {
    id: 'mfg-forklift',
    domain: 'manufacturing',
    title: 'Forklift pre-use inspection',
    frameworks: ['29CFR1910'],
    processDescription: `Every forklift is inspected by its driver at the start of each shift, before first use.

- The forklift driver wears safety shoes and a hi-vis vest.
- Caution: never check the mast chains with the forks raised.
- Walk around the truck and check the forks, the mast chains and the tires for damage.
- Check the hydraulic fluid level and look for leaks under the truck.
- Test the horn, the lights, the brakes and the seat belt.
- A forklift that fails any check is tagged out of service and reported to the warehouse supervisor.
- Complete the forklift checklist FL-01 and leave it in the cab.`,
    facts: {
      role: ['forklift driver', 'warehouse supervisor'],
      record: ['forklift checklist', 'FL-01'],
      material: ['hydraulic fluid'],
      equipment: ['forklift', 'forks', 'mast chains', 'tires', 'horn', 'seat belt'],
      ppe: ['safety shoes', 'hi-vis vest'],
    },
    callouts: [{ kind: 'caution', text: 'never check the mast chains with the forks raised', guards: 'Walk around the truck' }],
    notSteps: ['Every forklift is inspected by its driver at the start of each shift, before first use.'],
  },
  {
    id: 'mfg-chemical-handling',
    domain: 'manufacturing',
    title: 'Transfer of 50 % sodium hydroxide',
    frameworks: ['29CFR1910'],
    processDescription: `1. The chemical handler reads the SDS for 50 % sodium hydroxide before starting.
2. Put on chemical splash goggles, a face shield, neoprene gloves and a chemical-resistant apron.
3. Check that the eyewash station and the safety shower are working.
Warning: sodium hydroxide causes severe burns and permanent eye damage.
4. Connect the transfer hose to the IBC and the day tank and open the valves slowly. Caution: the hose may be under pressure.
5. Transfer no more than 500 L at a time.
6. If skin or eyes are splashed, rinse at the eyewash station for at least 15 minutes and report to the shift supervisor.
7. Record the quantity transferred on the chemical transfer log CT-03.`,
    facts: {
      role: ['chemical handler', 'shift supervisor'],
      record: ['SDS', 'chemical transfer log', 'CT-03'],
      material: ['50 % sodium hydroxide'],
      equipment: ['eyewash station', 'safety shower', 'transfer hose', 'IBC', 'day tank'],
      ppe: ['chemical splash goggles', 'face shield', 'neoprene gloves', 'chemical-resistant apron'],
      limit: ['500 L', 'at least 15 minutes'],
    },
    callouts: [
      { kind: 'warning', text: 'sodium hydroxide causes severe burns', guards: 'Connect the transfer hose' },
      { kind: 'caution', text: 'hose may be under pressure', guards: 'Connect the transfer hose' },
    ],
    notSteps: [],
  },
  {
    id: 'health-hand-hygiene',
    domain: 'healthcare',
    title: 'Hand hygiene on the ward',
    frameworks: ['ISO9001'],
    processDescription: `Purpose: Reduce healthcare-associated infections by correct hand hygiene at the five moments.
Scope: All nurses, physicians and care assistants on the ward.

1. Perform hand hygiene before touching a patient, before a clean or aseptic procedure, after body fluid exposure risk, after touching a patient and after touching patient surroundings.
2. Use alcohol-based hand rub with 60–95 % alcohol for 20–30 seconds when hands are not visibly soiled.
Note: alcohol-based hand rub does not kill C. difficile spores.
3. Wash with soap and water for 40–60 seconds when hands are visibly soiled or after caring for a patient with C. difficile.
4. Dry hands with a single-use paper towel.
5. The infection prevention nurse audits hand hygiene monthly and records the results on the hand hygiene audit form IPC-07.`,
    facts: {
      role: ['infection prevention nurse'],
      record: ['hand hygiene audit form', 'IPC-07'],
      material: ['alcohol-based hand rub', 'soap and water', 'paper towel'],
      limit: ['60–95 % alcohol', '20–30 seconds', '40–60 seconds'],
    },
    callouts: [{ kind: 'note', text: 'does not kill C. difficile spores', guards: 'Wash with soap and water' }],
    notSteps: ['Reduce healthcare-associated infections by correct hand hygiene at the five moments.', 'All nurses, physicians and care assistants on the ward.'],
  },
  {
    id: 'health-specimen-labeling',
    domain: 'healthcare',
    title: 'Labeling of blood specimens',
    frameworks: ['ISO9001'],
    processDescription: `Specimens are labeled at the bedside, in front of the patient, never in advance.

1. The phlebotomist asks the patient to state their full name and date of birth and checks them against the wristband and the request form.
2. Draw the blood into the tubes in the order of draw.
3. Print the barcode labels on the portable label printer and label each tube within 1 minute of the draw.
Caution: never relabel a tube; an unlabeled or mislabeled specimen is rejected.
4. Write the draw time and your initials on each label.
5. Send the tubes to the laboratory in a sealed biohazard bag within 2 hours.`,
    facts: {
      role: ['phlebotomist'],
      record: ['request form'],
      equipment: ['wristband', 'tubes', 'barcode labels', 'label printer', 'biohazard bag'],
      limit: ['within 1 minute', 'within 2 hours'],
    },
    callouts: [{ kind: 'caution', text: 'never relabel a tube', guards: 'Write the draw time' }],
    notSteps: ['Specimens are labeled at the bedside, in front of the patient, never in advance.'],
  },
  {
    id: 'health-autoclave',
    domain: 'healthcare',
    title: 'Steam sterilizer daily operation',
    frameworks: ['ISO9001', '29CFR1910'],
    processDescription: `1. Each morning the sterile processing technician runs a Bowie-Dick test in the empty steam sterilizer.
2. Load the wrapped instrument trays with space between packs; do not exceed the rated load of 25 kg.
3. Select the 134 °C, 4-minute cycle for wrapped instruments or the 121 °C, 30-minute cycle for textiles.
4. Place a biological indicator in the first load of each week.
Warning: the chamber and the load are hot after the cycle. Wear heat-resistant gloves and a face shield.
5. Open the door only when the chamber pressure reads 0 bar and let the load cool for 30 minutes.
6. Check the printout and the chemical indicators, then record the cycle on the sterilizer load record STER-LOG-3.
7. Report a failed Bowie-Dick test or a failed cycle to the sterile services manager and do not release the load.`,
    facts: {
      role: ['sterile processing technician', 'sterile services manager'],
      record: ['sterilizer load record', 'STER-LOG-3'],
      equipment: ['steam sterilizer', 'instrument trays', 'biological indicator', 'chemical indicators'],
      ppe: ['heat-resistant gloves', 'face shield'],
      limit: ['25 kg', '134 °C, 4-minute', '121 °C, 30-minute', '0 bar', '30 minutes'],
    },
    callouts: [{ kind: 'warning', text: 'chamber and the load are hot', guards: 'Open the door only when' }],
    notSteps: [],
  },
];

export const QUALITY_CASES: QualityCase[] = [RECEIVING_EXAMPLE, SANITATION_EXAMPLE, ...CASES_REST];
