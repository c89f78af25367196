import type { Framework } from '../types';

// Placeholder until its clauses are sourced: ships no clause ids.
export const framework: Framework = {
  code: 'IATF16949',
  family: 'IATF16949',
  name: 'IATF 16949:2016 — Automotive quality management systems',
  shortName: 'IATF 16949',
  version: '',
  category: 'Quality',
  publisher: 'International Automotive Task Force',
  status: 'current',
  text: 'copyrighted',
  source: { name: '', url: '' },
  coverage: 'unsourced',
  coverageNote: 'No clause ids are shipped yet.',
  clauses: [],
};
