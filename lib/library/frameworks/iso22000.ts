import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'ISO22000',
  family: 'ISO22000',
  name: 'ISO 22000:2018 — Food safety management systems',
  shortName: 'ISO 22000',
  version: '',
  category: 'Food safety',
  publisher: 'International Organization for Standardization',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
