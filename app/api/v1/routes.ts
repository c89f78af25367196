/**
 * Every route module of /api/v1, by path, in the order the API reference lists them: the one
 * list the OpenAPI document is built from (each handler carries its own description).
 * tests/unit/openapi.test.ts fails when a route file is missing here or has no description.
 */
import { endpointsOf, openApiDocument, type Operation } from '@/lib/http/openapi';
import { ZOrgParam } from '@/lib/orgs/api-schemas';
import { ZGenerateInput, ZGenerationParam, ZImproveInput, ZSopParam } from '@/lib/sops/api-schemas';
import * as frameworks from './frameworks/route';
import * as me from './me/export/route';
import * as orgs from './orgs/route';
import * as billing from './orgs/[org]/billing/route';
import * as generation from './orgs/[org]/generations/[id]/route';
import * as cancel from './orgs/[org]/generations/[id]/cancel/route';
import * as events from './orgs/[org]/generations/[id]/events/route';
import * as retry from './orgs/[org]/generations/[id]/retry/route';
import * as invites from './orgs/[org]/invites/route';
import * as members from './orgs/[org]/members/route';
import * as member from './orgs/[org]/members/[userId]/route';
import * as sops from './orgs/[org]/sops/route';
import * as exportZip from './orgs/[org]/sops/export.zip/route';
import * as generate from './orgs/[org]/sops/generate/route';
import * as sop from './orgs/[org]/sops/[id]/route';
import * as diff from './orgs/[org]/sops/[id]/diff/route';
import * as exportDocx from './orgs/[org]/sops/[id]/export.docx/route';
import * as improve from './orgs/[org]/sops/[id]/improve/route';
import * as versions from './orgs/[org]/sops/[id]/versions/route';
import * as version from './orgs/[org]/sops/[id]/versions/[versionId]/route';

export const ROUTES: Record<string, object> = {
  '/frameworks': frameworks,
  '/orgs': orgs,
  '/orgs/{org}/members': members,
  '/orgs/{org}/members/{userId}': member,
  '/orgs/{org}/invites': invites,
  '/orgs/{org}/sops': sops,
  '/orgs/{org}/sops/generate': generate,
  '/orgs/{org}/sops/{id}': sop,
  '/orgs/{org}/sops/{id}/versions': versions,
  '/orgs/{org}/sops/{id}/versions/{versionId}': version,
  '/orgs/{org}/sops/{id}/diff': diff,
  '/orgs/{org}/sops/{id}/improve': improve,
  '/orgs/{org}/sops/{id}/export.docx': exportDocx,
  '/orgs/{org}/sops/export.zip': exportZip,
  '/orgs/{org}/generations/{id}': generation,
  '/orgs/{org}/generations/{id}/events': events,
  '/orgs/{org}/generations/{id}/cancel': cancel,
  '/orgs/{org}/generations/{id}/retry': retry,
  '/orgs/{org}/billing': billing,
  '/me/export': me,
};

const SSE = 'Server-Sent Events: `generation`, `redactions`, `section` (one per finished section, with sanitized HTML), `citations_removed`, then `done { sopId, versionId, complete }` or `error { code, message, sopId, versionId }`.';

/** The drafting routes' descriptions, until those routes pass their own `doc` (issue 12, drafting in lib/generation). */
export const DRAFTING_DOCS: Record<string, Operation> = {
  'post /orgs/{org}/sops/generate': {
    summary: 'Draft a new SOP with Claude (or the offline drafter), streamed.',
    description: `Personal data and the organization's sensitive terms are redacted before anything is sent to the model; citations outside the regulation library are removed. The run continues if the connection closes. ${SSE}`,
    params: ZOrgParam,
    body: ZGenerateInput,
    stream: true,
    responses: { '200': SSE, '403': 'Your role cannot draft SOPs.', '429': 'Rate limited (Retry-After).' },
  },
  'post /orgs/{org}/sops/{id}/improve': { summary: 'Rewrite one section with Claude following an instruction, streamed; saved as a new version.', params: ZSopParam, body: ZImproveInput, stream: true, responses: { '200': SSE, '422': 'AI processing is off or unavailable.' } },
  'get /orgs/{org}/generations/{id}': { summary: 'A drafting run’s state.', params: ZGenerationParam, responses: { '200': '`{ generation }`.' } },
  'get /orgs/{org}/generations/{id}/events': { summary: 'A drafting run as Server-Sent Events: what was stored so far, then live events.', params: ZGenerationParam, stream: true, responses: { '200': SSE } },
  'post /orgs/{org}/generations/{id}/cancel': { summary: 'Cancel a drafting run; what it wrote is kept as an incomplete draft.', params: ZGenerationParam, responses: { '202': 'Cancel requested.', '403': 'Your role cannot edit SOPs, so it cannot cancel; the run goes on.' } },
  'post /orgs/{org}/generations/{id}/retry': { summary: 'Draft a stopped run’s SOP again from the same input, streamed.', params: ZGenerationParam, stream: true, responses: { '200': SSE } },
};

export const endpoints = () => endpointsOf(ROUTES, DRAFTING_DOCS);

export const apiDocument = (serverUrl: string) => openApiDocument(serverUrl, endpoints());
