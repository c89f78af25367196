import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'ISO42001',
  family: 'ISO42001',
  name: 'ISO/IEC 42001:2023 — AI management systems',
  shortName: 'ISO/IEC 42001',
  version: '',
  category: 'AI governance',
  publisher: 'ISO/IEC',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
