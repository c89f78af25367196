import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZTemplateParam } from '@/lib/templates/api-schemas';
import { deleteTemplate, getTemplate } from '@/lib/templates/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZTemplateParam,
    permission: 'sops.read',
    doc: { summary: 'One template with its full SOP content (the schema of an SOP version\'s content).', responses: { '200': '`{ template }`.', '404': 'No such template in this organization.' } },
  },
  async ({ tx, org, params }) => NextResponse.json({ template: await getTemplate(tx, org.id, params.id) }),
);

export const DELETE = orgRoute(
  {
    params: ZTemplateParam,
    permission: 'sops.edit',
    doc: {
      summary: 'Delete one of the organization\'s templates. SOPs made from it keep their content; built-ins cannot be deleted.',
      responses: { '204': 'Deleted.', '403': 'Your role cannot edit SOPs, or the template is a built-in.', '404': 'No such template in this organization.' },
    },
  },
  async ({ tx, org, params }) => {
    await deleteTemplate(tx, org.id, params.id);
    return new Response(null, { status: 204 });
  },
);
