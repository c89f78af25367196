import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'NIST-800-171-R2',
  family: 'NIST-800-171',
  name: 'NIST SP 800-171 Revision 2 — Protecting CUI in nonfederal systems (superseded by Revision 3)',
  shortName: 'NIST SP 800-171 r2',
  version: '',
  category: 'Security and privacy',
  publisher: 'National Institute of Standards and Technology',
  status: 'superseded',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
