/**
 * A realistic SOP export document for tests, previews and the export benchmark: the offline
 * drafter's output for a dairy CIP procedure, enlarged to any number of steps with sub-steps,
 * sub-sub-steps and callouts. Deterministic for a given set of options.
 */
import { draftOffline } from '@/lib/ai/offline-drafter';
import type { TStep } from '@/lib/sops/content';
import type { ExportDocument, ExportSignature, PageSize } from './types';

const NOTES = `1. Operator puts on gloves, hairnet, safety glasses and face shield before entering the CIP room.
2. Drain the HTST pasteurizer and rinse with potable water until the rinse runs clear.
   a) Check the drain valve is open and the balance tank is empty.
   b) Record the rinse start time on the CIP log.
Caution: caustic detergent burns skin and eyes.
3. Run CIP with alkaline detergent at 75 °C for 20 minutes.
   a) Verify the supply temperature on the chart recorder every 5 minutes.
Warning: do not open any valve or inspection port while the CIP circuit is hot and pressurized.
4. Rinse, then run the acid wash at 65 °C for 15 minutes.
5. Verify sanitizer strength 200 ppm with test strips and record on the CIP log.
Note: QA reviews the CIP log daily and opens a CAPA for any out-of-limit result.
6. Supervisor signs the sanitation checklist and releases the line to production.`;

const ACTIONS = [
  'Confirm the previous step is recorded on the CIP log with the time and the operator initials',
  'Check the flow rate on the CIP supply meter is at least 1.5 m/s in every circuit',
  'Inspect the gaskets of the plate heat exchanger for cracks, swelling or residue',
  'Take an ATP swab from the holding tube outlet and record the reading',
  'Verify the conductivity of the return line matches the detergent concentration set point',
  'Drain the circuit fully and confirm no detergent remains at the low points',
  'Record the chart recorder trace number against the batch on the CIP log',
  'Notify the supervisor of any reading outside the limits before continuing',
];

const SUB_ACTIONS = [
  'Read the value from the calibrated instrument and write it down immediately',
  'Compare it with the limit in the CIP parameters table',
  'If the value is outside the limit, stop and follow the deviation procedure',
];

const CALLOUTS: TStep['callouts'] = [
  { kind: 'caution', text: 'Hot detergent solution: keep the inspection ports closed until the circuit has cooled below 40 °C.' },
  { kind: 'note', text: 'A reading taken from an instrument past its calibration due date is not valid; use the spare instrument and tag the faulty one.' },
  { kind: 'warning', text: 'Lockout/tagout the supply pump before opening the circuit. Stored pressure can eject hot liquid.' },
];

/** Enlarges a procedure to `count` top-level steps: each new step gets `substeps` sub-steps, every other one sub-sub-steps, every third a callout. */
export function enlargeProcedure(base: TStep[], count: number, substeps = 2): TStep[] {
  const out: TStep[] = base.map((s) => structuredClone(s));
  for (let i = out.length; i < count; i++) {
    const n = i + 1;
    const sub = (j: number): TStep => ({
      text: `${SUB_ACTIONS[(i + j) % SUB_ACTIONS.length]} (step ${n}, check ${j + 1}).`,
      callouts: [],
      substeps:
        i % 2 === 0 && j === 0
          ? [
              { text: `Record the reading for step ${n} on the CIP log, with the instrument ID.`, callouts: [], substeps: [] },
              { text: `Initial and date the entry for step ${n}.`, callouts: [], substeps: [] },
            ]
          : [],
    });
    out.push({
      text: `${ACTIONS[i % ACTIONS.length]} (step ${n}).`,
      callouts: i % 3 === 0 ? [CALLOUTS[(i / 3) % CALLOUTS.length]!] : [],
      substeps: Array.from({ length: substeps }, (_, j) => sub(j)),
    });
  }
  return out;
}

export interface SampleOptions {
  /** Top-level procedure steps (the schema allows up to 200). */
  steps?: number;
  /** Sub-steps of each added step. */
  substeps?: number;
  /** true: an effective version with its signatures (the default); false: a draft never submitted. */
  approved?: boolean;
  pageSize?: PageSize;
}

const HASH = '3f1c9a5e0b7d2c4f6a8e1b3d5f7091a2c4e6f8a0b2d4f6e8091a3c5e7f9b1d3a';

export function sampleExportDocument({ steps = 12, substeps = 2, approved = true, pageSize = 'A4' }: SampleOptions = {}): ExportDocument {
  const content = draftOffline(
    { title: 'Clean and sanitize the HTST pasteurizer', processDescription: NOTES, industry: 'Dairy', department: 'Production', frameworks: ['HACCP', '29CFR1910', 'ISO9001', '21CFR11'] },
    new Date('2026-11-22T00:00:00Z'),
  );
  content.titleBlock.documentNumber = 'SOP-PRD-014';
  content.procedure = enlargeProcedure(content.procedure, steps, substeps);
  const signature = (meaning: ExportSignature['meaning'], name: string, email: string, signedAt: string, method = 'password'): ExportSignature => ({ meaning, name, email, signedAt, status: 'valid', method, comment: '' });
  return {
    org: { name: 'Northfield Dairy Co-operative', footerText: 'Uncontrolled when printed. Verify the current version in SOPwright before use.', pageSize },
    sop: { documentNumber: 'SOP-PRD-014', title: 'Clean and sanitize the HTST pasteurizer', department: 'Production', owner: 'Dana Whitfield (QA Manager)' },
    version: {
      label: approved ? '3.0' : '0.7',
      state: approved ? 'effective' : 'draft',
      createdAt: '2026-11-20T09:15:00Z',
      authorName: 'Sam Okafor',
      changeSummary: 'Added acid wash step, ATP swab verification and the lockout/tagout warning before opening the circuit.',
      reasonForChange: approved ? 'CAPA-2026-031: ATP swab results out of limit after the acid wash was skipped.' : '',
      effectiveAt: approved ? '2026-12-01T06:00:00Z' : null,
      effectiveFrom: approved ? '2026-12-01T06:00:00Z' : null,
      endedAt: null,
      endedReason: '',
      contentHash: approved ? HASH : '',
    },
    signatures: approved
      ? [
          signature('authored', 'Sam Okafor', 'sam.okafor@northfield.example', '2026-11-20T09:20:00Z'),
          signature('reviewed', 'Priya Raman', 'priya.raman@northfield.example', '2026-11-21T14:03:00Z'),
          signature('approved', 'Dana Whitfield', 'dana.whitfield@northfield.example', '2026-11-22T08:47:00Z', 'password+totp'),
        ]
      : [],
    earlierRoundSignatures: 0,
    revisions: [
      { version: '1.0', date: '2024-03-04', author: 'Sam Okafor', change: 'First issue.' },
      { version: '2.0', date: '2025-06-17', author: 'Sam Okafor', change: 'Sanitizer strength check moved before release; records retention aligned with the retention schedule.' },
      approved
        ? { version: '3.0', date: '2026-12-01', author: 'Sam Okafor', change: 'CAPA-2026-031: ATP swab results out of limit after the acid wash was skipped.' }
        : { version: '0.7 (draft)', date: 'Not yet effective', author: 'Sam Okafor', change: 'Added acid wash step, ATP swab verification and the lockout/tagout warning.' },
    ],
    content,
  };
}
