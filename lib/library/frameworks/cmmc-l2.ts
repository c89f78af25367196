import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'CMMC-L2',
  family: 'CMMC-L2',
  name: 'CMMC Level 2 — Cybersecurity Maturity Model Certification',
  shortName: 'CMMC Level 2',
  version: '',
  category: 'Security and privacy',
  publisher: 'U.S. Department of Defense',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
