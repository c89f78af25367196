import type { Framework } from '../types';

// Ids: Subparts A–C, F, G from the ecfr.gov Part 117 table of contents (2019/2021) and the
// federal.elaws.us / GovRegs / CustomsMobile eCFR mirrors (2024–2025).
// Subparts D and E, seen this session:
//   117.201, 117.206, 117.251, 117.257 (headings): https://memoryjoggerlibrary.com/book/cfr-117/cfr-117-table-of-contents
//     (a reproduction of the eCFR table of contents; the ecfr.gov 2021 table shows the same headings)
//   117.254, 117.264, 117.280: https://lexbuild.dev/ecfr/title-21/chapter-I/part-117/section-117.254 (…117.264, …117.280)
//   117.257: https://law.lawstack.com/cfr/21/117.257/ (verified against eCFR, 2026); its text cites
//     § 117.270 (informal hearing exceptions) and § 117.287 (reinstating a withdrawn exemption)
//   117.267: cited in the text of § 117.264 (lexbuild) as the provision on requesting an informal hearing
export const framework: Framework = {
  code: '21CFR117',
  family: '21CFR117',
  name: '21 CFR Part 117 — FSMA preventive controls for human food',
  shortName: '21 CFR 117',
  version: 'eCFR (Part 117 as amended through 2024)',
  category: 'Food safety',
  publisher: 'U.S. Food and Drug Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: 'eCFR, Title 21, Chapter I, Subchapter B, Part 117 (table of contents)', url: 'https://www.ecfr.gov/cgi-bin/text-idx?mc=true&tpl=/ecfrbrowse/Title21/21cfr117_main_02.tpl' },
  coverage: 'partial',
  coverageNote:
    'Every section of Subparts A, B, C, D, F and G. Subpart E (withdrawal of a qualified facility exemption) has 117.251, 117.254, 117.257, 117.264, 117.267, 117.270, 117.280 and 117.287; its remaining sections (e.g. the compliance-or-appeal, presiding officer and decision-timeframe sections) were not seen in a public source and are not shipped. Paragraph-level ids such as 117.135(c)(3) are cited as their section.',
  reference: { framework: /^21 CFR Part 117\b/ },
  clauses: [
    { id: 'Subpart A', title: 'General provisions', group: true },
    { id: '117.1', title: 'Applicability and status' },
    { id: '117.3', title: 'Definitions' },
    { id: '117.4', title: 'Qualifications of people who manufacture, process, pack, or hold food', keywords: ['food hygiene training', 'food safety training', 'qualified individual', 'training record'] },
    { id: '117.5', title: 'Exemptions', keywords: ['qualified facility', 'exempt'] },
    { id: '117.7', title: 'Subparts C, D and G for storage of unexposed packaged food', keywords: ['unexposed packaged food'] },
    { id: '117.8', title: 'Subpart B for off-farm packing and holding of raw agricultural commodities', keywords: ['raw agricultural commodit'] },
    { id: '117.9', title: 'Records required for Subpart A', keywords: ['training record'] },

    { id: 'Subpart B', title: 'Current good manufacturing practice', group: true },
    { id: '117.10', title: 'Personnel', keywords: ['hairnet', 'hand wash', 'handwash', 'jewelry', 'glove', 'illness', 'personal hygiene'] },
    { id: '117.20', title: 'Plant and grounds', keywords: ['grounds', 'building design', 'pest harborage'] },
    { id: '117.35', title: 'Sanitary operations', keywords: ['sanitiz', 'cleaning', 'pest control', 'food contact surface', 'detergent'] },
    { id: '117.37', title: 'Sanitary facilities and controls', keywords: ['potable water', 'plumbing', 'toilet', 'sewage', 'hand-washing station'] },
    { id: '117.40', title: 'Equipment and utensils', keywords: ['utensil', 'equipment design', 'thermometer', 'freezer', 'cold storage'] },
    { id: '117.80', title: 'Processes and controls', keywords: ['raw material', 'metal detect', 'foreign material', 'allergen cross-contact', 'rework'] },
    { id: '117.93', title: 'Warehousing and distribution', keywords: ['warehous', 'distribution', 'storage temperature'] },
    { id: '117.95', title: 'Human food by-products held for animal food', keywords: ['by-product', 'animal food'] },
    { id: '117.110', title: 'Defect action levels', keywords: ['defect action level'] },

    { id: 'Subpart C', title: 'Hazard analysis and risk-based preventive controls', group: true },
    { id: '117.126', title: 'Food safety plan', keywords: ['food safety plan', 'fsp', 'pcqi'] },
    { id: '117.130', title: 'Hazard analysis', keywords: ['hazard analysis', 'hazard identification', 'biological hazard', 'chemical hazard', 'physical hazard'] },
    { id: '117.135', title: 'Preventive controls', keywords: ['preventive control', 'process control', 'allergen control', 'sanitation control', 'supply-chain control', 'critical limit'] },
    { id: '117.136', title: 'When a manufacturer need not implement a preventive control', keywords: ['customer assurance', 'written assurance'] },
    { id: '117.137', title: 'Assurances required under 117.136(a)(2)–(4)', keywords: ['written assurance'] },
    { id: '117.139', title: 'Recall plan', keywords: ['recall', 'mock recall', 'traceab'] },
    { id: '117.140', title: 'Preventive control management components', keywords: ['management component'] },
    { id: '117.145', title: 'Monitoring', keywords: ['monitor', 'temperature log', 'check record'] },
    { id: '117.150', title: 'Corrective actions and corrections', keywords: ['corrective action', 'correction', 'deviation'] },
    { id: '117.155', title: 'Verification', keywords: ['verif', 'calibrat', 'record review'] },
    { id: '117.160', title: 'Validation', keywords: ['validat', 'scientific evidence'] },
    { id: '117.165', title: 'Verification of implementation and effectiveness', keywords: ['environmental monitoring', 'product testing', 'swab', 'listeria', 'calibrat'] },
    { id: '117.170', title: 'Reanalysis', keywords: ['reanalys', 'annual review', 'three years'] },
    { id: '117.180', title: 'Preventive controls qualified individual and qualified auditor', keywords: ['pcqi', 'qualified individual', 'qualified auditor'] },
    { id: '117.190', title: 'Implementation records for Subpart C', keywords: ['monitoring record', 'verification record', 'corrective action record'] },

    { id: 'Subpart D', title: 'Modified requirements', group: true },
    { id: '117.201', title: 'Modified requirements for a qualified facility', keywords: ['qualified facility', 'attestation'] },
    { id: '117.206', title: 'Modified requirements for storage of unexposed packaged food', keywords: ['unexposed packaged food', 'temperature control'] },

    { id: 'Subpart E', title: 'Withdrawal of a qualified facility exemption', group: true },
    { id: '117.251', title: 'When FDA may withdraw a qualified facility exemption' },
    { id: '117.254', title: 'Issuing an order to withdraw a qualified facility exemption' },
    { id: '117.257', title: 'Contents of an order to withdraw a qualified facility exemption' },
    { id: '117.264', title: 'Procedure for submitting an appeal' },
    { id: '117.267', title: 'Requesting an informal hearing' },
    { id: '117.270', title: 'Requirements for an informal hearing' },
    { id: '117.280', title: 'Revocation of an order to withdraw the exemption' },
    { id: '117.287', title: 'Reinstating a withdrawn qualified facility exemption' },

    { id: 'Subpart F', title: 'Requirements for records that must be established and maintained', group: true },
    { id: '117.301', title: 'Records subject to Subpart F' },
    { id: '117.305', title: 'General requirements for records', keywords: ['recordkeeping', 'record keeping', 'legible', 'original record'] },
    { id: '117.310', title: 'Additional requirements for the food safety plan record', keywords: ['food safety plan', 'signed and dated'] },
    { id: '117.315', title: 'Record retention', keywords: ['record retention', 'retain records', 'two years', '2 years'] },
    { id: '117.320', title: 'Records available for official review', keywords: ['fda inspection', 'official review'] },
    { id: '117.325', title: 'Public disclosure' },
    { id: '117.330', title: 'Use of existing records' },
    { id: '117.335', title: 'Special requirements for a written assurance', keywords: ['written assurance'] },

    { id: 'Subpart G', title: 'Supply-chain program', group: true },
    { id: '117.405', title: 'Establishing and implementing a supply-chain program', keywords: ['supply-chain program', 'supply chain program', 'supplier program'] },
    { id: '117.410', title: 'General requirements for a supply-chain program', keywords: ['supplier verification', 'supply-chain'] },
    { id: '117.415', title: 'Responsibilities of the receiving facility', keywords: ['receiving facility'] },
    { id: '117.420', title: 'Using approved suppliers', keywords: ['approved supplier', 'supplier approval', 'approved vendor'] },
    { id: '117.425', title: 'Choosing supplier verification activities and their frequency', keywords: ['supplier verification', 'supplier risk'] },
    { id: '117.430', title: 'Supplier verification activities for raw materials and ingredients', keywords: ['certificate of analysis', 'coa', 'supplier sampling', 'supplier testing'] },
    { id: '117.435', title: 'Onsite audit', keywords: ['supplier audit', 'onsite audit', 'on-site audit'] },
    { id: '117.475', title: 'Records of the supply-chain program', keywords: ['supplier record', 'supplier file'] },
  ],
};
