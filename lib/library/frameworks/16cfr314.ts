import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '16CFR314',
  family: '16CFR314',
  name: '16 CFR Part 314 — GLBA Safeguards Rule',
  shortName: 'GLBA Safeguards Rule',
  version: '',
  category: 'Finance',
  publisher: 'U.S. Federal Trade Commission',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
