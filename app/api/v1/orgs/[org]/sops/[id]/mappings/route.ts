import { NextResponse } from 'next/server';
import { addMapping, listMappings, ZAddMappingInput } from '@/lib/compliance/mappings';
import { orgRoute } from '@/lib/http/route';
import { ZSopParam } from '@/lib/sops/api-schemas';
import { SOP_WRITE_PER_USER } from '@/lib/sops/limits';

export const dynamic = 'force-dynamic';

const MAPPING = '`{ id, sopId, framework, frameworkName, clause, clauseTitle, withdrawn, origin: "manual" | "references" | "suggested", status: "proposed" | "accepted", suggestedBy: "claude" | "keywords" | null, rationale, createdByName, createdAt, acceptedByName, acceptedAt }`';

export const GET = orgRoute(
  {
    params: ZSopParam,
    permission: 'sops.read',
    doc: {
      summary: 'The clauses this SOP is mapped to (accepted) and the suggestions waiting for a person (proposed), by framework.',
      responses: { '200': `\`{ mappings: [mapping] }\`, each ${MAPPING}.`, '404': 'No such SOP in this organization.' },
    },
  },
  async ({ tx, org, params }) => NextResponse.json({ mappings: await listMappings(tx, { orgId: org.id, sopId: params.id }) }),
);

export const POST = orgRoute(
  {
    params: ZSopParam,
    body: ZAddMappingInput,
    permission: 'sops.edit',
    rateLimit: SOP_WRITE_PER_USER,
    doc: {
      summary: 'Map this SOP to a clause by hand: `{ framework, clause }`, a clause of a current library framework that is not withdrawn.',
      responses: {
        '201': `\`{ mapping }\`, ${MAPPING}.`,
        '400': 'Invalid input (the message names the field).',
        '403': 'Your role cannot edit SOPs.',
        '404': 'No such SOP in this organization.',
        '409': 'Already mapped, or waiting as a suggestion (`reason: "already_mapped"`).',
        '422': 'Not a clause of that framework in the library, or a withdrawn one.',
      },
    },
  },
  async ({ tx, org, params, body }) => NextResponse.json({ mapping: await addMapping(tx, { orgId: org.id, sopId: params.id }, body) }, { status: 201 }),
);
