/** GET /api/v1/orgs/{org}/sops/{id}/versions/{versionId} — one version with content and HTML. */
import { NextResponse } from 'next/server';
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { requireOrg } from '@/lib/orgs/service';
import { ZVersionParam } from '@/lib/sops/api-schemas';
import { requireVersion } from '@/lib/sops/service';

export const dynamic = 'force-dynamic';

export const GET = apiRoute({ params: ZVersionParam }, async ({ user, params }) => {
  const version = await withUser(user.claims, async (tx) => requireVersion(tx, (await requireOrg(tx, user.id, params.org)).id, params.id, params.versionId));
  return NextResponse.json({ version });
});
