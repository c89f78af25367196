import { describe, expect, it } from 'vitest';
import { ENDPOINTS, openApiDocument } from '@/lib/http/openapi';
import { routeHandlers } from '@/tests/helpers/route-files';

/** Every route file under app/api/v1 with its exported HTTP methods, as /api/v1 paths. */
const routes = () => routeHandlers('app/api/v1').filter((r) => r !== 'get /openapi.json');

describe('OpenAPI document', () => {
  it('documents every /api/v1 route handler and nothing that does not exist', () => {
    expect(ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(routes());
  });

  it('is OpenAPI 3.1 with request bodies from the zod schemas', () => {
    const doc = openApiDocument('https://sop.example.com');
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]!.url).toBe('https://sop.example.com/api/v1');
    const gen = (doc.paths['/orgs/{org}/sops/generate'] as Record<string, { requestBody: { content: { 'application/json': { schema: { required: string[]; properties: Record<string, unknown> } } } } }>).post!;
    const schema = gen.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'processDescription']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['title', 'processDescription', 'industry', 'frameworks', 'audience', 'detail']));
    const patch = (doc.paths['/orgs/{org}/sops/{id}'] as Record<string, { parameters: { name: string; in: string }[] }>).patch!;
    expect(patch.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'If-Match', in: 'header' }), expect.objectContaining({ name: 'org', in: 'path' })]));
  });
});
