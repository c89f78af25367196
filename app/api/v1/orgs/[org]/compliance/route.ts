import { NextResponse } from 'next/server';
import { followedCoverage, ZCoverageParam } from '@/lib/compliance/coverage';
import { isoTime } from '@/lib/db/rows';
import { orgRoute } from '@/lib/http/route';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZCoverageParam,
    doc: {
      summary: 'Compliance coverage of every framework the organization follows: counted clauses effective (an accepted mapping to a SOP in effect), draft only, or not covered. Every member may read it.',
      description:
        'Counted clauses are the library\'s leaf clauses (not group headings, not withdrawn). Proposed suggestions never count; accepted mappings to ids the library does not have are counted apart (`uncounted`). Percentages are whole numbers (never 100 unless all, never 0 unless none; null without clauses).',
      responses: {
        '200': '`{ asOf, frameworks: [{ framework, name, shortName, version, total, effective, draft, none, percent: { effective, draft, none }, uncounted }] }`.',
        '404': 'Not a member, or no such organization.',
      },
    },
  },
  async ({ tx, org }) => {
    const [clock] = await tx.query<{ now: Date }>('select private.clock() as now');
    const all = await followedCoverage(tx, org.id);
    return NextResponse.json({ asOf: isoTime(clock!.now), frameworks: all.map((c) => c.summary) });
  },
);
