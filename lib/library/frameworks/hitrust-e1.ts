import type { Framework } from '../types';

// No clause ids shipped: HITRUST publishes what the e1 is (https://hitrustalliance.net/advisories/haa-2023-004-e1-assessment-introduction)
// but not a public list of its requirement statement ids; those live in the licensed HITRUST CSF and MyCSF.
export const framework: Framework = {
  code: 'HITRUST-E1',
  family: 'HITRUST',
  name: 'HITRUST CSF e1 — essentials assessment',
  shortName: 'HITRUST e1',
  version: 'HITRUST CSF v11 (e1, 1-year)',
  category: 'Security and privacy',
  publisher: 'HITRUST Alliance',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'HITRUST Alliance, HAA 2023-004: e1 Assessment Introduction', url: 'https://hitrustalliance.net/advisories/haa-2023-004-e1-assessment-introduction' },
  coverage: 'unsourced',
  coverageNote:
    'The e1 is HITRUST’s essentials, 1-year assessment: a fixed, threat-adaptive set of foundational cybersecurity requirement statements (44 in CSF v11) taken from the HITRUST CSF. The CSF and its requirement ids are licensed and no public source lists them, so none are shipped. An organization can still follow the e1 and cite its SOPs against it at SOP level, then map requirement ids from its own HITRUST MyCSF export.',
  clauses: [],
};
