import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'SOC2',
  family: 'SOC2',
  name: 'SOC 2 — AICPA Trust Services Criteria (2017)',
  shortName: 'SOC 2',
  version: '',
  category: 'Security and privacy',
  publisher: 'AICPA',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
