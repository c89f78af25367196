import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'TJC',
  family: 'TJC',
  name: 'The Joint Commission — hospital accreditation standards',
  shortName: 'Joint Commission',
  version: '',
  category: 'Healthcare',
  publisher: 'The Joint Commission',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
