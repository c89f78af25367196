/**
 * Built-in templates for the shop floor, the warehouse and the lab bench: sanitation,
 * receiving, line clearance, equipment cleaning, cold-storage monitoring and the daily balance
 * check. Values a site must set are written "[to be confirmed]"; every reference is a clause of
 * the library (lib/library/frameworks.ts) with the reason it applies.
 */
import type { TSopContent } from '@/lib/sops/content';
import { caution, cite, note, step, TBC, warning } from './parts';

const blank = { documentNumber: '', department: '' };

export const SANITATION: TSopContent = {
  titleBlock: { title: 'Cleaning and sanitizing food-contact surfaces', ...blank },
  purpose: 'To remove soil and reduce microorganisms on food-contact surfaces to a safe level before production starts, so that product is not contaminated by the equipment it touches.',
  scope: `Applies to every food-contact surface of the production area (conveyors, fillers, tables, utensils, hoppers) at the end of each production run and after any contamination event. Does not cover non-food-contact areas (floors, drains, walls), which follow ${TBC}.`,
  responsibilities: [
    { role: 'Sanitation operator', duties: 'Cleans and sanitizes the surfaces as written, checks the sanitizer concentration and records each step.' },
    { role: 'Production supervisor', duties: 'Releases the line for cleaning, makes sure equipment is locked out, and does not start production before the pre-operational inspection is passed.' },
    { role: 'Quality assurance', duties: 'Performs the pre-operational inspection and ATP swabs, reviews the sanitation records daily and decides on corrective action when a check fails.' },
  ],
  definitions: [
    { term: 'Cleaning', definition: 'Removing soil, food residue and grease with water and detergent.' },
    { term: 'Sanitizing', definition: 'Reducing microorganisms on a clean surface to a safe level with an approved sanitizer at its labelled concentration and contact time.' },
    { term: 'ATP swab', definition: 'A rapid test that measures organic residue left on a surface, read in relative light units (RLU).' },
    { term: 'LOTO', definition: 'Lockout/tagout: isolating energy sources so that equipment cannot start while people work on it.' },
  ],
  materialsAndEquipment: [
    `Detergent: ${TBC}`,
    `Approved food-contact sanitizer: ${TBC}`,
    'Sanitizer test strips for that sanitizer',
    'ATP luminometer and swabs',
    'Colour-coded brushes, scrapers and squeegees for food-contact use only',
    'Low-pressure hose with potable water',
    'Lockout locks and tags',
  ],
  healthAndSafety: {
    cautions: [
      warning('Moving parts can cause serious injury. Lock out and tag out the equipment before removing guards or putting hands inside it.'),
      caution('Detergents and sanitizers irritate eyes and skin. Read the safety data sheet, never mix chemicals, and dilute them only as the label says.'),
      caution('Wet floors are slippery. Squeegee standing water and wear slip-resistant footwear.'),
    ],
    ppe: ['Chemical-resistant gloves', 'Safety goggles or face shield', 'Waterproof apron', 'Slip-resistant boots'],
  },
  procedure: [
    step('Confirm with the production supervisor that the run has ended and all product and packaging have been removed from the area.'),
    step('Lock out and tag out the equipment, then remove guards and disassemble the parts listed on the equipment cleaning card.', {
      callouts: [warning('Do not reach into the equipment until every energy source is isolated and you have tried the start button to confirm it does not start.')],
    }),
    step('Dry clean: scrape and brush off product residue into waste containers. Do not use high-pressure water, which spreads residue and aerosols.'),
    step('Pre-rinse all surfaces with potable water from the top down until no visible residue remains.'),
    step(`Apply the detergent at ${TBC} and scrub every surface, seams and corners included, with the colour-coded brushes. Leave it on for ${TBC} minutes.`, {
      callouts: [caution('Wear goggles and gloves while handling detergent; rinse any splash on skin or eyes for 15 minutes at the eyewash station.')],
    }),
    step('Rinse with potable water until no detergent or foam remains, and inspect: surfaces must be visibly clean. Repeat the wash where they are not.'),
    step(`Prepare the sanitizer at ${TBC} ppm and check the concentration with a test strip before use.`, {
      callouts: [caution('Never mix sanitizer with detergent or other chemicals: some combinations release toxic gas.')],
      substeps: ['If the strip reads outside the range, discard the solution, prepare it again and test again.', 'Record the strip reading on the sanitation record.'],
    }),
    step(`Apply the sanitizer to every food-contact surface and leave it for the contact time on its label (${TBC}). Do not rinse unless the label requires it.`),
    step('Reassemble the equipment with sanitized hands and tools, refit the guards, and remove the locks and tags following the lockout procedure.'),
    step(`Quality assurance inspects the line before start-up and takes ATP swabs at the points listed for that line. A reading above ${TBC} RLU fails.`, {
      substeps: ['On a failure, the surface is cleaned and sanitized again from step 4 and swabbed again.', 'Production does not start until every point passes.'],
    }),
    step('Sign the sanitation record and hand the line back to the production supervisor.'),
  ],
  records: [
    { name: 'Sanitation record (steps done, sanitizer concentration, who and when)', retention: TBC },
    { name: 'Pre-operational inspection and ATP results', retention: TBC },
    { name: 'Corrective action record for failed checks', retention: TBC },
  ],
  references: [
    cite('HACCP', 'HACCP-P4', 'The sanitizer concentration and the ATP results are monitored and recorded at every clean.'),
    cite('HACCP', 'HACCP-P5', 'A failed concentration check or swab has a set corrective action: clean again and re-test before start-up.'),
    cite('HACCP', 'HACCP-P7', 'Sanitation, inspection and corrective-action records are kept.'),
    cite('29CFR1910', 'Subpart J', 'Lockout/tagout before guards are removed, and sanitation of the work area.'),
    cite('29CFR1910', 'Subpart Z', 'Detergents and sanitizers are handled with their safety data sheets.'),
    cite('29CFR1910', 'Subpart I', 'Gloves, eye protection and aprons are worn for chemical handling.'),
  ],
  revisionHistory: [],
};

