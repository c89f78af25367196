import type { Framework } from '../types';

// Ids seen this session:
//   Subparts A–C, 482.1–482.42 (headings): https://ecfr.io/Title-42/Volume-5/Chapter-IV/Subchapter-G (eCFR mirror TOC)
//     and the ecfr.gov Part 482 contents of Apr 21, 2014; 482.42 heading (infection prevention and control and
//     antibiotic stewardship): https://www.govregs.com/regulations/expand/title42_chapterIV-i3_part482_subpartC_section482.42
//   482.43: https://paperzz.com/doc/7588749/cfr482.43---discharge-planning (42 CFR, 10-1-15 edition)
//   482.45: the Subpart C range "§ 482.21 – § 482.45" on govregs.com, and its organ, tissue and eye donation
//     standards printed before § 482.51 in the paperzz copy of the 10-1-15 edition
//   Subpart D, 482.51–482.59: https://govregs.com/regulations/expand/title42_chapterIV-i3_part482_subpartD_section482.59
//   482.60 (Subpart E heading "Requirements for Specialty Hospitals"):
//     https://www.govinfo.gov/content/pkg/CFR-2023-title42-vol5/xml/CFR-2023-title42-vol5-sec482-60.xml;
//     its text cites 482.61 (psychiatric clinical records) and 482.62 (psychiatric staffing)
//   482.68, 482.92: https://lexbuild.dev/ecfr/title-42/chapter-IV/part-482/section-482.68 (…482.92) (eCFR-derived, 2026)
export const framework: Framework = {
  code: '42CFR482',
  family: '42CFR482',
  name: '42 CFR Part 482 — CMS Conditions of Participation for hospitals',
  shortName: '42 CFR 482',
  version: 'eCFR (Part 482 as amended through 2024)',
  category: 'Healthcare',
  publisher: 'Centers for Medicare & Medicaid Services',
  status: 'current',
  text: 'public-domain',
  source: { name: 'eCFR, Title 42, Chapter IV, Subchapter G, Part 482 (via the ecfr.io and GovRegs eCFR mirrors)', url: 'https://ecfr.io/Title-42/Volume-5/Chapter-IV/Subchapter-G' },
  coverage: 'partial',
  coverageNote:
    'Every section of Subparts A–D (482.1–482.59) and, in Subpart E, the psychiatric hospital sections (482.60–482.62), 482.68 and 482.92. The other transplant program conditions (482.70–482.104) are not shipped: they were not seen one by one in a public source. Standards such as 482.13(e) are cited as their section.',
  reference: { framework: /^42 CFR Part 482\b/ },
  clauses: [
    { id: 'Subpart A', title: 'General provisions', group: true },
    { id: '482.1', title: 'Basis and scope' },
    { id: '482.2', title: 'Emergency services by nonparticipating hospitals' },

    { id: 'Subpart B', title: 'Administration', group: true },
    { id: '482.11', title: 'Compliance with Federal, State and local laws', keywords: ['licensure', 'state license'] },
    { id: '482.12', title: 'Governing body', keywords: ['governing body', 'board of directors', 'contracted services'] },
    { id: '482.13', title: 'Patient’s rights', keywords: ['patient rights', 'grievance', 'restraint', 'seclusion', 'informed consent', 'advance directive', 'visitation'] },
    { id: '482.15', title: 'Emergency preparedness', keywords: ['emergency preparedness', 'emergency plan', 'all-hazards', 'emergency drill', 'evacuat', 'emergency generator'] },

    { id: 'Subpart C', title: 'Basic hospital functions', group: true },
    { id: '482.21', title: 'Quality assessment and performance improvement program', keywords: ['qapi', 'performance improvement', 'quality indicator', 'adverse event', 'quality improvement'] },
    { id: '482.22', title: 'Medical staff', keywords: ['medical staff', 'credentialing', 'privileges', 'bylaws', 'history and physical'] },
    { id: '482.23', title: 'Nursing services', keywords: ['nursing', 'nurse staffing', 'care plan', 'medication administration', 'blood transfusion'] },
    { id: '482.24', title: 'Medical record services', keywords: ['medical record', 'health record', 'verbal order', 'authentication of entries'] },
    { id: '482.25', title: 'Pharmaceutical services', keywords: ['pharmacy', 'medication storage', 'controlled substance', 'adverse drug', 'drug recall'] },
    { id: '482.26', title: 'Radiologic services', keywords: ['radiology', 'x-ray', 'radiation safety', 'dosimeter'] },
    { id: '482.27', title: 'Laboratory services', keywords: ['laboratory', 'clia', 'blood bank', 'lookback', 'transfusion'] },
    { id: '482.28', title: 'Food and dietetic services', keywords: ['dietary', 'dietitian', 'diet order', 'food service', 'nutrition'] },
    { id: '482.30', title: 'Utilization review', keywords: ['utilization review', 'length of stay'] },
    { id: '482.41', title: 'Physical environment', keywords: ['life safety code', 'fire drill', 'physical environment', 'facility maintenance', 'equipment maintenance'] },
    { id: '482.42', title: 'Infection prevention and control and antibiotic stewardship', keywords: ['infection control', 'infection prevention', 'hand hygiene', 'isolation', 'antibiotic stewardship', 'disinfect'] },
    { id: '482.43', title: 'Discharge planning', keywords: ['discharge planning', 'discharge plan', 'patient transfer', 'post-acute'] },
    { id: '482.45', title: 'Organ, tissue, and eye procurement', keywords: ['organ donation', 'organ procurement', 'opo', 'tissue bank', 'eye bank'] },

    { id: 'Subpart D', title: 'Optional hospital services', group: true },
    { id: '482.51', title: 'Surgical services', keywords: ['surgery', 'surgical', 'operating room', 'surgical consent', 'time out'] },
    { id: '482.52', title: 'Anesthesia services', keywords: ['anesthesia', 'sedation', 'pre-anesthesia', 'post-anesthesia'] },
    { id: '482.53', title: 'Nuclear medicine services', keywords: ['nuclear medicine', 'radiopharmaceutical'] },
    { id: '482.54', title: 'Outpatient services', keywords: ['outpatient'] },
    { id: '482.55', title: 'Emergency services', keywords: ['emergency department', 'emergency room', 'triage'] },
    { id: '482.56', title: 'Rehabilitation services', keywords: ['physical therapy', 'occupational therapy', 'rehabilitation'] },
    { id: '482.57', title: 'Respiratory care services', keywords: ['respiratory therapy', 'respiratory care', 'ventilator'] },
    { id: '482.58', title: 'Long-term care services in swing-bed hospitals', keywords: ['swing-bed', 'swing bed'] },
    { id: '482.59', title: 'Obstetrical services', keywords: ['obstetric', 'labor and delivery', 'maternal'] },

    { id: 'Subpart E', title: 'Requirements for specialty hospitals', group: true },
    { id: '482.60', title: 'Special provisions for psychiatric hospitals', keywords: ['psychiatric hospital'] },
    { id: '482.61', title: 'Medical records in psychiatric hospitals', keywords: ['psychiatric record', 'psychiatric evaluation', 'treatment plan'] },
    { id: '482.62', title: 'Staff requirements in psychiatric hospitals', keywords: ['psychiatric staffing'] },
    { id: '482.68', title: 'Special requirement for transplant programs', keywords: ['transplant program'] },
    { id: '482.92', title: 'Organ recovery and receipt', keywords: ['organ receipt', 'blood type verification', 'living donor'] },
  ],
};
