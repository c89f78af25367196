/**
 * The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the route
 * handlers validate with (z.toJSONSchema), so the document cannot drift from what the API
 * accepts. Served at /api/v1/openapi.json and rendered on /docs/api.
 */
import { z } from 'zod';
import { ZCreateOrgInput, ZInviteInput, ZMemberParam, ZOrgParam } from '@/lib/orgs/api-schemas';
import { ZCreateSopInput, ZDiffQuery, ZExportQuery, ZGenerateInput, ZGenerationParam, ZImproveInput, ZListSopsQuery, ZPatchSopInput, ZSaveVersionInput, ZSopParam, ZVersionParam } from '@/lib/sops/api-schemas';

type Method = 'get' | 'post' | 'patch' | 'delete';

export interface Endpoint {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  ifMatch?: boolean;
  responses: Record<string, string>;
  stream?: boolean;
}

const SSE = 'Server-Sent Events: `generation`, `redactions`, `section` (one per finished section, with sanitized HTML), `citations_removed`, then `done { sopId, versionId, complete }` or `error { code, message, sopId, versionId }`.';

export const ENDPOINTS: Endpoint[] = [
  { method: 'get', path: '/frameworks', summary: 'The regulation library: frameworks with code, name, version and clause count.', responses: { '200': 'Frameworks.' } },
  { method: 'get', path: '/orgs', summary: 'Your organizations and your role in each.', responses: { '200': 'Organizations.' } },
  { method: 'post', path: '/orgs', summary: 'Create an organization (you become its owner).', body: ZCreateOrgInput, responses: { '201': 'Created.', '409': 'Address taken.' } },
  { method: 'get', path: '/orgs/{org}/members', summary: 'Members of an organization you belong to.', params: ZOrgParam, responses: { '200': 'Members.', '404': 'Not a member, or no such organization.' } },
  { method: 'delete', path: '/orgs/{org}/members/{userId}', summary: 'Remove a member (owners and admins), or leave.', params: ZMemberParam, responses: { '204': 'Removed.', '403': 'Not allowed.', '404': 'Not found.' } },
  { method: 'get', path: '/orgs/{org}/invites', summary: 'Pending and expired invitations (owners and admins).', params: ZOrgParam, responses: { '200': '`{ invites }`.', '403': 'Not allowed.' } },
  { method: 'post', path: '/orgs/{org}/invites', summary: 'Invite someone by email (owners and admins).', params: ZOrgParam, body: ZInviteInput, responses: { '201': 'Invited.', '403': 'Not allowed.' } },
  {
    method: 'get',
    path: '/orgs/{org}/sops',
    summary: 'Search and filter SOPs, newest first, in keyset pages (pass `nextCursor` as `cursor`).',
    params: ZOrgParam,
    query: ZListSopsQuery,
    responses: { '200': '`{ items, nextCursor }`.' },
  },
  { method: 'post', path: '/orgs/{org}/sops', summary: 'Create an SOP by hand, optionally with its first content (saved as version 0.1).', params: ZOrgParam, body: ZCreateSopInput, responses: { '201': 'Created; ETag is the draft revision.', '400': 'Invalid input (the message names the field), e.g. steps nested deeper than 5 levels.', '403': 'Your role cannot create SOPs.' } },
  {
    method: 'post',
    path: '/orgs/{org}/sops/generate',
    summary: 'Draft a new SOP with Claude (or the offline drafter), streamed.',
    description: `Personal data and the organization's sensitive terms are redacted before anything is sent to the model; citations outside the regulation library are removed. The run continues if the connection closes. ${SSE}`,
    params: ZOrgParam,
    body: ZGenerateInput,
    stream: true,
    responses: { '200': SSE, '403': 'Your role cannot draft SOPs.', '429': 'Rate limited (Retry-After).' },
  },
  { method: 'get', path: '/orgs/{org}/sops/{id}', summary: 'An SOP with its working draft. ETag = draft revision.', params: ZSopParam, responses: { '200': '`{ sop }`.', '404': 'Not found.' } },
  {
    method: 'patch',
    path: '/orgs/{org}/sops/{id}',
    summary: 'Save the working draft (title, department, content).',
    description: 'Send `If-Match` with the ETag you last received. If someone saved since, the answer is 409 with `current` (their text and revision) and nothing is overwritten.',
    params: ZSopParam,
    body: ZPatchSopInput,
    ifMatch: true,
    responses: { '200': 'Saved; new ETag.', '400': 'Invalid input (the message names the field).', '403': 'Your role cannot edit SOPs.', '409': 'Conflict: `{ error, current }`.', '428': 'If-Match missing.' },
  },
  { method: 'get', path: '/orgs/{org}/sops/{id}/versions', summary: 'Versions of an SOP, newest first.', params: ZSopParam, responses: { '200': '`{ versions }`.' } },
  { method: 'post', path: '/orgs/{org}/sops/{id}/versions', summary: 'Save the working draft as a new immutable version.', params: ZSopParam, body: ZSaveVersionInput, ifMatch: true, responses: { '201': '`{ version }`.', '403': 'Your role cannot edit SOPs.', '409': 'The draft changed since your ETag.' } },
  { method: 'get', path: '/orgs/{org}/sops/{id}/versions/{versionId}', summary: 'One version: content, sanitized HTML, source, model, token usage.', params: ZVersionParam, responses: { '200': '`{ version }`.', '404': 'Not found.' } },
  { method: 'get', path: '/orgs/{org}/sops/{id}/diff', summary: 'Section-by-section diff of two versions (line and word level).', params: ZSopParam, query: ZDiffQuery, responses: { '200': '`{ from, to, diff }`.' } },
  { method: 'post', path: '/orgs/{org}/sops/{id}/improve', summary: 'Rewrite one section with Claude following an instruction, streamed; saved as a new version.', params: ZSopParam, body: ZImproveInput, stream: true, responses: { '200': SSE, '422': 'AI processing is off or unavailable.' } },
  {
    method: 'get',
    path: '/orgs/{org}/sops/{id}/export.docx',
    summary: 'The version (default: current) as a controlled-document Word file (attachment). Audited.',
    params: ZSopParam,
    query: ZExportQuery,
    responses: { '200': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '404': 'No such SOP or version in this organization.', '422': 'The version does not match the content schema.', '429': 'Rate limited.' },
  },
  { method: 'get', path: '/orgs/{org}/sops/export.zip', summary: 'Every SOP’s current version as .docx files in one streamed .zip (X-Document-Count). Audited.', params: ZOrgParam, responses: { '200': 'application/zip', '429': 'Rate limited.' } },
  { method: 'get', path: '/orgs/{org}/generations/{id}', summary: 'A drafting run’s state.', params: ZGenerationParam, responses: { '200': '`{ generation }`.' } },
  { method: 'get', path: '/orgs/{org}/generations/{id}/events', summary: 'A drafting run as Server-Sent Events: what was stored so far, then live events.', params: ZGenerationParam, stream: true, responses: { '200': SSE } },
  { method: 'post', path: '/orgs/{org}/generations/{id}/cancel', summary: 'Cancel a drafting run; what it wrote is kept as an incomplete draft.', params: ZGenerationParam, responses: { '202': 'Cancel requested.', '403': 'Your role cannot edit SOPs, so it cannot cancel; the run goes on.' } },
  { method: 'post', path: '/orgs/{org}/generations/{id}/retry', summary: 'Draft a stopped run’s SOP again from the same input, streamed.', params: ZGenerationParam, stream: true, responses: { '200': SSE } },
  { method: 'get', path: '/orgs/{org}/billing', summary: 'Plan, subscription status, renewal date, usage this period and limits (every member).', params: ZOrgParam, responses: { '200': '`{ plan, status, currentPeriodEnd, cancelAtPeriodEnd, usage: { aiDraftsThisMonth, seats }, limits: { monthlyAiDrafts, seats }, billingConfigured }` (limits null = unlimited).' } },
  { method: 'get', path: '/me/export', summary: 'Everything SOPwright holds about you, as a JSON download.', responses: { '200': 'The export.' } },
];

