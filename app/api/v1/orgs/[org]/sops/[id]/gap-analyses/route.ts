/**
 * GET  /api/v1/orgs/{org}/sops/{id}/gap-analyses — the latest gap analysis per framework, or
 *      with ?framework= every analysis against that framework, newest first.
 * POST /api/v1/orgs/{org}/sops/{id}/gap-analyses — analyse the SOP's current saved version
 *      against one framework (Claude, or the offline keyword analysis) and store the result.
 *      The Claude call runs after the request's transaction has committed.
 */
import { NextResponse } from 'next/server';
import { runClaudeGapAnalysis, runOfflineGapAnalysis } from '@/lib/compliance/gap-run';
import { GAP_PER_USER, listGapAnalyses, planGapAnalysis, ZGapAnalysesQuery, ZGapAnalysisInput } from '@/lib/compliance/gap-service';
import { orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { ZSopParam } from '@/lib/sops/api-schemas';

export const dynamic = 'force-dynamic';

const ANALYSIS =
  '`{ id, sopId, framework, engine: "claude" | "offline", model, versionId, versionLabel, createdBy, createdByName, createdAt, result: { addressed: [{ clause, quote, location: { section, label }, reason }], gaps: [{ clause, reason, section }], flagged: [{ kind: "unknown_clause" | "quote_not_found", clause, quote?, message }] } }`';

export const GET = orgRoute(
  {
    params: ZSopParam,
    query: ZGapAnalysesQuery,
    permission: 'sops.read',
    doc: {
      summary: 'Stored gap analyses of this SOP: the latest per framework, or every one against `?framework=`, newest first.',
      responses: { '200': `\`{ analyses: [analysis] }\`, each ${ANALYSIS}.`, '400': 'Unknown framework code.', '404': 'No such SOP in this organization.' },
    },
  },
  async ({ tx, org, params, query }) => NextResponse.json({ analyses: await listGapAnalyses(tx, org.id, params.id, query.framework) }),
);

export const POST = orgRoute(
  {
    params: ZSopParam,
    body: ZGapAnalysisInput,
    permission: 'sops.edit',
    rateLimit: GAP_PER_USER,
    doc: {
      summary:
        'Run a gap analysis of the SOP’s current saved version against one current library framework: which applicable clauses it does not address (with the reason and the section to improve), and for those it addresses the SOP’s sentence, quoted and located. Clause ids and quotes are checked against the library and the SOP; anything invented is dropped and listed in `flagged`. `engine: "auto"` uses Claude when AI processing is on, else the weaker offline keyword analysis; `"offline"` always the latter.',
      responses: {
        '201': `\`{ analysis }\`: ${ANALYSIS}.`,
        '400': 'Invalid input or unknown framework code.',
        '403': 'Your role cannot edit SOPs.',
        '404': 'No such SOP in this organization.',
        '422': 'The framework has no clauses in the library yet, or the SOP has no content.',
        '429': 'Too many gap analyses; try again later.',
        '502': 'Claude’s answer could not be used; nothing was stored.',
        '503': 'Claude could not be reached or refused; nothing was stored.',
      },
    },
  },
  async ({ tx, user, org, params, body, request }) => {
    const plan = await planGapAnalysis(tx, org, params.id, body);
    if (!plan.claude) return NextResponse.json({ analysis: await runOfflineGapAnalysis(tx, plan) }, { status: 201 });
    return afterCommit(async () => NextResponse.json({ analysis: await runClaudeGapAnalysis(user, plan, request.signal) }, { status: 201 }));
  },
);
