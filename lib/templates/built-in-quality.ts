/**
 * Built-in templates for the quality system: calibration, deviation handling, CAPA, training
 * and the laboratory balance check. Values a site must set are written "[to be confirmed]";
 * every reference is a clause of the library (lib/library/frameworks.ts) with its reason.
 */
import type { TSopContent } from '@/lib/sops/content';
import { caution, cite, note, step, TBC } from './parts';

const blank = { documentNumber: '', department: '' };

export const CALIBRATION: TSopContent = {
  titleBlock: { title: 'Calibration of measuring and test equipment', ...blank },
  purpose: 'To make sure every instrument used to accept product or control a process measures within its tolerance, is traceable to national standards, and is not used when it is out of calibration.',
  scope: 'Applies to all measuring and test equipment on the calibration register (thermometers, balances, pressure gauges, pH meters, timers …), whether calibrated in-house or by an external laboratory.',
  responsibilities: [
    { role: 'Calibration technician', duties: 'Calibrates the instruments due, records as-found and as-left results, and labels them.' },
    { role: 'Equipment owner', duties: 'Makes the instrument available when due and stops using any instrument that is overdue or damaged.' },
    { role: 'Quality assurance', duties: 'Keeps the calibration register, approves external laboratories, and assesses the impact of every out-of-tolerance result.' },
  ],
  definitions: [
    { term: 'As-found', definition: 'The instrument\'s readings before any adjustment.' },
    { term: 'As-left', definition: 'The readings after adjustment, when the instrument is returned to use.' },
    { term: 'Tolerance', definition: 'The largest error allowed for the instrument, as set on the calibration register.' },
    { term: 'Traceable', definition: 'Linked to national or international standards through an unbroken chain of calibrations, each with a stated uncertainty.' },
  ],
  materialsAndEquipment: ['Reference standards with valid calibration certificates', 'Calibration register', 'Calibration record form', 'Calibration labels and "Out of service" labels'],
  healthAndSafety: {
    cautions: [caution('Release pressure from gauges and lines before removing them, and follow the instrument\'s own safety instructions.')],
    ppe: ['Safety glasses when working on pressurized or hot systems'],
  },
  procedure: [
    step(`Each month, list the instruments due in the next ${TBC} days from the calibration register and schedule them with their owners.`),
    step('Check that the reference standard is itself in calibration and that its uncertainty suits the instrument\'s tolerance.'),
    step(`Let the instrument and the standard settle in the test conditions (${TBC}) before measuring.`),
    step(`Record as-found readings at the test points on the register (at least ${TBC} points across the range in use).`, {
      callouts: [note('Record the as-found readings before touching any adjustment: they decide whether past results must be reviewed.')],
    }),
    step('Compare each reading with the tolerance.', {
      substeps: [
        'Within tolerance: go to step 7.',
        'Out of tolerance: label the instrument "Out of service", record it, and inform quality assurance at once.',
      ],
    }),
    step('Adjust the instrument where possible and record the as-left readings; an instrument that cannot be brought within tolerance is repaired or withdrawn.'),
    step('Apply a calibration label with the instrument id, date, next due date and your initials, and update the register.'),
    step('For an out-of-tolerance result, quality assurance assesses which product and measurements since the last good calibration are affected, and records the decision.'),
    step('For external calibration, check the certificate on return: instrument id, results, uncertainty, traceability and the laboratory\'s accreditation.'),
  ],
  records: [
    { name: 'Calibration register', retention: TBC },
    { name: 'Calibration records and external certificates', retention: TBC },
    { name: 'Out-of-tolerance impact assessments', retention: TBC },
  ],
  references: [
    cite('ISO9001', '7.1.5', 'Instruments are calibrated against traceable standards, identified with their status, and checked for impact when found out of tolerance.'),
    cite('ISO9001', '7.5.3', 'Calibration records and the register are controlled and retained.'),
    cite('ISO9001', '8.7', 'Product measured with an out-of-tolerance instrument is assessed as potentially nonconforming.'),
    cite('HACCP', 'HACCP-P6', 'Calibration of monitoring instruments is part of verifying the HACCP plan.'),
  ],
  revisionHistory: [],
};