function schema(s: z.ZodType): Record<string, unknown> {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  void _drop;
  return rest;
}

function parameters(e: Endpoint) {
  const out: Record<string, unknown>[] = [];
  for (const [where, obj] of [['path', e.params], ['query', e.query]] as const) {
    if (!obj) continue;
    const js = schema(obj) as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, s] of Object.entries(js.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
    }
  }
  if (e.ifMatch) out.push({ name: 'If-Match', in: 'header', required: true, schema: { type: 'string', example: '"r3"' }, description: 'The ETag of the draft you are changing.' });
  return out;
}

const ERROR = {
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
};

export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of ENDPOINTS) {
    const op: Record<string, unknown> = {
      summary: e.summary,
      ...(e.description && { description: e.description }),
      parameters: parameters(e),
      responses: Object.fromEntries(
        Object.entries(e.responses).map(([code, description]) => [
          code,
          Number(code) >= 400
            ? { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }
            : { description, ...(e.stream && code === '200' && { content: { 'text/event-stream': { schema: { type: 'string' } } } }) },
        ]),
      ),
    };
    if (e.body) op.requestBody = { required: true, content: { 'application/json': { schema: schema(e.body) } } };
    (paths[e.path] ??= {})[e.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'SOPwright API',
      version: '1',
      description: 'Organizations, SOPs, drafting and versions. Authenticate with a Supabase access token (`Authorization: Bearer …`) or the session cookie. Errors are `{ error: { code, message } }`. Text is plain text, stored as sent and escaped wherever it is shown; a string that is not well-formed Unicode (a lone surrogate) is refused.',
    },
    servers: [{ url: `${serverUrl}/api/v1` }],
    security: [{ bearer: [] }, { cookie: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'sb-sopwright-auth-token' },
      },
      schemas: { Error: ERROR },
    },
    paths,
  };
}
