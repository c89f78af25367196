import { draftOffline } from '../lib/ai/offline-drafter';
import { QUALITY_CASES } from '../tests/quality/corpus';
import { scoreDraft, summarize, pct } from '../tests/quality/score';
const only = process.argv[2];
const s = summarize(QUALITY_CASES.map((c) => scoreDraft(c, draftOffline({ title: c.title, processDescription: c.processDescription, industry: c.industry, frameworks: c.frameworks }))), QUALITY_CASES);
const { cases, ...rest } = s;
console.log(JSON.stringify(rest), pct(s.factsFound, s.factsTotal).toFixed(1));
for (const c of cases) if (!only || c.id === only) { const bad = { missed: c.facts.filter(f=>!f.found).map(f=>f.kind+':'+f.text), lost: c.sentencesLost, prose: c.proseAsSteps, cm: c.calloutsMissing, mis: c.calloutsMisplaced, down: c.severityDowngrades, refs: c.unsupportedRefs, pii: c.piiInSteps }; const b = Object.fromEntries(Object.entries(bad).filter(([,v])=>v.length)); if (Object.keys(b).length) console.log(c.id, JSON.stringify(b)); }
