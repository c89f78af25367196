import { NextResponse } from 'next/server';
import { filterClauses, frameworkCoverage, ZCoverageFilters, ZFrameworkParam } from '@/lib/compliance/coverage';
import { AppError } from '@/lib/errors';
import { orgRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZFrameworkParam,
    query: ZCoverageFilters,
    doc: {
      summary: 'The coverage of one library framework (followed or not) clause by clause: each clause\'s status and the SOPs mapped to it. Every member may read it.',
      description:
        'Filters: `status` (effective | draft | none: the clauses with it) and `q` (part of a clause id or title, or of a mapped SOP\'s number or title). Group headings come as rows with `group: true` and `status: null` above the clauses kept. `summary` always counts the whole framework.',
      responses: {
        '200': '`{ asOf, framework: { code, name, shortName, version, status, coverage, coverageNote }, followed, summary, clauses: [{ id, title, group, status, sops: [{ sopId, docNumber, title, status, inEffect, effectiveLabel, effectiveVersionId }] }], uncounted: [{ clauseId, reason, sops }], unknownClauseIds }`.',
        '400': 'Invalid filter or code.',
        '404': 'Not a member, no such organization, or no such framework in the library.',
      },
    },
  },
  async ({ tx, org, params, query }) => {
    const c = await frameworkCoverage(tx, org.id, params.code);
    if (!c) throw new AppError('not_found', 'No such framework in the library.');
    return NextResponse.json({ ...c, filters: query, clauses: filterClauses(c.clauses, query) });
  },
);