export const RECEIVING: TSopContent = {
  titleBlock: { title: 'Receiving and inspection of incoming materials', ...blank },
  purpose: 'To accept only materials that match the order and the specification, and to keep every accepted lot identified and traceable from the dock to its use.',
  scope: 'Applies to raw materials, ingredients, packaging and components delivered to the receiving dock. Does not cover office supplies or equipment deliveries.',
  responsibilities: [
    { role: 'Receiving clerk', duties: 'Checks each delivery against the purchase order, inspects it, labels the lots and records the receipt.' },
    { role: 'Warehouse operator', duties: 'Unloads the delivery safely and moves accepted lots to quarantine or storage as labelled.' },
    { role: 'Quality assurance', duties: 'Reviews certificates of analysis, takes samples where the sampling plan requires it, and releases or rejects each lot.' },
    { role: 'Purchasing', duties: 'Keeps the approved supplier list current and handles rejected deliveries with the supplier.' },
  ],
  definitions: [
    { term: 'CoA', definition: 'Certificate of analysis: the supplier\'s test results for the lot delivered.' },
    { term: 'Quarantine', definition: 'The status of a lot that may not be used until quality assurance releases it.' },
    { term: 'Approved supplier list', definition: 'The suppliers quality assurance has approved for each material.' },
  ],
  materialsAndEquipment: ['Purchase orders and material specifications', 'Calibrated probe thermometer (for chilled or frozen goods)', 'Quarantine, released and rejected status labels', 'Receiving log', 'Sampling tools and containers', 'Forklift or pallet jack'],
  healthAndSafety: {
    cautions: [
      warning('A forklift can crush people. Only trained, authorized operators drive it, and nobody stands between the forklift and the trailer.'),
      caution('Chock the trailer wheels and check that the dock plate is secure before anyone enters the trailer.'),
    ],
    ppe: ['Safety shoes', 'High-visibility vest', 'Gloves for handling packaging'],
  },
  procedure: [
    step('Check the driver\'s paperwork against the purchase order: supplier, material, quantity and lot numbers. The supplier must be on the approved supplier list.', {
      substeps: ['If the supplier is not approved or the material was not ordered, do not unload: call purchasing.'],
    }),
    step('Inspect the trailer before unloading: clean, dry, free of pests and odours, seal intact and matching the paperwork where one is used.'),
    step('Chock the wheels and unload the delivery.', {
      callouts: [warning('Stay clear of the forklift\'s path; make eye contact with the driver before crossing it.')],
    }),
    step(`For chilled or frozen goods, measure the product temperature at ${TBC} points. Chilled goods must be at or below ${TBC} °C, frozen goods at or below ${TBC} °C.`),
    step('Inspect every pallet: packaging intact, labels legible, no damage, leaks, pests or foreign matter, shelf life as specified.'),
    step('Check that a certificate of analysis came with each lot that needs one and give it to quality assurance.'),
    step('Label each lot with a quarantine label showing the material, lot number, date received and receiving log entry, and move it to the quarantine area.'),
    step('Quality assurance reviews the certificate, samples per the sampling plan where required, and releases or rejects the lot.', {
      substeps: ['Released: replace the quarantine label with a released label and move the lot to storage.', 'Rejected: apply a rejected label, keep the lot apart, and tell purchasing to arrange the return.'],
    }),
    step('Complete the receiving log entry for each lot and file the delivery note with it.'),
  ],
  records: [
    { name: 'Receiving log (supplier, material, lot, quantity, temperature, inspection result, who)', retention: TBC },
    { name: 'Certificates of analysis', retention: TBC },
    { name: 'Rejection and return records', retention: TBC },
  ],
  references: [
    cite('ISO9001', '8.4', 'Materials are accepted only from approved suppliers and checked against the order and specification.'),
    cite('ISO9001', '8.5.2', 'Each lot is labelled with its lot number and status so it can be traced.'),
    cite('ISO9001', '8.7', 'Nonconforming deliveries are labelled rejected and kept apart.'),
    cite('HACCP', 'HACCP-P4', 'The temperature of chilled and frozen goods is measured and recorded at receipt.'),
    cite('29CFR1910', 'Subpart N', 'Unloading with forklifts and pallet jacks.'),
  ],
  revisionHistory: [],
};

