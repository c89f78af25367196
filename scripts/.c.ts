import { QUALITY_CASES } from '../tests/quality/corpus';
import { runClaudePath } from '../tests/quality/claude-path';
import { summarize, pct } from '../tests/quality/score';
runClaudePath(QUALITY_CASES).then((r) => {
  const s = summarize(r.scores, QUALITY_CASES); const { cases, ...rest } = s;
  console.log(JSON.stringify(rest), pct(s.factsFound, s.factsTotal).toFixed(1), r.removedCitations);
  for (const c of cases) { const bad = { missed: c.facts.filter(f=>!f.found).map(f=>f.kind+':'+f.text), lost: c.sentencesLost, prose: c.proseAsSteps, cm: c.calloutsMissing, mis: c.calloutsMisplaced, down: c.severityDowngrades, refs: c.unsupportedRefs, pii: c.piiInSteps }; const b = Object.fromEntries(Object.entries(bad).filter(([,v])=>v.length)); if (Object.keys(b).length) console.log(c.id, JSON.stringify(b)); }
});
