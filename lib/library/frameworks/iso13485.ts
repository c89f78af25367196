import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'ISO13485',
  family: 'ISO13485',
  name: 'ISO 13485:2016 — Medical devices quality management systems',
  shortName: 'ISO 13485',
  version: '',
  category: 'Life sciences',
  publisher: 'International Organization for Standardization',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
