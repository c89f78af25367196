import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'SQF',
  family: 'SQF',
  name: 'SQF Food Safety Code',
  shortName: 'SQF',
  version: '',
  category: 'Food safety',
  publisher: 'SQF Institute',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
