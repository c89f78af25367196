import type { Framework } from '../types';

// AS9100D keeps the ISO 9001:2015 clause numbering and adds aerospace requirements. Only additions whose id we saw
// on a public page for AS9100D are listed (titles are SOPwright's own words):
//   8.1.1 https://connect981.com/faqs/which-clauses-in-as9100-rev-d-focus-on-product-safety
//   8.1.2 https://aqms.space/2023/05/as9100-clause-8-1-2-configuration-management
//   8.1.3 https://aqms.space/2023/05/as9100-clause-8-1-3-product-safety (also advisera.com 9100academy, 2018-09-27)
//   8.1.4 https://www.oxebridge.com/emma/implementing-as9100s-clause-on-counterfeit-parts-for-small-machine-shops/
//   8.5.1.2 https://elsmar.com/elsmarqualityforum/threads/as9100d-clause-8-5-1-2-validation-and-control-of-special-processes.70047/
//   8.5.1.3 https://aqms.space/2023/06/as9100-clause-8-5-1-3-production-process-verification
export const framework: Framework = {
  code: 'AS9100',
  family: 'AS9100',
  name: 'AS9100D — Quality management systems for aviation, space and defense',
  shortName: 'AS9100D',
  version: 'Rev. D (2016)',
  category: 'Quality',
  publisher: 'SAE International / IAQG',
  status: 'current',
  text: 'copyrighted',
  source: { name: 'Public pages naming AS9100D aerospace clauses (aqms.space clause articles; others listed in the file)', url: 'https://aqms.space/2023/05/as9100-clause-8-1-2-configuration-management' },
  coverage: 'partial',
  coverageNote:
    'Only six aerospace additions are listed: operational risk management (8.1.1), configuration management (8.1.2), product safety (8.1.3), counterfeit parts prevention (8.1.4), special processes (8.5.1.2) and production process verification (8.5.1.3). AS9100D keeps ISO 9001:2015’s clause numbers for everything else — map those SOPs to ISO 9001 as well. Other AS9100D additions (for example on measuring equipment, external providers or production equipment and tooling) were not found in a public source we could name, so they are not shipped. Our own short titles; the standard’s text is not reproduced.',
  clauses: [
    { id: '8.1.1', title: 'Managing operational risk', keywords: ['operational risk', 'risk mitigation', 'risk acceptance'] },
    { id: '8.1.2', title: 'Configuration management', keywords: ['configuration management', 'configuration control', 'configuration baseline', 'configuration audit', 'configuration status'] },
    { id: '8.1.3', title: 'Product safety over the life cycle', keywords: ['product safety', 'safety critical', 'safety-critical', 'critical item'] },
    { id: '8.1.4', title: 'Preventing counterfeit parts', keywords: ['counterfeit', 'suspect part', 'unapproved part', 'authorized distributor', 'authorised distributor'] },
    { id: '8.5.1.2', title: 'Validating and controlling special processes', keywords: ['special process', 'heat treat', 'plating', 'welding', 'nadcap', 'anodiz', 'passivat', 'brazing', 'non-destructive'] },
    { id: '8.5.1.3', title: 'Verifying the production process (first article)', keywords: ['first article', 'as9102', 'production process verification'] },
  ],
};