export const DEVIATION: TSopContent = {
  titleBlock: { title: 'Deviation handling', ...blank },
  purpose: 'To record, assess and investigate every departure from an approved procedure, specification or plan, so that affected product is controlled and the cause is found and removed.',
  scope: 'Applies to unplanned deviations in production, testing, storage and distribution. Planned changes go through change control instead.',
  responsibilities: [
    { role: 'Person who finds the deviation', duties: 'Stops or contains the work when safe, tells the supervisor at once and records what happened.' },
    { role: 'Area supervisor', duties: 'Contains affected product and opens the deviation record.' },
    { role: 'Investigation owner', duties: 'Investigates the root cause and proposes corrective actions.' },
    { role: 'Quality assurance', duties: 'Classifies the deviation, approves the investigation and the product decision, and closes the record.' },
  ],
  definitions: [
    { term: 'Deviation', definition: 'An unplanned departure from an approved instruction, procedure, specification or limit.' },
    { term: 'Classification', definition: 'Minor, major or critical, by the potential effect on product quality, patient or consumer safety and compliance.' },
    { term: 'Root cause', definition: 'The underlying reason the deviation happened, which, if removed, prevents it happening again.' },
  ],
  materialsAndEquipment: ['Deviation form or electronic deviation log', 'Quarantine labels'],
  healthAndSafety: {
    cautions: [note('Safety first: never stop equipment or handle product in a way that puts people at risk in order to contain a deviation.')],
    ppe: ['As required for the area where the deviation happened'],
  },
  procedure: [
    step('When you see a deviation, stop or contain the work if it is safe to do so and tell your supervisor at once.'),
    step('Quarantine the affected product, materials or equipment and label them.'),
    step(`Open a deviation record within ${TBC} hours: what happened, when, where, which batches, who found it, and the immediate actions taken.`),
    step(`Quality assurance classifies the deviation (minor, major, critical) within ${TBC} working days and names the investigation owner.`),
    step('Investigate the root cause with a structured method (for example 5 Whys or a fishbone diagram) and record the evidence.', {
      substeps: ['Check whether other batches, lines or products could be affected.', 'Review earlier deviations for the same cause.'],
    }),
    step('Propose corrections and corrective actions; open a CAPA for major and critical deviations and for repeated causes.'),
    step('Quality assurance decides what happens to the affected product (release, rework, reject) and records the reason.'),
    step(`Close the deviation within ${TBC} days of opening; a longer investigation needs quality assurance's approved extension.`),
    step('Quality assurance trends deviations each month and reports them to management review.'),
  ],
  records: [
    { name: 'Deviation record with investigation and product decision', retention: TBC },
    { name: 'Deviation trend reports', retention: TBC },
  ],
  references: [
    cite('ISO9001', '8.7', 'Affected product is identified and controlled, and its disposition decided and recorded.'),
    cite('ISO9001', '10.2', 'Each deviation is investigated for its cause and corrected.'),
    cite('ISO9001', '9.3', 'Deviation trends are an input to management review.'),
    cite('ISO9001', '7.5.3', 'Deviation records are controlled and retained.'),
  ],
  revisionHistory: [],
};

export const CAPA: TSopContent = {
  titleBlock: { title: 'Corrective and preventive action (CAPA)', ...blank },
  purpose: 'To remove the causes of actual and potential nonconformities so that they do not recur or occur, and to check that the actions taken worked.',
  scope: 'Applies to CAPAs raised from deviations, complaints, audit findings, out-of-specification results, trends and management review.',
  responsibilities: [
    { role: 'CAPA owner', duties: 'Plans and carries out the actions by their due dates and provides the evidence.' },
    { role: 'Quality assurance', duties: 'Opens and tracks CAPAs, approves the plan, checks effectiveness and closes them.' },
    { role: 'Management', duties: 'Provides the resources and reviews overdue and ineffective CAPAs.' },
  ],
  definitions: [
    { term: 'Correction', definition: 'Action to fix a nonconformity found (for example reworking a batch).' },
    { term: 'Corrective action', definition: 'Action to remove the cause of a nonconformity so that it does not recur.' },
    { term: 'Preventive action', definition: 'Action to remove the cause of a potential nonconformity so that it does not occur.' },
    { term: 'Effectiveness check', definition: 'Evidence, gathered after the actions, that the problem has not come back.' },
  ],
  materialsAndEquipment: ['CAPA log', 'CAPA form'],
  healthAndSafety: { cautions: [], ppe: [] },
  procedure: [
    step('Raise the CAPA in the CAPA log with its source (deviation, complaint, audit, trend), a clear problem statement and its risk.'),
    step(`Quality assurance assigns an owner and a due date within ${TBC} working days, based on the risk.`),
    step('The owner confirms or completes the root cause analysis and writes the action plan: each action, who does it, by when, and how its effect will be measured.'),
    step('Quality assurance approves the plan before work starts.'),
    step('Carry out the actions and attach the evidence (changed documents, training records, equipment changes).', {
      substeps: ['A changed procedure or process goes through change control.', 'A due date can only move with quality assurance\'s approval and a reason.'],
    }),
    step(`Check effectiveness after ${TBC} (for example no recurrence in the next ${TBC} batches or months) and record the evidence.`),
    step('Quality assurance closes the CAPA when the effectiveness check passes; if it fails, the CAPA is reopened and the root cause reviewed.'),
    step('Report open, overdue and ineffective CAPAs to management review.'),
  ],
  records: [
    { name: 'CAPA log', retention: TBC },
    { name: 'CAPA forms with evidence and effectiveness checks', retention: TBC },
  ],
  references: [
    cite('ISO9001', '10.2', 'Causes of nonconformities are found and removed, and the effectiveness of the actions reviewed.'),
    cite('ISO9001', '6.1', 'Preventive actions address risks before they become nonconformities.'),
    cite('ISO9001', '9.3', 'CAPA status is an input to management review.'),
    cite('ISO9001', '7.5.3', 'CAPA records are controlled and retained.'),
  ],
  revisionHistory: [],
};

