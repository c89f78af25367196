import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'PCI-DSS',
  family: 'PCI-DSS',
  name: 'PCI DSS v4.0.1 — Payment Card Industry Data Security Standard',
  shortName: 'PCI DSS',
  version: '',
  category: 'Finance',
  publisher: 'PCI Security Standards Council',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
