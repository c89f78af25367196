import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'FDA-FOOD-CODE',
  family: 'FDA-FOOD-CODE',
  name: 'FDA Food Code',
  shortName: 'FDA Food Code',
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
