import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { etagOf } from '@/lib/sops/etag';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { ZCreateFromTemplateInput } from '@/lib/templates/api-schemas';
import { createSopFromTemplate } from '@/lib/templates/service';

export const dynamic = 'force-dynamic';

export const POST = orgRoute(
  {
    params: ZOrgParam,
    body: ZCreateFromTemplateInput,
    permission: 'sops.edit',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Create an SOP from a template (built-in or the organization\'s): its first version (0.1) is the template\'s content with your title, the department and the SOP\'s own number.',
      responses: { '201': '`{ sop }`; ETag is the draft revision.', '400': 'Invalid input (the message names the field).', '403': 'Your role cannot create SOPs.', '404': 'No such template in this organization.' },
    },
  },
  async ({ tx, org, user, params, body }) => {
    const sop = await createSopFromTemplate(tx, { orgId: org.id, userId: user.id, ...body });
    return NextResponse.json({ sop }, { status: 201, headers: { ETag: etagOf(sop.draftRevision), Location: `/api/v1/orgs/${params.org}/sops/${sop.id}` } });
  },
);
