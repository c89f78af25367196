/** DELETE /api/v1/orgs/{org}/members/{userId} — remove a member (owners/admins), or leave (yourself). */
import { withUser } from '@/lib/db';
import { apiRoute } from '@/lib/http/route';
import { ZMemberParam } from '@/lib/orgs/api-schemas';
import { removeMember, requireOrg } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

export const DELETE = apiRoute({ params: ZMemberParam }, async ({ user, params }) => {
  await withUser(user.claims, async (tx) => {
    const org = await requireOrg(tx, user.id, params.org);
    await removeMember(tx, org.id, params.userId);
  });
  return new Response(null, { status: 204 });
});
