import type { Framework } from '../types';

// Section ids and headings: Part 210 from FDA accessdata (21CFR210, 2012 and 2023 pages); Part 211
// Subparts A–G from the federal.elaws.us eCFR mirror table of contents (updated Nov 8, 2024,
// http://federal.elaws.us/cfr/21-cfr-part-211,-subpart-J), corroborated by FDA accessdata
// (CFRSearch.cfm?CFRPart=211). Subparts H–K, section by section, from public copies seen this session:
//   211.142, 211.150: telugugmp.com reproduction of the FDA table of contents (2020)
//   211.160, 211.204, 211.208: thepharmasolution.blogspot.com copies of Subparts I and K (2018)
//   211.165: https://www.eulabtest.com/21-cfr-part-211165-testing-and-release-for-distribution
//   211.166: GPO Access 21CFR211.166 (2005, 2007 editions)
//   211.167: https://www.eulabtest.com/21-cfr-part-211167-special-testing-requirements
//   211.170: https://legalclarity.org/reserve-samples-retention-and-testing-under-21-cfr-211-170/
//   211.173: https://old.govregs.com/regulations/title21_chapterI-i3_part211_subpartI_section211.173
//   211.176: http://www.law.cornell.edu/cfr/text/21/211.176
//   Subpart J heading (Records and Reports): https://pres.net.in/?p=1713 and https://www.bookfactory.com/211-182-equipment-use-log
//   211.180: https://www.legalfix.com/CFR/2019/title-21/chapter-i/part-202/section-211%2E180
//   211.182: https://pres.net.in/?p=1713 (copy of the FDA/GPO text, revised Apr 1, 2013)
//   211.184: https://lexbuild.dev/ecfr/title-21/chapter-I/part-211/section-211.184 (eCFR-derived, 2026)
//   211.186: https://legalclarity.org/master-production-and-control-records-cgmp-requirements/
//   211.188: https://www.legalfix.com/CFR/2019/title-21/chapter-i/part-202/section-211%2E188
//   211.192: https://lexbuild.dev/ecfr/title-21/chapter-I/part-211/section-211.192 (eCFR-derived, 2026)
//   211.194: https://legalclarity.org/21-cfr-211-194-laboratory-records-requirements
//   211.196: https://lexbuild.dev/ecfr/title-21/chapter-I/part-211/section-211.196 (eCFR-derived, 2026)
//   211.198: https://guidelinepharma.com/complaint-files-as-per-usfda-cfr-211-198
export const framework: Framework = {
  code: '21CFR211',
  family: '21CFR211',
  name: '21 CFR Parts 210 and 211 — Current good manufacturing practice for finished pharmaceuticals',
  shortName: '21 CFR 210/211',
  version: 'eCFR (Part 211 as amended through 2024)',
  category: 'Life sciences',
  publisher: 'U.S. Food and Drug Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: 'eCFR, Title 21, Chapter I, Subchapter C, Parts 210 and 211 (via the federal.elaws.us eCFR mirror and FDA accessdata)', url: 'https://www.ecfr.gov/current/title-21/chapter-I/subchapter-C/part-211' },
  coverage: 'complete',
  coverageNote:
    'Sections 210.1–210.3 and every section of Part 211, Subparts A–K (211.1–211.208). Subparts A–G follow an eCFR table of contents; the sections of Subparts H–K were each confirmed in a public copy (sources noted in the file), not in one official table. Paragraph-level ids such as 211.67(b) are cited as their section.',
  reference: { framework: /^21 CFR Part 21[01]\b/ },
  clauses: [
    { id: '210.1', title: 'Status of the cGMP regulations', keywords: ['cgmp', 'adulterat'] },
    { id: '210.2', title: 'Applicability of the cGMP regulations' },
    { id: '210.3', title: 'Definitions (Parts 210 and 211)' },

    { id: 'Subpart A', title: 'General provisions', group: true },
    { id: '211.1', title: 'Scope' },
    { id: '211.3', title: 'Definitions' },

    { id: 'Subpart B', title: 'Organization and personnel', group: true },
    { id: '211.22', title: 'Responsibilities of the quality control unit', keywords: ['quality control unit', 'quality unit', 'qa approv', 'qa release', 'disposition'] },
    { id: '211.25', title: 'Personnel qualifications', keywords: ['gmp training', 'qualified personnel', 'training record', 'competen'] },
    { id: '211.28', title: 'Personnel responsibilities', keywords: ['gown', 'hairnet', 'hygiene', 'protective apparel', 'illness'] },
    { id: '211.34', title: 'Consultants', keywords: ['consultant'] },

    { id: 'Subpart C', title: 'Buildings and facilities', group: true },
    { id: '211.42', title: 'Design and construction features', keywords: ['quarantine area', 'aseptic', 'segregat', 'cleanroom', 'clean room'] },
    { id: '211.44', title: 'Lighting', keywords: ['lighting'] },
    { id: '211.46', title: 'Ventilation, air filtration, air heating and cooling', keywords: ['hvac', 'hepa', 'air filtration', 'pressure differential', 'humidity'] },
    { id: '211.48', title: 'Plumbing', keywords: ['potable water', 'plumbing', 'drain'] },
    { id: '211.50', title: 'Sewage and refuse', keywords: ['refuse', 'sewage', 'waste disposal'] },
    { id: '211.52', title: 'Washing and toilet facilities', keywords: ['hand wash', 'handwash', 'toilet'] },
    { id: '211.56', title: 'Sanitation', keywords: ['sanitation', 'pest control', 'rodent', 'disinfect'] },
    { id: '211.58', title: 'Maintenance (buildings)', keywords: ['facility maintenance', 'building maintenance'] },

    { id: 'Subpart D', title: 'Equipment', group: true },
    { id: '211.63', title: 'Equipment design, size, and location', keywords: ['equipment design', 'equipment qualification', 'installation qualification'] },
    { id: '211.65', title: 'Equipment construction', keywords: ['product contact', 'lubricant', 'coolant'] },
    { id: '211.67', title: 'Equipment cleaning and maintenance', keywords: ['equipment cleaning', 'cleaning procedure', 'clean-in-place', 'cip', 'sanitiz', 'preventive maintenance'] },
    { id: '211.68', title: 'Automatic, mechanical, and electronic equipment', keywords: ['calibrat', 'computer system', 'computerized', 'backup', 'plc', 'automated', 'software validation'] },
    { id: '211.72', title: 'Filters', keywords: ['filter', 'fiber-releasing'] },

    { id: 'Subpart E', title: 'Control of components and drug product containers and closures', group: true },
    { id: '211.80', title: 'General requirements (components, containers, closures)', keywords: ['component', 'raw material', 'receiving code', 'quarantine'] },
    { id: '211.82', title: 'Receipt and storage of untested components, containers, and closures', keywords: ['receipt', 'receiving', 'incoming material', 'untested'] },
    { id: '211.84', title: 'Testing and approval or rejection of components, containers, and closures', keywords: ['incoming inspection', 'certificate of analysis', 'coa', 'identity test', 'sampling plan'] },
    { id: '211.86', title: 'Use of approved components, containers, and closures', keywords: ['fifo', 'first in first out', 'approved material', 'stock rotation'] },
    { id: '211.87', title: 'Retesting of approved components, containers, and closures', keywords: ['retest'] },
    { id: '211.89', title: 'Rejected components, containers, and closures', keywords: ['reject', 'nonconforming material'] },
    { id: '211.94', title: 'Drug product containers and closures', keywords: ['container closure', 'closure', 'bottle', 'vial', 'stopper'] },

    { id: 'Subpart F', title: 'Production and process controls', group: true },
    { id: '211.100', title: 'Written procedures; deviations', keywords: ['deviation', 'master batch', 'written procedure', 'process control', 'change control'] },
    { id: '211.101', title: 'Charge-in of components', keywords: ['dispens', 'weigh', 'charge-in', 'second person verif'] },
    { id: '211.103', title: 'Calculation of yield', keywords: ['yield', 'reconcil'] },
    { id: '211.105', title: 'Equipment identification', keywords: ['equipment identification', 'status label', 'equipment tag'] },
    { id: '211.110', title: 'Sampling and testing of in-process materials and drug products', keywords: ['in-process', 'ipc', 'in process control'] },
    { id: '211.111', title: 'Time limitations on production', keywords: ['hold time', 'time limit'] },
    { id: '211.113', title: 'Control of microbiological contamination', keywords: ['microbiolog', 'steriliz', 'aseptic', 'bioburden', 'media fill', 'environmental monitoring'] },
    { id: '211.115', title: 'Reprocessing', keywords: ['reprocess', 'rework'] },

    { id: 'Subpart G', title: 'Packaging and labeling control', group: true },
    { id: '211.122', title: 'Materials examination and usage criteria (labeling and packaging)', keywords: ['label specification', 'packaging material', 'label inspection'] },
    { id: '211.125', title: 'Labeling issuance', keywords: ['label issuance', 'label reconcil', 'label count'] },
    { id: '211.130', title: 'Packaging and labeling operations', keywords: ['packaging line', 'labeling operation', 'line clearance', 'mix-up', 'lot number'] },
    { id: '211.132', title: 'Tamper-evident packaging for OTC human drug products', keywords: ['tamper-evident', 'tamper evident', 'otc'] },
    { id: '211.134', title: 'Drug product inspection', keywords: ['finished product inspection', 'visual inspection', 'packaging inspection'] },
    { id: '211.137', title: 'Expiration dating', keywords: ['expiration', 'expiry', 'shelf life'] },

    { id: 'Subpart H', title: 'Holding and distribution', group: true },
    { id: '211.142', title: 'Warehousing procedures', keywords: ['warehous', 'storage condition', 'quarantine release'] },
    { id: '211.150', title: 'Distribution procedures', keywords: ['distribution', 'shipping', 'recall'] },

    { id: 'Subpart I', title: 'Laboratory controls', group: true },
    { id: '211.160', title: 'General requirements (laboratory controls)', keywords: ['laboratory control', 'specification', 'test method', 'instrument calibrat', 'reference standard'] },
    { id: '211.165', title: 'Testing and release for distribution', keywords: ['batch release', 'release testing', 'method validation', 'out of specification', 'oos'] },
    { id: '211.166', title: 'Stability testing', keywords: ['stability'] },
    { id: '211.167', title: 'Special testing requirements', keywords: ['sterility test', 'pyrogen', 'endotoxin', 'ophthalmic'] },
    { id: '211.170', title: 'Reserve samples', keywords: ['reserve sample', 'retain sample', 'retention sample'] },
    { id: '211.173', title: 'Laboratory animals', keywords: ['laboratory animal'] },
    { id: '211.176', title: 'Penicillin contamination', keywords: ['penicillin', 'beta-lactam'] },

    { id: 'Subpart J', title: 'Records and reports', group: true },
    { id: '211.180', title: 'General requirements (records)', keywords: ['record retention', 'retention period', 'annual product review', 'product quality review', 'true copy'] },
    { id: '211.182', title: 'Equipment cleaning and use log', keywords: ['equipment log', 'cleaning log', 'use log', 'logbook'] },
    { id: '211.184', title: 'Component, container, closure, and labeling records', keywords: ['inventory record', 'supplier lot', 'receiving record'] },
    { id: '211.186', title: 'Master production and control records', keywords: ['master production record', 'master batch record', 'mbr', 'master record'] },
    { id: '211.188', title: 'Batch production and control records', keywords: ['batch record', 'batch production record', 'ebr', 'bpr'] },
    { id: '211.192', title: 'Production record review', keywords: ['batch record review', 'record review', 'discrepanc', 'investigat', 'deviation'] },
    { id: '211.194', title: 'Laboratory records', keywords: ['laboratory record', 'lab notebook', 'raw data', 'chromatogram', 'test result'] },
    { id: '211.196', title: 'Distribution records', keywords: ['distribution record', 'shipping record', 'consignee'] },
    { id: '211.198', title: 'Complaint files', keywords: ['complaint', 'adverse drug', 'adverse event'] },

    { id: 'Subpart K', title: 'Returned and salvaged drug products', group: true },
    { id: '211.204', title: 'Returned drug products', keywords: ['returned product', 'returns', 'returned goods'] },
    { id: '211.208', title: 'Drug product salvaging', keywords: ['salvag'] },
  ],
};
