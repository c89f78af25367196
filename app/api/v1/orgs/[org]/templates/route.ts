import { NextResponse } from 'next/server';
import { orgRoute } from '@/lib/http/route';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';
import { ZSaveTemplateInput } from '@/lib/templates/api-schemas';
import { listTemplates, saveSopAsTemplate } from '@/lib/templates/service';

export const dynamic = 'force-dynamic';

export const GET = orgRoute(
  {
    params: ZOrgParam,
    permission: 'sops.read',
    doc: {
      summary: 'Templates to start an SOP from: the built-ins (ids "builtin:<name>") and then the organization\'s own (UUIDs), without their content.',
      responses: { '200': '`{ templates: [{ id, kind: "builtin" | "org", name, industry, description, createdByName, createdAt, sourceSopId }] }`.', '404': 'Not a member, or no such organization.' },
    },
  },
  async ({ tx, org }) => NextResponse.json({ templates: await listTemplates(tx, org.id) }),
);

export const POST = orgRoute(
  {
    params: ZOrgParam,
    body: ZSaveTemplateInput,
    permission: 'sops.edit',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Save an SOP as a template of this organization: copies its working draft (what the SOP page shows), without its document number and revision history.',
      responses: {
        '201': '`{ template }` with its content.',
        '400': 'Invalid input (the message names the field).',
        '403': 'Your role cannot edit SOPs.',
        '404': 'No such SOP in this organization.',
        '409': 'The organization already has a template with that name.',
        '422': 'The SOP has no content yet.',
      },
    },
  },
  async ({ tx, org, body }) => NextResponse.json({ template: await saveSopAsTemplate(tx, { orgId: org.id, ...body }) }, { status: 201 }),
);
