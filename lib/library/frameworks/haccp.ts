import type { Framework } from '../types';

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
  coverage: 'partial',
  coverageNote: 'The seven principles. The ids HACCP-P1…P7 are SOPwright\'s labels for Codex\'s numbered principles.',
  reference: { framework: /^HACCP\b/ },
  clauses: [
    { id: 'HACCP-P1', title: 'Conduct a hazard analysis', keywords: ['hazard', 'allergen', 'contamina', 'pathogen'] },
    { id: 'HACCP-P2', title: 'Determine the critical control points', keywords: ['ccp', 'critical control'] },
    { id: 'HACCP-P3', title: 'Establish critical limits', keywords: ['limit', 'temperature', '°c', 'minimum', 'maximum'] },
    { id: 'HACCP-P4', title: 'Establish a system to monitor control of each CCP', keywords: ['monitor', 'ccp', 'thermometer', 'metal detector', 'every 2 hours', 'every 30 minutes'] },
    { id: 'HACCP-P5', title: 'Establish corrective actions when a CCP is not under control', keywords: ['corrective', 'deviation', 'discard', 'disposal', 'hold', 'reject'] },
    { id: 'HACCP-P6', title: 'Establish verification procedures', keywords: ['verif', 'calibrat', 'review', 'ice-point', 'atp swab', 'test piece'] },
    { id: 'HACCP-P7', title: 'Establish documentation and record keeping', keywords: ['record', 'log', 'document'] },
  ],
};
