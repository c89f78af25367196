/** Every framework in the library, in the order the library page lists them (by industry, then family). */
import type { Framework } from '../types';
import { framework as f21cfr11 } from './21cfr11';
import { framework as f21cfr211 } from './21cfr211';
import { framework as f21cfr117 } from './21cfr117';
import { framework as f21cfr820 } from './21cfr820';
import { framework as f21cfr820Qsr } from './21cfr820-qsr';
import { framework as fFdaFoodCode } from './fda-food-code';
import { framework as fHaccp } from './haccp';
import { framework as fIso22000 } from './iso22000';
import { framework as fSqf } from './sqf';
import { framework as fIso9001 } from './iso9001';
import { framework as fIso13485 } from './iso13485';
import { framework as fAs9100 } from './as9100';
import { framework as fIatf16949 } from './iatf16949';
import { framework as fIso14001 } from './iso14001';
import { framework as fIso45001 } from './iso45001';
import { framework as f29cfr1910 } from './29cfr1910';
import { framework as f42cfr482 } from './42cfr482';
import { framework as f45cfr164 } from './45cfr164';
import { framework as fTjc } from './tjc';
import { framework as f16cfr314 } from './16cfr314';
import { framework as fSox } from './sox';
import { framework as fPciDss } from './pci-dss';
import { framework as fSoc2 } from './soc2';
import { framework as fGdpr } from './gdpr';
import { framework as fIso27001 } from './iso27001';
import { framework as fNistCsf } from './nist-csf';
import { framework as fNist800171 } from './nist-800-171';
import { framework as fNist800171R2 } from './nist-800-171-r2';
import { framework as fCmmcL2 } from './cmmc-l2';
import { framework as fHitrustE1 } from './hitrust-e1';
import { framework as fHitrustI1 } from './hitrust-i1';
import { framework as fIso42001 } from './iso42001';
import { framework as fNistAiRmf } from './nist-ai-rmf';

export const FRAMEWORKS: readonly Framework[] = [
  f21cfr11,
  f21cfr211,
  f21cfr117,
  f21cfr820,
  f21cfr820Qsr,
  fFdaFoodCode,
  fHaccp,
  fIso22000,
  fSqf,
  fIso9001,
  fIso13485,
  fAs9100,
  fIatf16949,
  fIso14001,
  fIso45001,
  f29cfr1910,
  f42cfr482,
  f45cfr164,
  fTjc,
  f16cfr314,
  fSox,
  fPciDss,
  fSoc2,
  fGdpr,
  fIso27001,
  fNistCsf,
  fNist800171,
  fNist800171R2,
  fCmmcL2,
  fHitrustE1,
  fHitrustI1,
  fIso42001,
  fNistAiRmf,
];
