import type { Framework } from '../types';

// Ids from the reference set's QMSR list, read from an eCFR-derived table
// (https://www.pawtectors.org/openregs/cfr_sections.json?part_number=820&title_number=21), a govinfo-XML
// conversion of CFR-2025-title21-vol8 (github:henry-1981/Cowork-RA, part-820-qmsr.md) and two
// third-party QMSR summaries citing ecfr.gov and FR doc 2025-21955. Reserved sections
// (820.5, 820.20–820.30, 820.40) and reserved Subparts C–O are not citable and are not shipped.
export const framework: Framework = {
  code: '21CFR820',
  family: '21CFR820',
  name: '21 CFR Part 820 — Quality Management System Regulation (QMSR)',
  shortName: '21 CFR 820 (QMSR)',
  version: 'QMSR, in effect from 2 February 2026',
  category: 'Life sciences',
  publisher: 'U.S. Food and Drug Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: 'eCFR, Title 21, Chapter I, Subchapter H, Part 820 (QMSR), via an eCFR-derived section table', url: 'https://www.pawtectors.org/openregs/cfr_sections.json?part_number=820&title_number=21' },
  coverage: 'complete',
  coverageNote:
    'Every non-reserved QMSR section: 820.1, 820.3, 820.7, 820.10, 820.35 and 820.45. Most QMSR requirements come from ISO 13485:2016, incorporated by reference in 820.7 — map those clauses with the ISO 13485 framework. Old QSR ids such as 820.30 or 820.198 belong to the superseded 1996 QSR (21CFR820-QSR), not to this edition. The heading of Subpart B was not read in an official copy; its title here is our own description.',
  reference: { framework: /^21 CFR Part 820\b/ },
  clauses: [
    { id: 'Subpart A', title: 'General provisions', group: true },
    { id: '820.1', title: 'Scope', keywords: ['medical device', 'finished device'] },
    { id: '820.3', title: 'Definitions' },
    { id: '820.7', title: 'Incorporation by reference (ISO 13485:2016)', keywords: ['iso 13485'] },
    { id: '820.10', title: 'Requirements for a quality management system', keywords: ['quality management system', 'qms', 'iso 13485', 'design control', 'capa', 'management review', 'device history'] },
    { id: 'Subpart B', title: 'Records and labeling controls (Subpart B)', group: true },
    { id: '820.35', title: 'Control of records', keywords: ['complaint record', 'servicing record', 'record control', 'udi', 'unique device identifier', 'confidential'] },
    { id: '820.45', title: 'Device labeling and packaging controls', keywords: ['device label', 'labeling', 'packaging', 'label inspection', 'label mix-up'] },
  ],
};
