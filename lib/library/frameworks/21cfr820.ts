import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '21CFR820',
  family: '21CFR820',
  name: '21 CFR Part 820 — Quality Management System Regulation (QMSR)',
  shortName: '21 CFR 820 (QMSR)',
  version: '',
  category: 'Life sciences',
  publisher: 'U.S. Food and Drug Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
