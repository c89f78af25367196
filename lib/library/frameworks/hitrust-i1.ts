import type { Framework } from '../types';

// No clause ids shipped: HITRUST publishes what the i1 is (https://hitrustalliance.net/faqs/hitrust-implemented-1-year-i1-validated-assessment-certification/)
// but not a public list of its requirement statement ids; those live in the licensed HITRUST CSF and MyCSF.
export const framework: Framework = {
  code: 'HITRUST-I1',
  family: 'HITRUST',
  name: 'HITRUST CSF i1 — implemented assessment',
  shortName: 'HITRUST i1',
  version: 'HITRUST CSF v11 (i1, 1-year)',
  category: 'Security and privacy',
  publisher: 'HITRUST Alliance',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'HITRUST Alliance, i1 Validated Assessment + Certification FAQs', url: 'https://hitrustalliance.net/faqs/hitrust-implemented-1-year-i1-validated-assessment-certification/' },
  coverage: 'unsourced',
  coverageNote:
    'The i1 is HITRUST’s implemented, 1-year assessment: a fixed, threat-adaptive set of leading-practice requirement statements (182 in CSF v11, including the e1’s) from the HITRUST CSF, scored on implementation only. The CSF and its requirement ids are licensed and no public source lists them, so none are shipped. An organization can still follow the i1 and cite its SOPs against it at SOP level, then map requirement ids from its own HITRUST MyCSF export.',
  clauses: [],
};
