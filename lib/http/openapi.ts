/**
 * The OpenAPI 3.1 document of /api/v1, built from the route modules themselves: each handler
 * carries the description its route declared (apiRoute/orgRoute `doc`) together with the zod
 * schemas it validates with (z.toJSONSchema), so the document cannot drift from what the API
 * accepts. The one list of modules is app/api/v1/routes.ts. Served at /api/v1/openapi.json
 * and rendered on /docs/api.
 */
import { z } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
const METHODS: readonly Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** What a route says about itself in the document. */
export interface RouteDoc {
  summary: string;
  description?: string;
  /** Status → what it means. */
  responses: Record<string, string>;
  /** The route requires If-Match with the draft's ETag. */
  ifMatch?: boolean;
  /** The 200 answer is Server-Sent Events. */
  stream?: boolean;
}

/** A route's description with the schemas its wrapper validates. */
export interface Operation extends RouteDoc {
  /** Anyone may call it, signed in or not (publicRoute). */
  public?: true;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
}

export interface Endpoint extends Operation {
  method: Method;
  path: string;
}

/**
 * The endpoints of route modules keyed by their /api/v1 path ({param} for [param]), in order:
 * each exported handler's own operation, else the one `fallback` holds for "method path".
 */
export function endpointsOf(routes: Record<string, object>): Endpoint[] {
  return Object.entries(routes).flatMap(([path, mod]) =>
    METHODS.flatMap((method) => {
      const handler = (mod as Record<string, { operation?: Operation } | undefined>)[method.toUpperCase()];
      if (!handler) return [];
      const op = handler.operation;
      if (!op) throw new Error(`${method.toUpperCase()} /api/v1${path} declares no OpenAPI description.`);
      return [{ method, path, ...op }];
    }),
  );
}

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

export function openApiDocument(serverUrl: string, endpoints: Endpoint[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const e of endpoints) {
    const op: Record<string, unknown> = {
      summary: e.summary,
      ...(e.description && { description: e.description }),
      ...(e.public && { security: [] }),
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
