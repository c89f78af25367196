/**
 * SOPwright's regulation library. Clause ids follow the official numbering; titles are short
 * descriptive headings written for this library. Checked against the public reference data
 * set by tests/unit/library-reference.test.ts where that data set is available.
 */
import type { Framework } from './types';

const cfr11: Framework = {
  code: '21CFR11',
  name: '21 CFR Part 11 — Electronic Records; Electronic Signatures',
  version: 'eCFR (text of 62 FR 13464, 1997)',
  source: 'Code of Federal Regulations, Title 21, Part 11',
  clauses: [
    { id: 'Subpart A', title: 'General provisions' },
    { id: '11.1', title: 'Scope', keywords: ['electronic record', 'electronic signature'] },
    { id: '11.2', title: 'Implementation', keywords: ['electronic record'] },
    { id: '11.3', title: 'Definitions' },
    { id: 'Subpart B', title: 'Electronic records' },
    { id: '11.10', title: 'Controls for closed systems', keywords: ['audit trail', 'electronic record', 'electronic batch record', 'computer system', 'computerized', 'access control', 'erp', 'lims'] },
    { id: '11.30', title: 'Controls for open systems', keywords: ['encryption', 'open system'] },
    { id: '11.50', title: 'Signature manifestations', keywords: ['electronic signature', 'e-signature'] },
    { id: '11.70', title: 'Signature/record linking', keywords: ['electronic signature', 'e-signature', 'electronic batch record'] },
    { id: 'Subpart C', title: 'Electronic signatures' },
    { id: '11.100', title: 'General requirements for electronic signatures', keywords: ['electronic signature', 'e-signature'] },
    { id: '11.200', title: 'Electronic signature components and controls', keywords: ['password', 'login', 'user id'] },
    { id: '11.300', title: 'Controls for identification codes and passwords', keywords: ['password', 'badge', 'login', 'token'] },
  ],
};

const iso9001: Framework = {
  code: 'ISO9001',
  name: 'ISO 9001:2015 — Quality management systems',
  version: '2015',
  source: 'ISO 9001:2015 clause numbering (clauses 4–10)',
  clauses: [
    { id: '4', title: 'Context of the organization' },
    { id: '4.1', title: 'Understanding the organization and its context' },
    { id: '4.2', title: 'Needs and expectations of interested parties', keywords: ['stakeholder', 'interested part'] },
    { id: '4.3', title: 'Scope of the quality management system' },
    { id: '4.4', title: 'Quality management system and its processes', keywords: ['process owner', 'process map', 'process interaction'] },
    { id: '5', title: 'Leadership' },
    { id: '5.1', title: 'Leadership and commitment', keywords: ['top management', 'leadership'] },
    { id: '5.2', title: 'Quality policy', keywords: ['quality policy'] },
    { id: '5.3', title: 'Organizational roles, responsibilities and authorities', keywords: ['responsib', 'role', 'authorized', 'authorised'] },
    { id: '6', title: 'Planning' },
    { id: '6.1', title: 'Actions to address risks and opportunities', keywords: ['risk'] },
    { id: '6.2', title: 'Quality objectives and planning to achieve them', keywords: ['objective'] },
    { id: '6.3', title: 'Planning of changes', keywords: ['change control', 'planned change'] },
    { id: '7', title: 'Support' },
    { id: '7.1', title: 'Resources' },
    { id: '7.1.3', title: 'Infrastructure', keywords: ['equipment', 'facility', 'building'] },
    { id: '7.1.4', title: 'Environment for the operation of processes', keywords: ['humidity', 'room temperature', 'environmental', 'clean room', 'cleanroom', 'lighting'] },
    { id: '7.1.5', title: 'Monitoring and measuring resources', keywords: ['calibrat', 'gauge', 'thermometer', 'analytical balance', 'checkweigher', 'analyzer', 'reference standard', 'measuring instrument', 'chart recorder'] },
    { id: '7.1.6', title: 'Organizational knowledge' },
    { id: '7.2', title: 'Competence', keywords: ['train', 'qualif', 'competen'] },
    { id: '7.3', title: 'Awareness', keywords: ['aware'] },
    { id: '7.4', title: 'Communication', keywords: ['communicat', 'notify', 'inform'] },
    { id: '7.5', title: 'Documented information', keywords: ['record', 'document', 'form', 'log'] },
    { id: '7.5.3', title: 'Control of documented information', keywords: ['retention', 'retain', 'archive', 'version', 'correction'] },
    { id: '8', title: 'Operation' },
    { id: '8.1', title: 'Operational planning and control', keywords: ['operational control', 'work instruction', 'production plan'] },
    { id: '8.2', title: 'Requirements for products and services', keywords: ['customer', 'complaint', 'contract'] },
    { id: '8.3', title: 'Design and development of products and services', keywords: ['design and development', 'design review', 'design change'] },
    { id: '8.4', title: 'Control of externally provided processes, products and services', keywords: ['supplier', 'vendor', 'purchas', 'receiv'] },
    { id: '8.5', title: 'Production and service provision', keywords: ['production', 'manufactur', 'packaging line', 'assembly'] },
    { id: '8.5.2', title: 'Identification and traceability', keywords: ['label', 'lot', 'batch', 'trace'] },
    { id: '8.5.4', title: 'Preservation', keywords: ['storage', 'store it', 'store in', 'stored in', 'stored at', 'refrigerat', 'chilled', 'frozen'] },
    { id: '8.6', title: 'Release of products and services', keywords: ['release', 'inspect', 'acceptance'] },
    { id: '8.7', title: 'Control of nonconforming outputs', keywords: ['nonconform', 'reject', 'quarantine', 'deviation', 'hold'] },
    { id: '9', title: 'Performance evaluation' },
    { id: '9.1', title: 'Monitoring, measurement, analysis and evaluation', keywords: ['monitor', 'measur', 'trend', 'audits hand', 'effectiveness'] },
    { id: '9.2', title: 'Internal audit', keywords: ['internal audit'] },
    { id: '9.3', title: 'Management review', keywords: ['management review'] },
    { id: '10', title: 'Improvement' },
    { id: '10.2', title: 'Nonconformity and corrective action', keywords: ['corrective', 'capa', 'nonconform', 'deviation'] },
    { id: '10.3', title: 'Continual improvement', keywords: ['improve'] },
  ],
};

