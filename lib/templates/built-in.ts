/**
 * The built-in templates every organization can start an SOP from. They are code, not rows:
 * their ids ("builtin:<key>") are stable across releases, and changing one here changes no SOP
 * already made from it (an SOP copies the content). tests/unit/templates.test.ts checks that
 * each passes the content schema and cites only clauses of the library, each with a reason.
 */
import type { TSopContent } from '@/lib/sops/content';
import { COLD_STORAGE, EQUIPMENT_CLEANING, LINE_CLEARANCE, RECEIVING, SANITATION } from './built-in-operations';
import { BALANCE_CHECK, CALIBRATION, CAPA, DEVIATION, TRAINING } from './built-in-quality';

export const BUILT_IN_PREFIX = 'builtin:';

export interface BuiltInTemplate {
  key: string;
  name: string;
  industry: string;
  description: string;
  content: TSopContent;
}

const FOOD = 'Food';
const GMP = 'Life sciences and manufacturing';
const ANY = 'Any regulated industry';

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  { key: 'sanitation', name: 'Sanitation', industry: FOOD, description: 'Clean and sanitize food-contact surfaces after a run: lockout, wash, sanitizer strength check, ATP swabs before start-up.', content: SANITATION },
  { key: 'receiving', name: 'Receiving', industry: ANY, description: 'Check deliveries against the order, inspect and measure temperatures, quarantine, then release or reject each lot.', content: RECEIVING },
  { key: 'calibration', name: 'Calibration', industry: GMP, description: 'Calibrate measuring equipment against traceable standards, with as-found/as-left results and out-of-tolerance impact checks.', content: CALIBRATION },
  { key: 'deviation-handling', name: 'Deviation handling', industry: GMP, description: 'Contain, record, classify and investigate unplanned deviations, decide on the product and close on time.', content: DEVIATION },
  { key: 'capa', name: 'CAPA', industry: ANY, description: 'Corrective and preventive actions: problem statement, root cause, approved plan, evidence and effectiveness check.', content: CAPA },
  { key: 'training', name: 'Training', industry: ANY, description: 'Training plans from the role, read-and-understood, competence assessment, retraining on new major versions.', content: TRAINING },
  { key: 'line-clearance', name: 'Line clearance', industry: GMP, description: 'Clear a line of the previous batch before the next: reconcile, remove, inspect under lockout, second-person and QA release.', content: LINE_CLEARANCE },
  { key: 'equipment-cleaning', name: 'Equipment cleaning', industry: GMP, description: 'Clean process equipment between batches with dirty and clean hold times, visual inspection, swabs and status labels.', content: EQUIPMENT_CLEANING },
  { key: 'cold-storage', name: 'Cold storage monitoring', industry: 'Food, healthcare and laboratories', description: 'Read and record fridge, freezer and cold-room temperatures; act on excursions and quarantine exposed product.', content: COLD_STORAGE },
  { key: 'balance-check', name: 'Balance daily check', industry: 'Laboratories', description: 'Check a laboratory balance before use each day with calibrated check weights.', content: BALANCE_CHECK },
];

const byId = new Map(BUILT_IN_TEMPLATES.map((t) => [`${BUILT_IN_PREFIX}${t.key}`, t]));

/** The built-in template with this id ("builtin:receiving"), if there is one. */
export function builtInTemplate(id: string): BuiltInTemplate | undefined {
  return byId.get(id);
}

export const isBuiltInId = (id: string) => id.startsWith(BUILT_IN_PREFIX);
