import type { Framework } from '../types';

// Ids 1–6.1: the ISO 22000:2018 table of contents as shown at
//   http://www.converter.com.tw/02_Food_Client/00_ISO22000/html2018_English/00catalog_22000_2018.htm (read up to 6.1).
// Ids 5.3, 7.5, 8.5.1.2–8.5.4.3, 8.7, 8.8, 8.9.2, 8.9.3, 9.2: Annex A, Table A.1 (Codex HACCP cross-reference) at
//   http://www.converter.com.tw/02_Food_Client/00_ISO22000/html2018_English/AnnexA_22000_2018.htm.
// Ids 7.1.5, 7.1.6: FSSC 22000 guidance "ISO 22000 interpretation" (v5, Dec 2019), https://docslib.org/doc/1539389/iso-22000-interpretation.
// Titles are SOPwright's own short words.
export const framework: Framework = {
  code: 'ISO22000',
  family: 'ISO22000',
  name: 'ISO 22000:2018 — Food safety management systems',
  shortName: 'ISO 22000',
  version: '2018',
  category: 'Food safety',
  publisher: 'International Organization for Standardization',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'ISO 22000:2018 table of contents and Annex A cross-reference table (converter.com.tw copy)', url: 'http://www.converter.com.tw/02_Food_Client/00_ISO22000/html2018_English/00catalog_22000_2018.htm' },
  coverage: 'partial',
  coverageNote:
    'Clauses 1–6.1 as far as our table-of-contents source was read, plus the clauses that Annex A maps to the Codex HACCP steps (food safety team, documented information, preliminary steps, hazard analysis, validation, hazard control plan and CCP monitoring, monitoring and measuring, verification, corrections, corrective actions, internal audit) and 7.1.5/7.1.6. Missing: the rest of clauses 6–10 (e.g. resources and communication, operational planning, PRPs, traceability, emergency preparedness, updating the plan, handling potentially unsafe product and withdrawal, monitoring, management review, improvement) — cite the nearest listed clause or add them when a source is read. Clause numbers 4–6 are groups; 5.2 stays a countable leaf beside its parts. Clauses 1–3 carry no requirements. Our own short titles; the standard’s text is not reproduced.',
  reference: { framework: /^ISO 22000:2018\b/ },
  clauses: [
    { id: '1', title: 'Scope of the standard' },
    { id: '2', title: 'Referenced documents' },
    { id: '3', title: 'Terms used in the standard' },
    { id: '4', title: 'Context of the organization', group: true },
    { id: '4.1', title: 'The organization and its context' },
    { id: '4.2', title: 'Needs and expectations of interested parties', keywords: ['interested part', 'stakeholder'] },
    { id: '4.3', title: 'Scope of the food safety management system' },
    { id: '4.4', title: 'The food safety management system', keywords: ['fsms', 'food safety management system'] },
    { id: '5', title: 'Leadership', group: true },
    { id: '5.1', title: 'Leadership and commitment', keywords: ['top management', 'food safety culture'] },
    { id: '5.2', title: 'Food safety policy', keywords: ['food safety policy'] },
    { id: '5.2.1', title: 'Setting the food safety policy' },
    { id: '5.2.2', title: 'Making the food safety policy known' },
    { id: '5.3', title: 'Roles, responsibilities and authorities; the food safety team', keywords: ['food safety team', 'haccp team', 'team leader'] },
    { id: '6', title: 'Planning', group: true },
    { id: '6.1', title: 'Actions on risks and opportunities', keywords: ['risks and opportunit'] },
    { id: '7.1.5', title: 'Externally developed parts of the FSMS', keywords: ['externally developed'] },
    { id: '7.1.6', title: 'Control of externally provided processes, products and services', keywords: ['supplier', 'vendor', 'external provider', 'outsourc', 'approved supplier'] },
    { id: '7.5', title: 'Documented information', keywords: ['record', 'document control', 'log'] },
    { id: '8.5.1.2', title: 'Raw materials, ingredients and contact materials', keywords: ['raw material', 'ingredient', 'packaging material', 'food contact', 'specification'] },
    { id: '8.5.1.3', title: 'End product characteristics', keywords: ['end product', 'finished product', 'shelf life', 'shelf-life'] },
    { id: '8.5.1.4', title: 'Intended use', keywords: ['intended use', 'vulnerable consumer'] },
    { id: '8.5.1.5', title: 'Flow diagrams and process descriptions', keywords: ['flow diagram', 'process flow', 'flowchart', 'flow chart'] },
    { id: '8.5.2', title: 'Hazard analysis', keywords: ['hazard analysis', 'hazard', 'allergen', 'pathogen', 'contamina', 'foreign matter'] },
    { id: '8.5.3', title: 'Validating control measures', keywords: ['validat'] },
    { id: '8.5.4', title: 'Hazard control plan (CCPs and OPRPs)', keywords: ['hazard control plan', 'haccp plan', 'ccp', 'critical control', 'oprp', 'critical limit', 'action criteri'] },
    { id: '8.5.4.3', title: 'Monitoring at CCPs and for OPRPs', keywords: ['ccp monitoring', 'monitor', 'metal detector', 'thermometer', 'every 2 hours', 'every 30 minutes'] },
    { id: '8.7', title: 'Control of monitoring and measuring', keywords: ['calibrat', 'thermometer', 'probe', 'scale', 'measuring equipment'] },
    { id: '8.8', title: 'Verifying PRPs and the hazard control plan', keywords: ['verif', 'swab', 'atp', 'environmental monitoring', 'test piece'] },
    { id: '8.9.2', title: 'Corrections', keywords: ['correction', 'hold', 'rework', 'potentially unsafe', 'quarantine', 'discard'] },
    { id: '8.9.3', title: 'Corrective actions', keywords: ['corrective action', 'root cause', 'capa'] },
    { id: '9.2', title: 'Internal audit', keywords: ['internal audit'] },
  ],
};
