import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '21CFR820-QSR',
  family: '21CFR820',
  name: '21 CFR Part 820 — Quality System Regulation (1996, superseded by the QMSR)',
  shortName: '21 CFR 820 (QSR)',
  version: '',
  category: 'Life sciences',
  publisher: 'U.S. Food and Drug Administration',
  status: 'superseded',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
