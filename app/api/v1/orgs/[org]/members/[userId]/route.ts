import { orgRoute } from '@/lib/http/route';
import { ZMemberParam } from '@/lib/orgs/api-schemas';
import { removeMember } from '@/lib/orgs/service';

export const dynamic = 'force-dynamic';

// No declared permission: anyone may leave; removeMember refuses removing someone else without members.manage.
export const DELETE = orgRoute(
  { params: ZMemberParam, doc: { summary: 'Remove a member (owners and admins), or leave.', responses: { '204': 'Removed.', '403': 'Not allowed.', '404': 'Not found.' } } },
  async ({ tx, org, params }) => {
    await removeMember(tx, org.id, params.userId);
    return new Response(null, { status: 204 });
  },
);
