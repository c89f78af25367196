import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: '42CFR482',
  family: '42CFR482',
  name: '42 CFR Part 482 — CMS Conditions of Participation for hospitals',
  shortName: '42 CFR 482',
  version: '',
  category: 'Healthcare',
  publisher: 'Centers for Medicare & Medicaid Services',
  status: 'current',
  text: 'public-domain',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
