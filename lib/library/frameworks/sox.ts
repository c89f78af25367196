import type { Framework } from '../types';

// Section numbers and headings, as seen in public copies of the Act (Pub. L. 107-204, 116 Stat. 745):
// - Titles I–III and §§ 301–308: University of Cincinnati Securities Lawyer's Deskbook table of contents,
//   https://law.uc.edu/education/library/security-lawyer-s-deskbook/sarbanes-oxley-act-of-2002.html
// - Title IV heading and §§ 401–403: table of contents copy at https://fr.scribd.com/document/171722087/The-Table-SOX
//   and https://www.manageengine.com/log-management/compliance/sox-compliance-title-4-financial-disclosures.html
// - § 404: CRS report RS22482, https://www.everycrsreport.com/files/20070529_RS22482_eaecf6d3e90067a5c9cf5bdcaf9a2c8e0d7ee142.html
// - § 406: http://www.law.uc.edu/sites/default/files/CCL/SOact/sec406.html
// - § 409 (and 302, 404, 802, 806, 807): http://www.sox-online.com/act_sections.html
// - Title VIII and §§ 801–807: https://search.complianceonline.com/corporate-and-criminal-fraud-accountability-act-overview-and-summary-of-requirements-12610-30002-prdadc
// - Title IX and § 906: https://manageengine.com/log-management/compliance/sox-compliance-title9-white-collar-crime-penalty-enhancement.html,
//   https://www.illumeo.com/courses/sarbanes-oxley-sections-806-902-906
// - Title XI, §§ 1102 and 1107: http://www.law.uc.edu/sites/default/files/CCL/SOact/sec1102.html,
//   https://www.manageengine.com/log-management/compliance/sox-compliance-for-corporate-tax-returns-and-financial-reports.html,
//   https://wizedu.com/questions/128037/describe-at-least-3-of-the-criminal-penalties
export const framework: Framework = {
  code: 'SOX',
  family: 'SOX',
  name: 'Sarbanes-Oxley Act of 2002',
  shortName: 'SOX',
  version: 'Pub. L. 107-204 (2002)',
  category: 'Finance',
  publisher: 'U.S. Congress',
  status: 'current',
  text: 'public-domain',
  source: { name: 'Sarbanes-Oxley Act of 2002, Pub. L. 107-204 (table of contents, Securities Lawyer’s Deskbook copy)', url: 'https://law.uc.edu/education/library/security-lawyer-s-deskbook/sarbanes-oxley-act-of-2002.html' },
  coverage: 'partial',
  coverageNote:
    'Sections that internal-control SOPs cite (e.g. §§ 302, 404, 409, 802, 806, 906, 1102) under their titles; the Act’s other titles and sections are not listed. SOX IT general control sets (access, change management, operations) come from auditor frameworks such as COSO and COBIT, not from the Act, and are not shipped — map those SOPs to the SOX section (usually § 404) or to SOC 2.',
  clauses: [
    { id: 'Title III', title: 'Corporate responsibility', group: true },
    { id: 'Sec. 301', title: 'Public company audit committees', keywords: ['audit committee'] },
    { id: 'Sec. 302', title: 'Corporate responsibility for financial reports', keywords: ['officer certification', 'quarterly certification', 'sub-certification', 'disclosure control', 'financial report'] },
    { id: 'Sec. 303', title: 'Improper influence on conduct of audits', keywords: ['external auditor', 'auditor independence', 'mislead the auditor'] },
    { id: 'Sec. 304', title: 'Forfeiture of certain bonuses and profits', keywords: ['clawback', 'restatement', 'bonus'] },
    { id: 'Sec. 306', title: 'Insider trades during pension fund blackout periods', keywords: ['blackout period', 'insider trading'] },
    { id: 'Title IV', title: 'Enhanced financial disclosures', group: true },
    { id: 'Sec. 401', title: 'Disclosures in periodic reports', keywords: ['off-balance', 'periodic report', 'pro forma'] },
    { id: 'Sec. 402', title: 'Enhanced conflict of interest provisions', keywords: ['personal loan', 'executive loan'] },
    { id: 'Sec. 403', title: 'Disclosures of transactions by management and principal stockholders', keywords: ['insider transaction', 'form 4'] },
    { id: 'Sec. 404', title: 'Management assessment of internal controls', keywords: ['internal control', 'icfr', 'control testing', 'key control', 'material weakness', 'significant deficienc', 'segregation of duties', 'walkthrough'] },
    { id: 'Sec. 406', title: 'Code of ethics for senior financial officers', keywords: ['code of ethics', 'code of conduct', 'ethics waiver'] },
    { id: 'Sec. 409', title: 'Real time issuer disclosures', keywords: ['material change', 'form 8-k', '8-k', 'real time disclosure'] },
    { id: 'Title VIII', title: 'Corporate and criminal fraud accountability', group: true },
    { id: 'Sec. 802', title: 'Criminal penalties for altering documents', keywords: ['record retention', 'retention schedule', 'legal hold', 'litigation hold', 'destruction of records', 'audit workpaper', 'falsif'] },
    { id: 'Sec. 806', title: 'Whistleblower protection for employees of public companies', keywords: ['whistleblow', 'retaliat', 'hotline', 'report a concern'] },
    { id: 'Sec. 807', title: 'Criminal penalties for defrauding shareholders of public companies', keywords: ['securities fraud'] },
    { id: 'Title IX', title: 'White-collar crime penalty enhancements', group: true },
    { id: 'Sec. 906', title: 'Corporate responsibility for financial reports (criminal certification)', keywords: ['officer certification', 'certification of periodic', 'periodic report'] },
    { id: 'Title XI', title: 'Corporate fraud accountability', group: true },
    { id: 'Sec. 1102', title: 'Tampering with a record or impeding an official proceeding', keywords: ['tamper', 'legal hold', 'litigation hold', 'destruction of records'] },
    { id: 'Sec. 1107', title: 'Retaliation against informants', keywords: ['retaliat', 'whistleblow', 'informant'] },
  ],
};
