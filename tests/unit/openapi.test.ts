import { describe, expect, it } from 'vitest';
import { apiDocument, endpoints, ROUTES } from '@/app/api/v1/routes';
import type { Operation } from '@/lib/http/openapi';
import { routeHandlers } from '@/tests/helpers/route-files';

/** Every route file under app/api/v1 with its exported HTTP methods, as /api/v1 paths. */
const routes = () => routeHandlers('app/api/v1').filter((r) => r !== 'get /openapi.json');

/** Each listed handler as "method path", with the description it carries itself. */
const handlers = () =>
  Object.entries(ROUTES).flatMap(([path, mod]) =>
    Object.entries(mod as Record<string, unknown>)
      .filter(([name]) => /^(GET|POST|PATCH|DELETE|PUT)$/.test(name))
      .map(([name, handler]) => ({ key: `${name.toLowerCase()} ${path}`, own: (handler as { operation?: Operation }).operation })),
  );

describe('OpenAPI document', () => {
  it('lists every /api/v1 route file in app/api/v1/routes.ts, and nothing that does not exist', () => {
    expect(handlers().map((h) => h.key).sort()).toEqual(routes());
    expect(endpoints().map((e) => `${e.method} ${e.path}`).sort()).toEqual(routes());
  });

  it('has a description declared beside every listed handler', () => {
    expect(handlers().filter((h) => !h.own).map((h) => h.key)).toEqual([]);
    for (const e of endpoints()) expect(e.summary, `${e.method} ${e.path}`).not.toBe('');
  });

  it('is OpenAPI 3.1 with request bodies from the zod schemas', () => {
    const doc = apiDocument('https://sop.example.com');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('https://sop.example.com/api/v1');
    const gen = (doc.paths['/orgs/{org}/sops/generate'] as Record<string, { requestBody: { content: { 'application/json': { schema: { required: string[]; properties: Record<string, unknown> } } } } }>).post!;
    const schema = gen.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'processDescription']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'processDescription', 'industry', 'frameworks', 'audience', 'detail']));
    // The library is public: no security requirement; everything else needs a token or the cookie.
    const library = doc.paths['/frameworks/{code}'] as Record<string, { security?: unknown[]; parameters: { name: string; in: string }[] }>;
    expect(library.get!.security).toEqual([]);
    expect(library.get!.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'code', in: 'path' }), expect.objectContaining({ name: 'q', in: 'query' })]));
    expect((doc.paths['/orgs'] as Record<string, { security?: unknown[] }>).get!.security).toBeUndefined();
    const patch = (doc.paths['/orgs/{org}/sops/{id}'] as Record<string, { parameters: { name: string; in: string }[] }>).patch!;
    expect(patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' }), expect.objectContaining({ name: 'org', in: 'path' })]));
  });
});
