import type { Framework } from '../types';
import { framework as nist800171r2 } from './nist-800-171-r2';

// 32 CFR 170.14(c)(3): "The security requirements in CMMC Level 2 are identical to the
// requirements in NIST SP 800-171 R2"; 170.14(c)(1) numbers them DD.L#-REQ, where REQ is the
// 800-171 R2 requirement number (seen at https://law.lawstack.com/cfr/32/170.14/, an eCFR copy,
// and https://www.lexfed.com/cfr/32/a/i/g/170/d/170-14). The DoD CIO's CMMC Assessment Guide –
// Level 2 (v2.13, September 2024) assesses against the same requirements. So the clauses are the
// 800-171 Rev 2 ones, cited by their 800-171 number.
export const framework: Framework = {
  code: 'CMMC-L2',
  family: 'CMMC-L2',
  name: 'CMMC Level 2 — Cybersecurity Maturity Model Certification',
  shortName: 'CMMC Level 2',
  version: 'CMMC 2.0 (32 CFR Part 170, 2024): NIST SP 800-171 Revision 2 requirements',
  category: 'Security and privacy',
  publisher: 'U.S. Department of Defense',
  status: 'current',
  text: 'public-domain',
  source: {
    name: '32 CFR 170.14 (CMMC Model): Level 2 = the NIST SP 800-171 R2 requirements',
    url: 'https://www.ecfr.gov/current/title-32/section-170.14',
  },
  coverage: 'complete',
  coverageNote:
    'All 110 Level 2 security requirements, under the 14 NIST SP 800-171 Rev 2 families. They are cited by their 800-171 Rev 2 number (3.1.1); CMMC writes the same requirement as AC.L2-3.1.1 (domain, level, 800-171 number). Level 1 (FAR 52.204-21) and Level 3 (SP 800-172) are not included.',
  reference: { framework: /^NIST SP 800-171\b/, version: /^Revision 2\b/ },
  clauses: nist800171r2.clauses,
};
