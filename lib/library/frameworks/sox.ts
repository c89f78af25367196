import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'SOX',
  family: 'SOX',
  name: 'Sarbanes-Oxley Act of 2002',
  shortName: 'SOX',
  version: '',
  category: 'Finance',
  publisher: 'U.S. Congress',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
