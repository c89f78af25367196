import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'ISO45001',
  family: 'ISO45001',
  name: 'ISO 45001:2018 — Occupational health and safety management systems',
  shortName: 'ISO 45001',
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
