import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'ISO27001',
  family: 'ISO27001',
  name: 'ISO/IEC 27001:2022 — Information security management systems',
  shortName: 'ISO/IEC 27001',
  version: '',
  category: 'Security and privacy',
  publisher: 'ISO/IEC',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
