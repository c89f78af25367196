import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'GDPR',
  family: 'GDPR',
  name: 'GDPR — Regulation (EU) 2016/679',
  shortName: 'GDPR',
  version: '',
  category: 'Security and privacy',
  publisher: 'European Parliament and Council of the EU',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