export const LINE_CLEARANCE: TSopContent = {
  titleBlock: { title: 'Line clearance before a batch or product changeover', ...blank },
  purpose: 'To make sure that nothing from the previous batch — product, components, labels, printed packaging or documents — remains on the line before the next batch starts, so that no mix-up reaches a customer.',
  scope: 'Applies to every packaging and production line at the end of each batch, at every product or strength changeover, and after maintenance on the line.',
  responsibilities: [
    { role: 'Line operator', duties: 'Clears and cleans the line and completes the checklist.' },
    { role: 'Line supervisor', duties: 'Verifies the clearance as the second person before the line is handed to quality assurance.' },
    { role: 'Quality assurance', duties: 'Checks the clearance and signs the release before the next batch starts.' },
  ],
  definitions: [
    { term: 'Line clearance', definition: 'The documented check that a line is free of materials and documents of the previous batch.' },
    { term: 'Changeover', definition: 'Switching a line from one product, strength, allergen profile or pack size to another.' },
  ],
  materialsAndEquipment: ['Line clearance checklist for the line', 'Flashlight and inspection mirror', 'Waste and reconciliation containers', 'Lockout locks and tags'],
  healthAndSafety: {
    cautions: [
      warning('Guards must stay on while the line runs. Lock out the line before opening guards or reaching into feeders, tracks or conveyors.'),
      note('Materials found during the clearance are never put back into stock without quality assurance\'s decision.'),
    ],
    ppe: ['Safety glasses', 'Cut-resistant gloves when handling blades or cartons'],
  },
  procedure: [
    step(`Stop the line and reconcile the previous batch: count finished goods, rejects and unused components and labels; record any difference over ${TBC} for investigation.`),
    step('Remove all product, components, labels, printed packaging and documents of the previous batch from the line and the area.'),
    step('Lock out the line, then open guards and inspect feeders, hoppers, tracks, conveyors, reject bins and the floor under the line with a flashlight.', {
      callouts: [warning('Do not open guards or reach into the line until it is locked out and the lockout is verified.')],
    }),
    step(`Clean the line as required for the next product (allergen changeovers: the full clean of ${TBC}).`),
    step('Remove the locks and tags, then complete the checklist and sign it.'),
    step('The line supervisor repeats the inspection as second person and signs the checklist.'),
    step('Quality assurance checks the line, the checklist and the materials issued for the next batch, and signs the release.', {
      substeps: ['If anything from the previous batch is found, the clearance fails: clear it again from step 2 and record it as a deviation.'],
    }),
    step('Only after the release, bring in the materials for the next batch and start it.'),
  ],
  records: [
    { name: 'Line clearance checklist, signed by operator, supervisor and QA', retention: TBC },
    { name: 'Batch reconciliation', retention: TBC },
  ],
  references: [
    cite('ISO9001', '8.5.2', 'Clearance keeps products and labels identified and prevents mix-ups between batches.'),
    cite('ISO9001', '8.5', 'The line is released for production only after a documented check.'),
    cite('HACCP', 'HACCP-P1', 'Allergen changeovers address the cross-contact hazard identified in the hazard analysis.'),
    cite('29CFR1910', 'Subpart J', 'Lockout/tagout before guards are opened.'),
    cite('29CFR1910', 'Subpart O', 'Machine guards are refitted before the line runs.'),
  ],
  revisionHistory: [],
};

