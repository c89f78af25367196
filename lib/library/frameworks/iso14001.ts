import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'ISO14001',
  family: 'ISO14001',
  name: 'ISO 14001:2015 — Environmental management systems',
  shortName: 'ISO 14001',
  version: '',
  category: 'Health and safety',
  publisher: 'International Organization for Standardization',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
