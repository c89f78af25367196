import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '21CFR211',
  family: '21CFR211',
  name: '21 CFR Parts 210 and 211 — Current good manufacturing practice for finished pharmaceuticals',
  shortName: '21 CFR 210/211',
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