export const EQUIPMENT_CLEANING: TSopContent = {
  titleBlock: { title: 'Cleaning of process equipment', ...blank },
  purpose: 'To clean process equipment between batches so that residues of product, detergent and microorganisms stay below the accepted limits and the equipment\'s clean status is always known.',
  scope: `Applies to the process equipment listed in ${TBC} (vessels, mixers, filling parts, tools) after each batch, at product changeover and when the clean hold time has expired.`,
  responsibilities: [
    { role: 'Production operator', duties: 'Cleans the equipment as written and labels it with its status.' },
    { role: 'Production supervisor', duties: 'Checks the cleaning record and the visual inspection.' },
    { role: 'Quality control', duties: 'Takes and tests swab or rinse samples where required, and approves the equipment for use.' },
  ],
  definitions: [
    { term: 'Dirty hold time', definition: 'The longest time equipment may wait between use and cleaning.' },
    { term: 'Clean hold time', definition: 'The longest time cleaned equipment may wait before use without cleaning again.' },
    { term: 'Status label', definition: 'The label on the equipment saying "Dirty", "Clean" or "In use", with the date, the batch and who applied it.' },
  ],
  materialsAndEquipment: [`Cleaning agent: ${TBC}`, 'Purified water', 'Non-shedding brushes and wipes', 'Swab kits or rinse sample containers', 'Status labels', 'Equipment cleaning log'],
  healthAndSafety: {
    cautions: [
      warning('Lock out mixers, agitators and pumps before opening or disassembling them.'),
      caution('Cleaning agents can burn skin and eyes; handle them as their safety data sheet says.'),
      caution('Hot water and steam cause burns; let equipment cool to a safe temperature before touching it.'),
    ],
    ppe: ['Chemical-resistant gloves', 'Safety goggles', 'Apron'],
  },
  procedure: [
    step(`Check that the dirty hold time (${TBC} hours) has not been exceeded; if it has, record it and inform the supervisor.`),
    step('Label the equipment "Dirty" with the batch number as soon as the batch ends.'),
    step('Lock out the equipment and disassemble the parts listed on its cleaning card.', {
      callouts: [warning('Never open a vessel or reach into a mixer until the lockout is in place and verified.')],
    }),
    step('Pre-rinse with purified water to remove loose product.'),
    step(`Wash with the cleaning agent at ${TBC} concentration and ${TBC} °C, brushing all product-contact surfaces, gaskets and valves.`, {
      callouts: [caution('Wear goggles and gloves; add concentrate to water, never water to concentrate.')],
    }),
    step('Rinse with purified water until the rinse water runs clear and free of foam.'),
    step('Inspect every product-contact surface with a flashlight: no visible residue, stains or water pools. Clean again if any are found.'),
    step(`Where the cleaning card requires it, take swab or rinse samples at the listed locations for quality control (limit: ${TBC}).`),
    step('Dry the parts, reassemble, remove the lockout, and label the equipment "Clean" with date, time and your initials.'),
    step(`Record the clean in the equipment cleaning log. Equipment not used within the clean hold time (${TBC} hours) is cleaned again before use.`),
  ],
  records: [
    { name: 'Equipment cleaning log', retention: TBC },
    { name: 'Swab and rinse sample results', retention: TBC },
  ],
  references: [
    cite('ISO9001', '7.1.3', 'Process equipment is maintained in a clean state fit for use.'),
    cite('ISO9001', '7.1.4', 'Cleaning controls the environment in which product is made.'),
    cite('ISO9001', '7.5.3', 'Cleaning logs and status labels show the equipment\'s status at all times.'),
    cite('29CFR1910', 'Subpart J', 'Lockout/tagout before disassembly.'),
    cite('29CFR1910', 'Subpart Z', 'Cleaning agents are handled with their safety data sheets.'),
  ],
  revisionHistory: [],
};

