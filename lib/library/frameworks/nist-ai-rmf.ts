import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'NIST-AI-RMF',
  family: 'NIST-AI-RMF',
  name: 'NIST AI Risk Management Framework 1.0',
  shortName: 'NIST AI RMF',
  version: '',
  category: 'AI governance',
  publisher: 'National Institute of Standards and Technology',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
