import { draftOffline } from '../lib/ai/offline-drafter';
import { HOLDOUT_CASES_2 as HOLDOUT_CASES } from '../tests/quality/holdout';
import { norm, scoreDraft, summarize, pct } from '../tests/quality/score';
for (const c of HOLDOUT_CASES) for (const f of [...Object.values(c.facts).flat(), ...c.callouts.flatMap(x=>[x.text,x.guards]), ...c.notSteps]) if (!norm(c.processDescription).includes(norm(f))) console.log('NOT IN INPUT', c.id, f);
const s = summarize(HOLDOUT_CASES.map((c) => scoreDraft(c, draftOffline({ title: c.title, processDescription: c.processDescription, industry: c.industry, frameworks: c.frameworks }))), HOLDOUT_CASES);
const { cases, ...rest } = s;
console.log(JSON.stringify(rest), pct(s.factsFound, s.factsTotal).toFixed(1));
for (const c of cases) { const bad = { missed: c.facts.filter(f=>!f.found).map(f=>f.kind+':'+f.text), lost: c.sentencesLost, prose: c.proseAsSteps, cm: c.calloutsMissing, mis: c.calloutsMisplaced, down: c.severityDowngrades, refs: c.unsupportedRefs, pii: c.piiInSteps }; const b = Object.fromEntries(Object.entries(bad).filter(([,v])=>v.length)); if (Object.keys(b).length) console.log(c.id, JSON.stringify(b)); }
