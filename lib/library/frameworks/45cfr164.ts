import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '45CFR164',
  family: '45CFR164',
  name: '45 CFR Part 164 Subpart C — HIPAA Security Rule',
  shortName: 'HIPAA Security Rule',
  version: '',
  category: 'Healthcare',
  publisher: 'U.S. Department of Health and Human Services',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
