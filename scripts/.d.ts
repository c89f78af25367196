import { draftOffline } from '../lib/ai/offline-drafter';
import { HOLDOUT_CASES_2 } from '../tests/quality/holdout';
const c = HOLDOUT_CASES_2.find((x) => x.id === process.argv[2])!;
const d = draftOffline({ title: c.title, processDescription: c.processDescription, frameworks: c.frameworks });
console.log(d.purpose, '|', d.scope); console.log(JSON.stringify(d.procedure.map(s=>s.text))); console.log(JSON.stringify(d.responsibilities)); console.log(JSON.stringify(d.materialsAndEquipment), JSON.stringify(d.healthAndSafety));
