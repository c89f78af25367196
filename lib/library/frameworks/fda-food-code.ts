import type { Framework } from '../types';

// Chapter numbers and names of the 2022 Food Code: https://www.steritech.com/knowledge-center/public-health-information/2022-food-code
// (summary of the FDA 2022 Food Code released 28 Dec 2022; the same eight chapters appear on FDA's own
// Food Code 1999 and 2009 contents pages). Part numbers of Chapter 3: the FDA 1999 Food Code text
// (https://corpora.tika.apache.org/base/docs/govdocs1/226/226113.html) and Wisconsin's 2020 adoption
// (docs.legis.wisconsin.gov, CR 17-074), matching an undated Food Code study list (brainscape.com).
export const framework: Framework = {
  code: 'FDA-FOOD-CODE',
  family: 'FDA-FOOD-CODE',
  name: 'FDA Food Code',
  shortName: 'FDA Food Code',
  version: '2022 Food Code',
  category: 'Food safety',
  publisher: 'U.S. Food and Drug Administration',
  status: 'current',
  text: 'public-domain',
  source: { name: 'FDA Food Code 2022, chapter list (Steritech summary of the 2022 edition)', url: 'https://www.steritech.com/knowledge-center/public-health-information/2022-food-code' },
  coverage: 'partial',
  coverageNote:
    'The eight chapters, and the eight parts of Chapter 3 (Food). The parts of the other chapters, the numbered sections (e.g. 3-501.17) and the annexes are not shipped: no public copy of the 2022 text was read. The Chapter 3 part numbers were read in earlier editions and a later state adoption; check them against the 2022 text. The Food Code is a model: cite your jurisdiction’s adopted code where it differs.',
  clauses: [
    { id: 'Chapter 1', title: 'Purpose and definitions' },
    { id: 'Chapter 2', title: 'Management and personnel', keywords: ['person in charge', 'employee health', 'ill employee', 'handwash', 'hand wash', 'bare hand', 'glove', 'hair restraint', 'vomit'] },
    { id: 'Chapter 3', title: 'Food', group: true },
    { id: 'Part 3-1', title: 'Characteristics of food' },
    { id: 'Part 3-2', title: 'Sources, specifications, original containers and records', keywords: ['approved source', 'receiving', 'shellstock tag', 'delivery temperature'] },
    { id: 'Part 3-3', title: 'Protection from contamination after receiving', keywords: ['cross-contamination', 'cross contamination', 'allergen', 'raw meat', 'food storage', 'thaw'] },
    { id: 'Part 3-4', title: 'Destruction of organisms of public health concern', keywords: ['cooking temperature', 'internal temperature', 'reheat', 'cook to'] },
    { id: 'Part 3-5', title: 'Limitation of growth of organisms of public health concern', keywords: ['cooling', 'cold holding', 'hot holding', 'date mark', 'time as a public health control', 'tcs food'] },
    { id: 'Part 3-6', title: 'Food identity, presentation and on-premises labeling', keywords: ['food label', 'consumer advisory', 'menu'] },
    { id: 'Part 3-7', title: 'Contaminated food', keywords: ['discard', 'contaminated food'] },
    { id: 'Part 3-8', title: 'Special requirements for highly susceptible populations', keywords: ['highly susceptible', 'nursing home', 'daycare', 'child care'] },
    { id: 'Chapter 4', title: 'Equipment, utensils, and linens', keywords: ['utensil', 'warewash', 'dishwash', 'three-compartment sink', 'sanitiz', 'thermometer', 'food-contact surface', 'linen'] },
    { id: 'Chapter 5', title: 'Water, plumbing, and waste', keywords: ['potable water', 'backflow', 'grease trap', 'plumbing', 'refuse'] },
    { id: 'Chapter 6', title: 'Physical facilities', keywords: ['handwashing sink', 'restroom', 'lighting', 'ventilation', 'pest', 'floor'] },
    { id: 'Chapter 7', title: 'Poisonous or toxic materials', keywords: ['chemical storage', 'toxic', 'pesticide', 'sanitizer test', 'chemical label'] },
    { id: 'Chapter 8', title: 'Compliance and enforcement', keywords: ['inspection', 'permit', 'variance', 'haccp plan', 'plan review'] },
  ],
};
