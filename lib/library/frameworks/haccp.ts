import type { Framework } from '../types';

// Principles as numbered in the Codex HACCP annex, cross-referenced in ISO 22000:2018 Annex A, Table A.1
// (http://www.converter.com.tw/02_Food_Client/00_ISO22000/html2018_English/AnnexA_22000_2018.htm).
// The 12 application steps as listed at http://www.kafcc.net/en/haccp/info.php ("12 steps ... adopted by Codex"),
// the same Annex A table and http://www.haccp-guide.fr/en/stages_haccp1.htm. Titles are our own words.
// Steps 6–12 apply principles 1–7; they carry no keywords so the offline drafter cites the principle.
export const framework: Framework = {
  code: 'HACCP',
  family: 'HACCP',
  name: 'HACCP — Codex principles of hazard analysis and critical control points',
  shortName: 'HACCP',
  version: 'Codex CXC 1-1969',
  category: 'Food safety',
  publisher: 'Codex Alimentarius Commission (FAO/WHO)',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'Codex Alimentarius, General Principles of Food Hygiene (CXC 1-1969), HACCP system', url: 'https://www.fao.org/fao-who-codexalimentarius/codex-texts/list-standards/en/' },
  coverage: 'complete',
  coverageNote:
    'The seven principles and the twelve application steps. The ids HACCP-P1…P7 and HACCP-STEP-1…12 are SOPwright’s labels for Codex’s numbered principles and steps (Codex numbers them but gives them no citation code). Steps 6–12 apply principles 1–7, so a procedure citing a principle usually serves the matching step too. Titles are our own; the wording of the 2020/2022 Codex revision was not checked.',
  reference: { framework: /^HACCP\b/ },
  clauses: [
    { id: 'HACCP-P1', title: 'Conduct a hazard analysis', keywords: ['hazard', 'allergen', 'contamina', 'pathogen'] },
    { id: 'HACCP-P2', title: 'Determine the critical control points', keywords: ['ccp', 'critical control'] },
    { id: 'HACCP-P3', title: 'Establish critical limits', keywords: ['limit', 'temperature', '°c', 'minimum', 'maximum'] },
    { id: 'HACCP-P4', title: 'Establish a system to monitor control of each CCP', keywords: ['monitor', 'ccp', 'thermometer', 'metal detector', 'every 2 hours', 'every 30 minutes'] },
    { id: 'HACCP-P5', title: 'Establish corrective actions when a CCP is not under control', keywords: ['corrective', 'deviation', 'discard', 'disposal', 'hold', 'reject'] },
    { id: 'HACCP-P6', title: 'Establish verification procedures', keywords: ['verif', 'calibrat', 'review', 'ice-point', 'atp swab', 'test piece'] },
    { id: 'HACCP-P7', title: 'Establish documentation and record keeping', keywords: ['record', 'log', 'document'] },
    { id: 'HACCP-STEP-1', title: 'Step 1: Put together the HACCP team', keywords: ['haccp team'] },
    { id: 'HACCP-STEP-2', title: 'Step 2: Describe the product', keywords: ['product description', 'shelf life', 'shelf-life'] },
    { id: 'HACCP-STEP-3', title: 'Step 3: Identify how the product will be used and by whom', keywords: ['intended use', 'vulnerable consumer'] },
    { id: 'HACCP-STEP-4', title: 'Step 4: Draw the process flow diagram', keywords: ['flow diagram', 'process flow', 'flowchart', 'flow chart'] },
    { id: 'HACCP-STEP-5', title: 'Step 5: Check the flow diagram on site', keywords: ['walk-through', 'walkthrough', 'on-site verification'] },
    { id: 'HACCP-STEP-6', title: 'Step 6: List hazards, analyse them and consider control measures (principle 1)' },
    { id: 'HACCP-STEP-7', title: 'Step 7: Determine the CCPs (principle 2)' },
    { id: 'HACCP-STEP-8', title: 'Step 8: Set critical limits for each CCP (principle 3)' },
    { id: 'HACCP-STEP-9', title: 'Step 9: Set up monitoring for each CCP (principle 4)' },
    { id: 'HACCP-STEP-10', title: 'Step 10: Set corrective actions (principle 5)' },
    { id: 'HACCP-STEP-11', title: 'Step 11: Set verification procedures (principle 6)' },
    { id: 'HACCP-STEP-12', title: 'Step 12: Set up documentation and record keeping (principle 7)' },
  ],
};