export const COLD_STORAGE: TSopContent = {
  titleBlock: { title: 'Temperature monitoring of cold storage', ...blank },
  purpose: 'To keep temperature-sensitive products (food, medicines, vaccines, reagents) within their storage range, and to act at once when a fridge, freezer or cold room leaves it.',
  scope: `Applies to every refrigerator, freezer and cold room listed in ${TBC}, at all times including weekends and closures.`,
  responsibilities: [
    { role: 'Storage area staff', duties: 'Read and record the temperatures at the set times and respond to alarms.' },
    { role: 'Area supervisor', duties: 'Reviews the records weekly and organizes repairs.' },
    { role: 'Quality assurance', duties: 'Decides what happens to product exposed to a temperature excursion.' },
  ],
  definitions: [
    { term: 'Excursion', definition: 'Any reading outside the unit\'s set range.' },
    { term: 'Min/max reading', definition: 'The lowest and highest temperature since the thermometer was last reset.' },
  ],
  materialsAndEquipment: ['Calibrated min/max thermometer or data logger in each unit', 'Temperature log for each unit', 'Quarantine labels'],
  healthAndSafety: {
    cautions: [caution('Cold rooms and freezers can cause cold injury; wear insulated gloves for long work inside and check the inside door release works.')],
    ppe: ['Insulated gloves for work inside freezers and cold rooms'],
  },
  procedure: [
    step(`Read the current, minimum and maximum temperatures of each unit at ${TBC} (at least twice a day), record them with your initials, and reset the min/max.`),
    step(`Compare each reading with the unit's range (refrigerators: ${TBC} °C to ${TBC} °C; freezers: at or below ${TBC} °C).`),
    step('If any reading is outside the range:', {
      substeps: [
        'Keep the door closed, check the power supply and the door seal, and read the thermometer again after 30 minutes.',
        'If it is still outside the range, move the product to a unit within range and label it "Quarantine — temperature excursion".',
        'Record the excursion: unit, readings, duration if known, product affected, and what you did.',
        'Inform quality assurance, who decides whether the product may be used.',
      ],
    }),
    step('Respond to an alarm within the time set for the unit, including outside working hours, following the same steps.'),
    step('The supervisor reviews and signs the logs each week and requests repair of any unit with repeated excursions.'),
  ],
  records: [
    { name: 'Temperature log of each unit', retention: TBC },
    { name: 'Excursion records and quality decisions', retention: TBC },
  ],
  references: [
    cite('HACCP', 'HACCP-P3', 'Each unit has a set temperature range as its critical limit.'),
    cite('HACCP', 'HACCP-P4', 'Temperatures are read and recorded at set times.'),
    cite('HACCP', 'HACCP-P5', 'An excursion has a set response: move, quarantine, record and decide.'),
    cite('ISO9001', '8.5.4', 'Products are preserved at their required storage conditions.'),
    cite('ISO9001', '7.1.5', 'The thermometers and loggers used are calibrated.'),
  ],
  revisionHistory: [],
};
