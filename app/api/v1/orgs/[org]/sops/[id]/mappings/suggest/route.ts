/**
 * POST /api/v1/orgs/{org}/sops/{id}/mappings/suggest — suggest the clauses this SOP addresses
 * (lib/compliance/suggestions.ts). Keyword matching answers inside the request's transaction;
 * Claude is called after it has committed, and its proposals are stored in a new one.
 */
import { NextResponse } from 'next/server';
import { planSuggestions, runClaudeSuggestions, ZSuggestInput } from '@/lib/compliance/suggestions';
import { enforceRateLimit, orgRoute } from '@/lib/http/route';
import { afterCommit } from '@/lib/orgs/scope';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { SUGGEST_PER_ORG, SUGGEST_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZSopParam,
    body: ZSuggestInput,
    permission: 'sops.edit',
    rateLimit: SUGGEST_PER_USER,
    doc: {
      summary:
        'Suggest clauses this SOP addresses, for the frameworks the organization follows (or `frameworks`). With `engine: "auto"` Claude proposes them when AI processing is on (the SOP is scrubbed of personal data first; every proposal is checked against the library, and the ones that are not clauses of it are dropped and listed), else keyword matching does; `engine: "keywords"` never calls Claude. Suggestions are stored as proposed, waiting for a person to accept or reject each; clauses already mapped are skipped.',
      responses: {
        '200': '`{ engine: "claude" | "keywords", frameworks, added: [mapping], skipped, dropped: [{ framework, clause }], message }`.',
        '400': 'Invalid input (the message names the field).',
        '403': 'Your role cannot edit SOPs.',
        '404': 'No such SOP in this organization.',
        '422': 'The SOP has no content, or the organization follows no framework and none was named.',
        '429': 'Too many suggestion requests.',
        '502': 'Claude refused the request or answered with something unusable; nothing was stored.',
        '503': 'Claude could not be reached or did not answer in time; nothing was stored.',
      },
    },
  },
  async ({ tx, user, org, params, body, request }) => {
    const planned = await planSuggestions(tx, org, params.id, body);
    if (planned.kind === 'done') return NextResponse.json(planned.result);
    return afterCommit(async () => {
      await enforceRateLimit(SUGGEST_PER_ORG, org.id);
      return NextResponse.json(await runClaudeSuggestions(user, planned.plan, request.signal));
    });
  },
);