const haccp: Framework = {
  code: 'HACCP',
  name: 'HACCP — Codex principles of hazard analysis and critical control points',
  version: 'Codex CXC 1-1969',
  source: 'Codex Alimentarius General Principles of Food Hygiene, HACCP system (principles 1–7)',
  clauses: [
    { id: 'HACCP-P1', title: 'Conduct a hazard analysis', keywords: ['hazard', 'allergen', 'contamina', 'pathogen'] },
    { id: 'HACCP-P2', title: 'Determine the critical control points', keywords: ['ccp', 'critical control'] },
    { id: 'HACCP-P3', title: 'Establish critical limits', keywords: ['limit', 'temperature', '°c', 'minimum', 'maximum'] },
    { id: 'HACCP-P4', title: 'Establish a system to monitor control of each CCP', keywords: ['monitor', 'ccp', 'thermometer', 'metal detector', 'every 2 hours', 'every 30 minutes'] },
    { id: 'HACCP-P5', title: 'Establish corrective actions when a CCP is not under control', keywords: ['corrective', 'deviation', 'discard', 'disposal', 'hold', 'reject'] },
    { id: 'HACCP-P6', title: 'Establish verification procedures', keywords: ['verif', 'calibrat', 'review', 'ice-point', 'atp swab', 'test piece'] },
    { id: 'HACCP-P7', title: 'Establish documentation and record keeping', keywords: ['record', 'log', 'document'] },
  ],
};

const osha1910: Framework = {
  code: '29CFR1910',
  name: '29 CFR Part 1910 — OSHA General Industry Standards',
  version: 'eCFR subparts',
  source: 'Code of Federal Regulations, Title 29, Part 1910 (subparts)',
  clauses: [
    { id: 'Subpart A', title: 'General' },
    { id: 'Subpart D', title: 'Walking-working surfaces', keywords: ['ladder', 'floor', 'slip', 'fall'] },
    { id: 'Subpart E', title: 'Exit routes and emergency planning', keywords: ['emergency', 'evacuat', 'exit', 'fire'] },
    { id: 'Subpart G', title: 'Occupational health and environmental control', keywords: ['noise', 'ventilation', 'radiation'] },
    { id: 'Subpart H', title: 'Hazardous materials', keywords: ['flammable', 'hazardous material', 'ammonia', 'compressed gas', 'lpg'] },
    { id: 'Subpart I', title: 'Personal protective equipment', keywords: ['ppe', 'glove', 'goggle', 'face shield', 'respirator', 'apron', 'protective', 'hi-vis', 'safety shoes', 'safety glasses'] },
    { id: 'Subpart J', title: 'General environmental controls', keywords: ['lockout', 'tagout', 'loto', 'confined space', 'energy isolation'] },
    { id: 'Subpart K', title: 'Medical and first aid', keywords: ['first aid', 'eyewash', 'injury'] },
    { id: 'Subpart L', title: 'Fire protection', keywords: ['fire', 'extinguisher'] },
    { id: 'Subpart M', title: 'Compressed gas and compressed air equipment', keywords: ['compressed air', 'compressor', 'pressure vessel', 'steam sterilizer', 'autoclave'] },
    { id: 'Subpart N', title: 'Materials handling and storage', keywords: ['forklift', 'pallet', 'powered industrial truck', 'hoist', 'crane'] },
    { id: 'Subpart O', title: 'Machinery and machine guarding', keywords: ['machine', 'guard', 'blade', 'mixer', 'slicer'] },
    { id: 'Subpart P', title: 'Hand and portable powered tools', keywords: ['tool', 'drill', 'grinder'] },
    { id: 'Subpart Q', title: 'Welding, cutting and brazing', keywords: ['weld', 'cutting torch', 'braz'] },
    { id: 'Subpart R', title: 'Special industries' },
    { id: 'Subpart S', title: 'Electrical', keywords: ['electric', 'voltage', 'wiring'] },
    { id: 'Subpart Z', title: 'Toxic and hazardous substances', keywords: ['chemical', 'toxic', 'sds', 'hazard communication', 'solvent', 'chlorine', 'sanitizer'] },
  ],
};

export const FRAMEWORKS: readonly Framework[] = [cfr11, iso9001, haccp, osha1910];
