import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZEffectiveQuery, ZSopEffectiveParam } from '@/lib/point-in-time/api-schemas';
import { sopAtTime } from '@/lib/point-in-time/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZSopEffectiveParam,
    query: ZEffectiveQuery,
    doc: {
      summary: 'Which revision of this SOP was in effect at `at` (default now), from the recorded history: who approved it, who had acknowledged it by then and who was assigned but had not, and the revisions before and after.',
      description:
        '`{ at, sop: { id, docNumber, title, department, status: effective | not_yet_effective | obsolete }, effective: { versionId, revisionLabel, effectiveFrom, approvers, acknowledged, notAcknowledged } | null, previous: { versionId, revisionLabel, effectiveFrom, effectiveUntil } | null, next: … | null, obsoleteAt }`. Names are as signed; a person assigned who has since left stays listed, marked `formerMember`.',
      responses: { '200': 'The SOP at that moment.', '400': '`at` is not an ISO 8601 date-time with offset.', '404': 'No such SOP in this organization.', '422': '`at` is in the future.' },
    },
  },
  async ({ tx, org, params, query }) => NextResponse.json(await sopAtTime(tx, org.id, params.id, query.at)),
);
