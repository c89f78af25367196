import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'NIST-CSF',
  family: 'NIST-CSF',
  name: 'NIST Cybersecurity Framework 2.0',
  shortName: 'NIST CSF 2.0',
  version: '',
  category: 'Security and privacy',
  publisher: 'National Institute of Standards and Technology',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
