import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS, openApiDocument } from '@/lib/http/openapi';

/** Every route file under app/api/v1 with its exported HTTP methods, as /api/v1 paths. */
function routes(): string[] {
  const root = path.join(process.cwd(), 'app/api/v1');
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name === 'route.ts') {
        const rel = path.relative(root, dir).split(path.sep).map((s) => s.replace(/^\[(.+)\]$/, '{$1}'));
        const apiPath = `/${rel.join('/')}`;
        if (apiPath === '/openapi.json') continue;
        for (const m of readFileSync(p, 'utf8').matchAll(/export (?:const|async function|function) (GET|POST|PATCH|DELETE|PUT)\b/g)) out.push(`${m[1]!.toLowerCase()} ${apiPath}`);
      }
    }
  };
  walk(root);
  return out.sort();
}

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
