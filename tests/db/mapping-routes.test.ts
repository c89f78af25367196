/**
 * The mapping routes as Next calls them (a Bearer token the auth emulator issued), with the
 * real Anthropic SDK against the local Messages API fake: PUT/GET the organization's
 * frameworks (an unknown code is a 400), map by hand and from references, and suggest with
 * Claude — whose call happens with no transaction open (the database counts what is open when
 * the fake receives it), the invented clause reported as dropped — then accept and reject.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Database, Tx } from '@/lib/db/types';
import { prepareContent } from '@/lib/sops/prepare';
import { draftOffline } from '@/lib/ai/offline-drafter';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';
import { authHarnessForFile, stubAppFetch, SITE } from '../helpers/auth-harness';
import { claimsFor } from '../helpers/test-db';

const API_KEY = 'sk-ant-test-mapping-routes-0123456789';
const h = authHarnessForFile();
let fake: FakeAnthropic;
let open = 0;
/** Transactions open when the fake received each request. */
const openAtCall: number[] = [];
let token: string;
let sopId: string;
type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
let routes: {
  frameworks: { GET: Handler; PUT: Handler };
  mappings: { GET: Handler; POST: Handler };
  fromReferences: { POST: Handler };
  suggest: { POST: Handler };
  accept: { POST: Handler };
  mapping: { DELETE: Handler };
};

function tracking(db: Database): Database {
  return {
    kind: db.kind,
    close: () => db.close(),
    execute: (text, params) => db.execute(text, params),
    listen: (channel, onPayload) => db.listen(channel, onPayload),
    async transaction<T>(fn: (tx: Tx) => Promise<T>) {
      open++;
      try {
        return await db.transaction(fn);
      } finally {
        open--;
      }
    },
  };
}

beforeAll(async () => {
  process.env.APP_URL = SITE;
  process.env.ANTHROPIC_API_KEY = API_KEY;
  delete process.env.ANTHROPIC_MODEL;
  fake = await startFakeAnthropic({
    apiKey: API_KEY,
    defaultInput: (body: Record<string, unknown>) => {
      openAtCall.push(open);
      const listed = [...String(body.system).matchAll(/^- ([A-Z0-9-]+) \| (.+?) \| /gm)].slice(0, 2);
      return { proposals: [...listed.map(([, framework, clause]) => ({ framework, clause, reason: 'The procedure does it.' })), { framework: 'ISO9001', clause: '11.4', reason: 'Invented.' }] };
    },
  });
  process.env.ANTHROPIC_BASE_URL = fake.url;
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(tracking(h.t.db));
  stubAppFetch(h);
  const c = await h.confirmedUser('mapper@routes.test');
  token = (await c.auth.getSession()).data.session!.access_token;
  const me = (await c.auth.getUser()).data.user!.id;
  const content = prepareContent({
    ...draftOffline({ title: 'Thermometer calibration', processDescription: '1. Operator calibrates the thermometer\n2. QA records it in the calibration log', frameworks: [] }),
    references: [{ framework: 'ISO9001', clause: '7.1.5', reason: 'Step 1' }, { framework: 'ISO9001', clause: '11.4' }],
  });
  sopId = await h.t.withUser(claimsFor(me), async (tx) => {
    const [org] = await tx.query<{ id: string }>("select id from private.create_organization('Route Labs', 'route-labs')");
    const [sop] = await tx.query<{ id: string }>('insert into public.sops (org_id, title, owner_id, draft_content, created_by) values ($1, $2, $3, $4::jsonb, $3) returning id', [org!.id, 'Thermometer calibration', me, JSON.stringify(content)]);
    return sop!.id;
  });
  const base = '@/app/api/v1/orgs/[org]';
  routes = {
    frameworks: await import(`${base}/frameworks/route`),
    mappings: await import(`${base}/sops/[id]/mappings/route`),
    fromReferences: await import(`${base}/sops/[id]/mappings/from-references/route`),
    suggest: await import(`${base}/sops/[id]/mappings/suggest/route`),
    accept: await import(`${base}/sops/[id]/mappings/[mappingId]/accept/route`),
    mapping: await import(`${base}/sops/[id]/mappings/[mappingId]/route`),
  };
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await fake?.close();
});

