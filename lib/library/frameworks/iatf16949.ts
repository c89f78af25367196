import type { Framework } from '../types';

// IATF 16949:2016 is used together with ISO 9001:2015 and keeps its clause numbers; it adds automotive clauses.
// Only additions whose id we saw on a public page for IATF 16949 are listed (titles are SOPwright's own words):
//   4.3.1, 4.3.2, 4.4.1.1, 4.4.1.2  https://www.qlause.app/clauses (clause explorer list); also https://qmicscertifications.com/?p=2381
//   5.1.1.3  https://abg.baidu.com/tags/jfavirvtztipfmwox66c2njogexdclrtxh63htgtwxj5bvo7 ("5.1.1.3 过程拥有者", process owners)
//   7.1.5.1.1  https://www.qlause.co.za/clauses/7-1-5-1-1 ; https://calibrationos.com/learn/iatf-16949-calibration-msa
//   7.1.5.2.1  https://www.qlause.app/clauses/7-1-5-2-1
//   7.1.5.3.1, 7.1.5.3.2  https://scribd.com/document/518369918/IATF16949-Chapter-15-Monitoring-and-Measurement-Resources
//   7.2.3, 7.2.4  https://www.simpleque.com/iatf-16949-7-2-3-and-7-2-4/
//   8.2.3.1.2  https://www.scribd.com/document/715541430/iatf16949-chapter-20-special-characteristics
//   8.3.1.1  https://preteshbiswas.com/tag/iatf-169492016/page/7/
//   8.3.3.3  https://www.qlause.app/clauses/8-3-3-3
//   8.5.1.1  https://www.qlause.co.za/clauses/8-5-1-1
//   8.5.1.5–8.5.1.7  https://www.qlause.co.za/clauses/8-5-1-5-8-5-1-7 (TPM, tooling management, scheduling, in that order)
//   8.7.1.5  https://abg.baidu.com/tags/haxdolrrfy2sbn5v2dplf6wgw624jp6y23dc2skbkrddcnrzgq44z5n75266fnwb ("返修产品的控制", repaired product)
//   9.2.2.1–9.2.2.4  https://www.qlause.co.za/clauses/9-2-2-1-9-2-2-4 (programme, QMS, manufacturing process and product audits)
//   10.2.3  https://www.qlause.app/clauses/10-2-3
export const framework: Framework = {
  code: 'IATF16949',
  family: 'IATF16949',
  name: 'IATF 16949:2016 — Automotive quality management systems',
  shortName: 'IATF 16949',
  version: '2016 (1st edition)',
  category: 'Quality',
  publisher: 'International Automotive Task Force',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'Public pages naming IATF 16949 clauses (Qlause clause explorer and others listed in the file)', url: 'https://www.qlause.app/clauses' },
  coverage: 'partial',
  coverageNote:
    'Twenty-four automotive additions we could trace to a public page (scope and customer-specific requirements, product safety, MSA and calibration records, laboratories, auditor competency, special characteristics, control plan, TPM and tooling, repaired product, the three internal audit types, problem solving). IATF 16949 keeps ISO 9001:2015’s clause numbers — map SOPs to ISO 9001 for the base requirements. Many other IATF additions (e.g. contingency plans, supplier development, further nonconforming-product clauses, error-proofing) were not found in a public source we could name, so they are not shipped. Our own short titles; the standard’s text is not reproduced.',
  clauses: [
    { id: '4.3.1', title: 'Scope of the QMS — automotive supplement', keywords: ['supporting function', 'remote location'] },
    { id: '4.3.2', title: 'Customer-specific requirements', keywords: ['customer-specific requirement', 'customer specific requirement', 'csr'] },
    { id: '4.4.1.1', title: 'Conformity of products and processes', keywords: ['service part', 'outsourced process'] },
    { id: '4.4.1.2', title: 'Product safety', keywords: ['product safety', 'safety-related', 'safety related characteristic'] },
    { id: '5.1.1.3', title: 'Process owners', keywords: ['process owner'] },
    { id: '7.1.5.1.1', title: 'Measurement system analysis', keywords: ['msa', 'gage r&r', 'gauge r&r', 'grr', 'measurement system analysis', 'attribute agreement'] },
    { id: '7.1.5.2.1', title: 'Calibration and verification records', keywords: ['calibration record', 'as-found', 'as found', 'out of tolerance', 'out-of-tolerance', 'calibrat'] },
    { id: '7.1.5.3.1', title: 'Internal laboratory', keywords: ['internal laboratory', 'in-house lab', 'laboratory scope', 'iso/iec 17025', 'iso 17025'] },
    { id: '7.1.5.3.2', title: 'External laboratory', keywords: ['external laboratory', 'external lab', 'accredited lab', 'iso/iec 17025', 'iso 17025'] },
    { id: '7.2.3', title: 'Competence of internal auditors', keywords: ['internal auditor', 'auditor qualification', 'qualified auditor'] },
    { id: '7.2.4', title: 'Competence of second-party auditors', keywords: ['second-party audit', 'second party audit', 'supplier audit'] },
    { id: '8.2.3.1.2', title: 'Customer-designated special characteristics', keywords: ['customer-designated', 'special characteristic'] },
    { id: '8.3.1.1', title: 'Design and development — automotive supplement', keywords: ['apqp', 'product design', 'manufacturing process design'] },
    { id: '8.3.3.3', title: 'Special characteristics', keywords: ['special characteristic', 'critical characteristic', 'key characteristic'] },
    { id: '8.5.1.1', title: 'Control plan', keywords: ['control plan', 'reaction plan'] },
    { id: '8.5.1.5', title: 'Total productive maintenance', keywords: ['tpm', 'total productive maintenance', 'preventive maintenance', 'predictive maintenance', 'mtbf'] },
    { id: '8.5.1.6', title: 'Managing production tooling and equipment', keywords: ['tooling', 'tool room', 'perishable tool', 'stamping die', 'die maintenance', 'mold', 'mould'] },
    { id: '8.5.1.7', title: 'Production scheduling', keywords: ['production schedul', 'just-in-time', 'just in time'] },
    { id: '8.7.1.5', title: 'Controlling repaired product', keywords: ['repaired product', 'repair'] },
    { id: '9.2.2.1', title: 'Internal audit programme', keywords: ['audit programme', 'audit program', 'audit schedule'] },
    { id: '9.2.2.2', title: 'Quality management system audit', keywords: ['system audit', 'qms audit'] },
    { id: '9.2.2.3', title: 'Manufacturing process audit', keywords: ['process audit', 'layered process audit', 'lpa'] },
    { id: '9.2.2.4', title: 'Product audit', keywords: ['product audit'] },
    { id: '10.2.3', title: 'Problem solving', keywords: ['8d', 'problem solving', 'root cause', 'a3 report', 'containment'] },
  ],
};