export const TRAINING: TSopContent = {
  titleBlock: { title: 'Training and qualification of personnel', ...blank },
  purpose: 'To make sure everyone is trained and qualified for their tasks before doing them alone, is retrained when procedures change, and that records prove it.',
  scope: 'Applies to all employees, temporary staff and contractors whose work affects product quality, safety or compliance.',
  responsibilities: [
    { role: 'Line manager', duties: 'Sets each person\'s training plan from their role, and does not let them work alone before they are qualified.' },
    { role: 'Trainer', duties: 'Is qualified on the task, delivers the training and assesses competence.' },
    { role: 'Trainee', duties: 'Completes the training and confirms they have read and understood each procedure.' },
    { role: 'Quality assurance', duties: 'Keeps the training matrix and records, and checks training is complete before a new procedure becomes effective.' },
  ],
  definitions: [
    { term: 'Training matrix', definition: 'The list of procedures and skills required for each role.' },
    { term: 'Qualified', definition: 'Trained and assessed as competent to do a task without supervision.' },
    { term: 'Read and understood', definition: 'The trainee\'s signed statement that they have read a procedure version and understood it.' },
  ],
  materialsAndEquipment: ['Training matrix', 'Training records', 'The current effective version of each procedure'],
  healthAndSafety: { cautions: [note('Safety training required for a role (for example lockout/tagout or forklift) is completed before any practical training on the floor.')], ppe: [] },
  procedure: [
    step('Before a person starts, the line manager sets their training plan from the training matrix for their role.'),
    step('Complete general induction: quality system, hygiene, safety and data integrity.'),
    step('For each procedure in the plan:', {
      substeps: [
        'The trainee reads the current effective version and signs it as read and understood.',
        'The trainer demonstrates the task, then supervises the trainee doing it.',
        `The trainer assesses competence (observation, questions or a test; pass mark ${TBC}) and records the result.`,
      ],
    }),
    step('Only when the assessment is passed does the line manager record the person as qualified for the task.'),
    step(`When a procedure gets a new major version, retrain everyone who uses it before it becomes effective, within ${TBC} days.`),
    step(`Review each person's training status every ${TBC} months and plan refresher training where required.`),
    step('Before someone is given access to an electronic records system, train them on its use, their password and their electronic signature.'),
  ],
  records: [
    { name: 'Training matrix', retention: TBC },
    { name: 'Training and read-and-understood records per person and procedure version', retention: TBC },
  ],
  references: [
    cite('ISO9001', '7.2', 'People are trained and assessed as competent for their tasks, with records as evidence.'),
    cite('ISO9001', '7.3', 'Induction makes people aware of the quality policy and their contribution.'),
    cite('ISO9001', '7.5.3', 'Training records are controlled and retained.'),
    cite('21CFR11', '11.10', 'Users of electronic record and signature systems are trained before they get access (11.10(i)).'),
  ],
  revisionHistory: [],
};

export const BALANCE_CHECK: TSopContent = {
  titleBlock: { title: 'Daily performance check of laboratory balances', ...blank },
  purpose: 'To confirm each working day, before use, that a laboratory balance weighs within its tolerance.',
  scope: 'Applies to every analytical and precision balance in the laboratory. Full calibration is done separately under the calibration procedure.',
  responsibilities: [
    { role: 'Analyst', duties: 'Performs and records the daily check before the first weighing of the day.' },
    { role: 'Laboratory supervisor', duties: 'Reviews the logbooks weekly and handles failed checks.' },
  ],
  definitions: [
    { term: 'Check weight', definition: 'A calibrated reference weight of known mass, used only for balance checks.' },
    { term: 'Levelling', definition: 'Setting the balance level with its feet until the bubble is centred.' },
  ],
  materialsAndEquipment: [`Calibrated check weights (${TBC})`, 'Forceps or gloves for handling weights', 'Balance logbook'],
  healthAndSafety: { cautions: [], ppe: ['Lab coat', 'Gloves'] },
  procedure: [
    step('Check that the balance\'s calibration label is in date; if not, do not use it and tell the supervisor.'),
    step('Check the level bubble and that the balance is clean and out of drafts; level and clean it if needed.'),
    step(`Switch it on and let it warm up for ${TBC} minutes, then run the internal adjustment if the balance has one.`),
    step('Tare the balance, place each check weight in the centre of the pan with forceps, and record the reading.', {
      callouts: [caution('Never touch check weights with bare hands: grease and moisture change their mass.')],
    }),
    step(`Compare each reading with the tolerance (${TBC}).`, {
      substeps: ['Pass: sign the logbook; the balance may be used.', 'Fail: label the balance "Out of service", record the result and inform the supervisor.'],
    }),
  ],
  records: [{ name: 'Balance logbook', retention: TBC }],
  references: [
    cite('ISO9001', '7.1.5', 'The balance is checked before use and its status shown.'),
    cite('ISO9001', '7.5.3', 'The logbook is kept as a controlled record.'),
  ],
  revisionHistory: [],
};
