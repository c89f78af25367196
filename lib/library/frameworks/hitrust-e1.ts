import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'HITRUST-E1',
  family: 'HITRUST',
  name: 'HITRUST CSF e1 — essentials assessment',
  shortName: 'HITRUST e1',
  version: '',
  category: 'Security and privacy',
  publisher: 'HITRUST Alliance',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
