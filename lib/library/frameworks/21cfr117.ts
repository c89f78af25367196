import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '21CFR117',
  family: '21CFR117',
  name: '21 CFR Part 117 — FSMA preventive controls for human food',
  shortName: '21 CFR 117',
  version: '',
  category: 'Food safety',
  publisher: 'U.S. Food and Drug Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
