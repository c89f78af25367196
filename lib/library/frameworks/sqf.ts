import type { Framework } from '../types';

// Unsourced on purpose. Public pages seen for Edition 9 (e.g. sqfservices.pro/compliance,
// foodsafetysystems.pro/product-recall-withdrawal-procedure, a stuvia.com test-prep page, an sqfi.com tip sheet
// written for the SQF Fundamentals code) number the Module 2 elements differently from one another, and the
// licensed Code text was not read, so no element number could be confirmed for the Food Safety Code itself.
export const framework: Framework = {
  code: 'SQF',
  family: 'SQF',
  name: 'SQF Food Safety Code',
  shortName: 'SQF',
  version: 'Edition 9',
  category: 'Food safety',
  publisher: 'SQF Institute',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'SQF Institute — the SQF Code', url: 'https://sqfi.com/the-sqf-code/' },
  coverage: 'unsourced',
  coverageNote:
    'No element numbers are shipped: the public pages we found give conflicting Module 2 and Module 11 numbering for Edition 9, and each SQF code (manufacturing, storage and distribution, packaging…) numbers its modules its own way. Map your SOPs to HACCP and ISO 22000 here, and keep SQF element references in your own SQF system documents, taken from the Code edition you are certified to.',
  clauses: [],
};
