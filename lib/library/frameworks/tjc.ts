import type { Framework } from '../types';

// The Joint Commission restructured its hospital manual on 1 January 2026 (Accreditation 360): the
// Environment of Care (EC) and Life Safety (LS) chapters were replaced by Physical Environment (PE), and the
// National Patient Safety Goals were merged into National Performance Goals (NPG).
// - PE and NPG chapters, PE standards, NPG.11.01.01 and NPG.11.03.01: https://petronus.com/the-signal/where-the-framework-moved
//   (titles of PE.03.x and PE.04.x follow that page's grouping: "Life Safety Code compliance including fire safety and
//   interim life safety measures" and "building safety and facilities management including utility infrastructure and
//   the Legionella water management program"); also https://healthcarefacilitiesnetwork.com/insights/accreditation-360-what-are-the-national-performance-goals
// - NPG.01.01.01 (patient identification) and NPG.14.05.01 (patient medication information): cited with the Joint Commission's "National Performance Goals Effective
//   January 2026 for the Hospital Program" (https://digitalassets.jointcommission.org/api/public/content/9ca80055182b4274842a5780a94f2c82)
//   in public repositories found with find_string.
export const framework: Framework = {
  code: 'TJC',
  family: 'TJC',
  name: 'The Joint Commission — hospital accreditation standards',
  shortName: 'Joint Commission',
  version: 'Hospital manual, January 2026 (Accreditation 360)',
  category: 'Healthcare',
  publisher: 'The Joint Commission',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'Public summaries of the 2026 hospital manual (Physical Environment and National Performance Goals chapters)', url: 'https://petronus.com/the-signal/where-the-framework-moved' },
  coverage: 'partial',
  coverageNote:
    'Only the two chapters new in 2026 — Physical Environment (PE) and National Performance Goals (NPG) — and the few of their standards a public page we read names. The other hospital chapters (leadership, human resources, medication management, provision of care, record of care and the rest) and most NPG standards are not listed, because no public page we could read gives the 2026 ids. The former National Patient Safety Goals (NPSG.xx) ids were merged into the NPGs for hospitals from 1 January 2026 and are not shipped. The Joint Commission now publishes its standards on jointcommission.org: map other chapters from there at SOP level.',
  clauses: [
    { id: 'PE', title: 'Physical environment', group: true },
    { id: 'PE.01.01.01', title: 'Safe and adequate physical environment', keywords: ['physical environment', 'environment of care', 'environmental tour', 'facility safety'] },
    { id: 'PE.02.01.01', title: 'Hazardous materials and waste', keywords: ['hazardous material', 'hazardous waste', 'chemical spill', 'sds', 'safety data sheet', 'medical waste'] },
    { id: 'PE.03.01.01', title: 'Life Safety Code compliance', keywords: ['life safety', 'fire door', 'fire barrier', 'egress', 'sprinkler'] },
    { id: 'PE.03.02.01', title: 'Life Safety Code: fire safety and interim life safety measures', keywords: ['fire drill', 'fire alarm', 'interim life safety', 'ilsm', 'fire safety'] },
    { id: 'PE.04.01.01', title: 'Building safety and facilities management', keywords: ['facilities management', 'building maintenance', 'preventive maintenance'] },
    { id: 'PE.04.01.03', title: 'Building and facilities: utility infrastructure', keywords: ['utility system', 'generator', 'medical gas', 'hvac', 'electrical power'] },
    { id: 'PE.04.01.05', title: 'Building and facilities: water management (Legionella)', keywords: ['water management', 'legionella', 'waterborne'] },
    { id: 'PE.05.01.01', title: 'Imaging safety', keywords: ['imaging', 'radiation safety', 'mri safety', 'ct scan', 'fluoroscop'] },
    { id: 'NPG', title: 'National Performance Goals', group: true },
    { id: 'NPG.01.01.01', title: 'Patient identification with two identifiers', keywords: ['patient identif', 'two identifiers', 'two patient identifiers', 'wristband', 'armband', 'specimen label'] },
    { id: 'NPG.11.01.01', title: 'Security risks managed', keywords: ['security risk', 'security officer', 'infant abduction', 'abduction', 'hospital security'] },
    { id: 'NPG.11.03.01', title: 'Procedures for utility system disruptions', keywords: ['utility failure', 'utility disruption', 'power outage', 'water outage'] },
    { id: 'NPG.14.05.01', title: 'Accurate patient medication information', keywords: ['medication reconcil', 'medication list', 'home medication'] },
  ],
};
