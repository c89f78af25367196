import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'HITRUST-I1',
  family: 'HITRUST',
  name: 'HITRUST CSF i1 — implemented assessment',
  shortName: 'HITRUST i1',
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
