import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'AS9100',
  family: 'AS9100',
  name: 'AS9100D — Quality management systems for aviation, space and defense',
  shortName: 'AS9100D',
  version: '',
  category: 'Quality',
  publisher: 'SAE International / IAQG',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
