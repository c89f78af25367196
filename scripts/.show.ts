import { draftOffline } from '../lib/ai/offline-drafter';
import { QUALITY_CASES } from '../tests/quality/corpus';
const c = QUALITY_CASES.find((x) => x.id === process.argv[2])!;
console.log(JSON.stringify(draftOffline({ title: c.title, processDescription: c.processDescription, industry: c.industry, frameworks: c.frameworks }), null, 1));
