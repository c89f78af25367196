/** GET /api/v1/orgs/{org}/sops/{id}/diff?from=…&to=… — section-by-section diff of two versions. */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZDiffQuery, ZSopParam } from '@/lib/sops/api-schemas';
import { diffContents } from '@/lib/sops/diff';
import { requireVersion } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZSopParam, query: ZDiffQuery }, async ({ user, params, query }) => {
  const [from, to] = await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    return [await requireVersion(tx, org.id, params.id, query.from), await requireVersion(tx, org.id, params.id, query.to)] as const;
  });
  return NextResponse.json({ from: from.label, to: to.label, diff: diffContents(from.content, to.content) });
});