async function send(handler: Handler, method: string, path: string, params: Record<string, string>, json?: unknown) {
  const res = await handler(
    new Request(`${SITE}/api/v1/orgs/route-labs${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(json !== undefined && { 'Content-Type': 'application/json' }) }, body: json === undefined ? undefined : JSON.stringify(json) }),
    { params: Promise.resolve({ org: 'route-labs', ...params }) },
  );
  return { status: res.status, body: res.status === 204 ? null : ((await res.json()) as Record<string, unknown>) };
}

describe('mapping routes', () => {
  it('frameworks: PUT the set, GET it back; an unknown code is a 400 that names the field', async () => {
    expect(await send(routes.frameworks.PUT, 'PUT', '/frameworks', {}, { frameworks: ['ISO9001', '21CFR211'] })).toEqual({ status: 200, body: { frameworks: ['21CFR211', 'ISO9001'], added: ['21CFR211', 'ISO9001'], removed: [] } });
    expect(await send(routes.frameworks.GET, 'GET', '/frameworks', {})).toEqual({ status: 200, body: { frameworks: ['21CFR211', 'ISO9001'] } });
    const bad = await send(routes.frameworks.PUT, 'PUT', '/frameworks', {}, { frameworks: ['ISO9001', 'ISO9999'] });
    expect(bad.status).toBe(400);
    expect((bad.body!.error as { message: string }).message).toMatch(/^frameworks\.1: /);
  });

  it('by hand (201, then 409 already_mapped, 422 for a clause not in the library) and from references', async () => {
    const p = { id: sopId };
    const added = await send(routes.mappings.POST, 'POST', `/sops/${sopId}/mappings`, p, { framework: 'ISO9001', clause: '7.2' });
    expect(added.status).toBe(201);
    expect(await send(routes.mappings.POST, 'POST', `/sops/${sopId}/mappings`, p, { framework: 'ISO9001', clause: '7.2' })).toMatchObject({ status: 409, body: { error: { code: 'conflict', reason: 'already_mapped' } } });
    expect((await send(routes.mappings.POST, 'POST', `/sops/${sopId}/mappings`, p, { framework: 'ISO9001', clause: '11.4' })).status).toBe(422);
    expect((await send(routes.mappings.POST, 'POST', `/sops/${sopId}/mappings`, p, { framework: 'NOPE', clause: '1' })).status).toBe(400);
    const refs = await send(routes.fromReferences.POST, 'POST', `/sops/${sopId}/mappings/from-references`, p);
    expect(refs.status).toBe(200);
    expect([(refs.body!.added as unknown[]).length, refs.body!.skipped, refs.body!.unknown]).toEqual([1, 0, 1]);
  });

  it('suggest with Claude: the call is made with no transaction open; the invented clause is dropped; accept one, reject the other', async () => {
    openAtCall.length = 0;
    const r = await send(routes.suggest.POST, 'POST', `/sops/${sopId}/mappings/suggest`, { id: sopId }, { frameworks: ['ISO9001'] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(openAtCall).toEqual([0]);
    expect(r.body!.engine).toBe('claude');
    expect(r.body!.dropped).toEqual([{ framework: 'ISO9001', clause: '11.4' }]);
    expect(r.body!.message).toContain('1 suggestion was dropped: not clauses of the library (ISO 9001 11.4).');
    const added = r.body!.added as { id: string; clause: string; status: string }[];
    expect(added.map((m) => m.status)).toEqual(['proposed', 'proposed']);
    const [a, b] = added;
    expect((await send(routes.accept.POST, 'POST', `/sops/${sopId}/mappings/${a!.id}/accept`, { id: sopId, mappingId: a!.id })).body).toMatchObject({ mapping: { status: 'accepted' } });
    expect((await send(routes.accept.POST, 'POST', `/sops/${sopId}/mappings/${a!.id}/accept`, { id: sopId, mappingId: a!.id })).status).toBe(409);
    expect((await send(routes.mapping.DELETE, 'DELETE', `/sops/${sopId}/mappings/${b!.id}`, { id: sopId, mappingId: b!.id })).status).toBe(204);
    const list = await send(routes.mappings.GET, 'GET', `/sops/${sopId}/mappings`, { id: sopId });
    expect((list.body!.mappings as { clause: string; status: string }[]).map((m) => `${m.clause} ${m.status}`).sort()).toEqual(['7.1.5 accepted', '7.2 accepted', `${a!.clause} accepted`].sort());
  });

  it('keyword matching when asked: no call to Claude', async () => {
    const before = fake.requests.length;
    const r = await send(routes.suggest.POST, 'POST', `/sops/${sopId}/mappings/suggest`, { id: sopId }, { engine: 'keywords' });
    expect(r.status).toBe(200);
    expect(r.body!.engine).toBe('keywords');
    expect(fake.requests.length).toBe(before);
  });
});
