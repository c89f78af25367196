/**
 * Gap analysis end to end below the browser: the route handlers called as Next calls them
 * (a Bearer token the auth emulator issued), the real Anthropic SDK against the local Messages
 * API fake, and the database (PGlite or Postgres). Proves what leaves for the model (scrubbed
 * as drafting scrubs it), that quotes are checked against that scrubbed text and inventions
 * dropped and flagged, that no transaction is held while Claude answers, that a failure
 * stores nothing, the offline engine, the refusals (role, framework, unknown code), and that
 * another organization can neither read nor write the rows.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { claimsFor } from '../helpers/test-db';
import type { VerifiedClaims } from '@/lib/db/claims';
import { CURRENT_FRAMEWORKS, leafClauses } from '@/lib/library';
import type { TSopContent } from '@/lib/sops/content';
import { behaviours, startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';
import { authHarnessForFile, SITE, stubAppFetch } from '../helpers/auth-harness';

const API_KEY = 'sk-ant-test-gap-analysis-0123456789';
const h = authHarnessForFile();
let fake: FakeAnthropic;
let route: typeof import('@/app/api/v1/orgs/[org]/sops/[id]/gap-analyses/route');
const tokens: Record<'owner' | 'viewer' | 'other', string> = { owner: '', viewer: '', other: '' };
const claims: Partial<Record<'owner' | 'other', VerifiedClaims>> = {};
let sopId = '';
let versionId = '';
let orgId = '';

const CONTENT: TSopContent = {
  titleBlock: { title: 'Filler sanitation', documentNumber: '', department: 'Production' },
  purpose: 'Describes how the filler is cleaned and sanitized between runs.',
  scope: 'Applies to the filler on line 2.',
  responsibilities: [{ role: 'Operator', duties: 'Cleans the filler. Questions go to dana.lee@example.com.' }],
  definitions: [],
  materialsAndEquipment: ['ATP swabs'],
  healthAndSafety: { cautions: [], ppe: ['Gloves'] },
  procedure: [
    { text: 'Rinse the filler at Riverside Plant with potable water.', callouts: [], substeps: [] },
    { text: 'Swab the nozzles with ATP swabs and record the result in the sanitation log.', callouts: [], substeps: [] },
  ],
  records: [{ name: 'Sanitation log', retention: '2 years' }],
  references: [],
  revisionHistory: [],
};

const url = (slug: string, id = sopId, q = '') => `${SITE}/api/v1/orgs/${slug}/sops/${id}/gap-analyses${q}`;
const post = (who: keyof typeof tokens, body: unknown, slug = 'gap-foods', id = sopId) =>
  route.POST(new Request(url(slug, id), { method: 'POST', headers: { Authorization: `Bearer ${tokens[who]}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) }), { params: Promise.resolve({ org: slug, id }) });
const get = (who: keyof typeof tokens, q = '', slug = 'gap-foods', id = sopId) => route.GET(new Request(url(slug, id, q), { headers: { Authorization: `Bearer ${tokens[who]}` } }), { params: Promise.resolve({ org: slug, id }) });

const stored = async () => Number((await h.t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.sop_gap_analyses where sop_id = $1', [sopId])))[0]!.n);

const HACCP_ANSWER = {
  addressed: [
    { clause: 'HACCP-P7', quote: 'Swab the nozzles with ATP swabs and record the result in the sanitation log.', location: 'Purpose', reason: 'Results are recorded.' },
    { clause: 'HACCP-P6', quote: 'QA verifies the ATP result against the limit every shift.', reason: 'Invented sentence.' },
    { clause: 'HACCP-P5', quote: 'Rinse the filler at Riverside Plant with potable water.', reason: 'The unscrubbed text was never sent.' },
    { clause: 'HACCP-P1', quote: 'rinse the filler at [TERM_1] with potable water', reason: 'Quoted as it was sent.' },
  ],
  gaps: [
    { clause: 'HACCP-P3', reason: 'No ATP pass limit is stated.', section: 'procedure' },
    { clause: 'HACCP-P42', reason: 'Invented clause.', section: 'records' },
  ],
};

beforeAll(async () => {
  fake = await startFakeAnthropic({ apiKey: API_KEY, defaultInput: HACCP_ANSWER });
  process.env.APP_URL = SITE;
  process.env.ANTHROPIC_API_KEY = API_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
  delete process.env.ANTHROPIC_MODEL;
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(h.t.db);
  stubAppFetch(h);
  const ids: Record<string, string> = {};
  for (const who of ['owner', 'viewer', 'other'] as const) {
    const c = await h.confirmedUser(`${who}@gap.test`);
    tokens[who] = (await c.auth.getSession()).data.session!.access_token;
    ids[who] = (await c.auth.getUser()).data.user!.id;
  }
  claims.owner = claimsFor(ids.owner!);
  claims.other = claimsFor(ids.other!);
  orgId = (await h.t.withUser(claims.owner, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Gap Foods', 'gap-foods')")))[0]!.id;
  await h.t.withUser(claims.other, (tx) => tx.query("select private.create_organization('Other Foods', 'other-foods')"));
  await h.t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')", [orgId, ids.viewer]));
  await h.t.withUser(claims.owner, (tx) => tx.query("update public.organizations set sensitive_terms = '{Riverside Plant}' where id = $1", [orgId]));
  const { createSop, createVersion } = await import('@/lib/sops/service');
  const { prepareContent } = await import('@/lib/sops/prepare');
  await h.t.withUser(claims.owner, async (tx) => {
    const sop = await createSop(tx, { orgId, userId: ids.owner!, title: 'Filler sanitation', content: CONTENT });
    sopId = sop.id;
    versionId = (await createVersion(tx, { orgId, sopId, authorId: ids.owner!, content: prepareContent(CONTENT), source: 'manual', changeSummary: 'First' })).id;
  });
  route = await import('@/app/api/v1/orgs/[org]/sops/[id]/gap-analyses/route');
});
afterAll(async () => {
  vi.unstubAllGlobals();
  await fake?.close();
});

describe('gap analysis with Claude (fake Messages API, real SDK)', () => {
  it('sends the SOP scrubbed as drafting scrubs it, keeps the verified answer with recomputed locations, drops and flags inventions, and stores it against the current version', async () => {
    const before = fake.requests.length;
    const res = await post('owner', { framework: 'HACCP' });
    expect(res.status, await res.clone().text()).toBe(201);
    const { analysis } = (await res.json()) as { analysis: import('@/lib/compliance/gap-service').GapAnalysis };
    const sent = fake.requests.slice(before).map((r) => r.raw).join('\n');
    expect(sent).not.toContain('Riverside Plant');
    expect(sent).not.toContain('dana.lee@example.com');
    expect(sent).toContain('[TERM_1]');
    expect(sent).toContain('[EMAIL_1]');
    expect(sent).toContain('[Procedure step 2] Swab the nozzles');
    expect(sent).toContain('HACCP-P7 | Establish documentation and record keeping');
    expect(fake.requests.at(-1)!.body!.tool_choice).toEqual({ type: 'tool', name: 'report_gaps', disable_parallel_tool_use: true });

    expect(analysis).toMatchObject({ sopId, framework: 'HACCP', engine: 'claude', model: 'claude-sonnet-5-5', versionId, versionLabel: '0.1', createdByName: 'owner@gap.test' });
    expect(analysis.result.addressed).toEqual([
      { clause: 'HACCP-P7', quote: 'Swab the nozzles with ATP swabs and record the result in the sanitation log.', location: { section: 'procedure', label: 'Procedure step 2' }, reason: 'Results are recorded.' },
      { clause: 'HACCP-P1', quote: 'Rinse the filler at [TERM_1] with potable water.', location: { section: 'procedure', label: 'Procedure step 1' }, reason: 'Quoted as it was sent.' },
    ]);
    expect(analysis.result.gaps).toEqual([{ clause: 'HACCP-P3', reason: 'No ATP pass limit is stated.', section: 'procedure' }]);
    expect(analysis.result.flagged.map((f) => [f.kind, f.clause])).toEqual([
      ['quote_not_found', 'HACCP-P6'],
      ['quote_not_found', 'HACCP-P5'],
      ['unknown_clause', 'HACCP-P42'],
    ]);
    expect(analysis.result.flagged[2]!.message).toBe('Dropped: HACCP-P42 is not a clause of HACCP.');

    const audit = await h.t.asService((tx) => tx.query<{ action: string; data: Record<string, unknown> }>("select action, data from public.audit_events where action = 'compliance.gap_analysis_run' and org_id = $1", [orgId]));
    expect(audit.at(-1)!.data).toMatchObject({ framework: 'HACCP', engine: 'claude', gaps: 1, addressed: 2, flagged: 3, version_id: versionId });
  });

  it('holds no transaction while Claude answers: the database serves other work meanwhile', async () => {
    fake.script({ kind: 'tool', holdAfter: 1 });
    const n = await stored();
    const before = fake.requests.length;
    const pending = post('owner', { framework: 'HACCP' });
    await vi.waitFor(() => expect(fake.requests[before]?.chunks.sent).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
    // PGlite has one connection: a transaction held across the call would block this one.
    const meanwhile = await h.t.withUser(claims.owner!, (tx) => tx.query<{ n: number }>('select count(*)::int as n from public.sop_gap_analyses where sop_id = $1', [sopId]));
    expect(meanwhile[0]!.n).toBe(n);
    fake.release();
    expect((await pending).status).toBe(201);
    expect(await stored()).toBe(n + 1);
  });

  it('a Claude failure is a clear error and stores nothing', async () => {
    const n = await stored();
    fake.script(behaviours.serverError('1'), behaviours.serverError('1'), behaviours.serverError('1'));
    const res = await post('owner', { framework: 'HACCP' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('unavailable');
    expect(body.error.message).toMatch(/Nothing was stored\. Try again, or run the offline keyword analysis\./);
    fake.script({ kind: 'tool', rawJson: '{"addressed": [' });
    expect((await post('owner', { framework: 'HACCP' })).status).toBe(502);
    expect(await stored()).toBe(n);
  });
});

describe('gap analysis offline, refusals, reading', () => {
  it('engine offline: the keyword analysis, verified, labelled offline, nothing sent to the model', async () => {
    const before = fake.requests.length;
    const res = await post('owner', { framework: 'ISO9001', engine: 'offline' });
    expect(res.status).toBe(201);
    const { analysis } = (await res.json()) as { analysis: import('@/lib/compliance/gap-service').GapAnalysis };
    expect(fake.requests.length).toBe(before);
    expect(analysis).toMatchObject({ engine: 'offline', model: 'offline', framework: 'ISO9001', versionId });
    expect(analysis.result.flagged).toEqual([]);
    // the original text (nothing left the server): the sensitive term is quoted as written
    expect(analysis.result.addressed.find((a) => a.clause === '7.5')).toMatchObject({ quote: 'Swab the nozzles with ATP swabs and record the result in the sanitation log.', location: { label: 'Procedure step 2' } });
  });

  it('AI processing off for the organization: auto runs offline', async () => {
    await h.t.withUser(claims.owner!, (tx) => tx.query('update public.organizations set ai_allowed = false where id = $1', [orgId]));
    const before = fake.requests.length;
    const res = await post('owner', { framework: 'HACCP' });
    expect(res.status).toBe(201);
    expect(((await res.json()) as { analysis: { engine: string } }).analysis.engine).toBe('offline');
    expect(fake.requests.length).toBe(before);
    await h.t.withUser(claims.owner!, (tx) => tx.query('update public.organizations set ai_allowed = true where id = $1', [orgId]));
  });

  it('400 for an unknown framework code, 422 for a framework without clauses, 403 for a viewer', async () => {
    const unknown = await post('owner', { framework: 'NOPE' });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/framework/);
    expect((await post('owner', { framework: 'HACCP', engine: 'claude' })).status).toBe(400);
    const empty = CURRENT_FRAMEWORKS.find((f) => leafClauses(f).length === 0);
    if (empty) {
      const res = await post('owner', { framework: empty.code });
      expect(res.status).toBe(422);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(`${empty.shortName} has no clauses in the library yet, so an SOP cannot be analysed against it.`);
    }
    const n = await stored();
    expect((await post('viewer', { framework: 'HACCP' })).status).toBe(403);
    expect(await stored()).toBe(n);
  });

  it('everyone reads: the latest per framework, and one framework’s history newest first', async () => {
    const latest = (await (await get('viewer')).json()) as { analyses: { framework: string; engine: string; createdAt: string }[] };
    expect(latest.analyses.map((a) => a.framework)).toEqual(['HACCP', 'ISO9001']);
    expect(latest.analyses[0]!.engine).toBe('offline'); // the AI-off run was the last against HACCP
    const history = (await (await get('viewer', '?framework=HACCP')).json()) as { analyses: { engine: string; createdAt: string }[] };
    expect(history.analyses.map((a) => a.engine)).toEqual(['offline', 'claude', 'claude']);
    expect((await get('viewer', '?framework=NOPE')).status).toBe(400);
  });

  it('another organization can neither read nor write them', async () => {
    expect((await get('other')).status).toBe(404);
    expect((await post('other', { framework: 'HACCP', engine: 'offline' })).status).toBe(404);
    expect((await get('other', '', 'other-foods')).status).toBe(404);
    expect((await post('other', { framework: 'HACCP', engine: 'offline' }, 'other-foods')).status).toBe(404);
    const seen = await h.t.withUser(claims.other!, (tx) => tx.query('select id from public.sop_gap_analyses'));
    expect(seen).toEqual([]);
    await expect(h.t.withUser(claims.other!, (tx) => tx.query("insert into public.sop_gap_analyses (sop_id, framework, engine, result) values ($1, 'HACCP', 'offline', '{}'::jsonb)", [sopId]))).rejects.toMatchObject({ code: '42501' });
    // and the owner cannot change one: append-only
    await expect(h.t.withUser(claims.owner!, (tx) => tx.query("update public.sop_gap_analyses set model = 'x' where sop_id = $1", [sopId]))).rejects.toThrow();
  });
});

describe('gap analysis rate', () => {
  it('an organization runs at most GAP_PER_ORG analyses with Claude in its window (counted from the stored ones); offline stays available', async () => {
    const { GAP_PER_ORG } = await import('@/lib/compliance/gap-service');
    await h.t.withUser(claims.owner!, (tx) =>
      tx.query("insert into public.sop_gap_analyses (sop_id, framework, engine, model, result) select $1, '21CFR11', 'claude', 'claude-sonnet-5-5', '{}'::jsonb from generate_series(1, $2::int)", [sopId, GAP_PER_ORG.limit]),
    );
    const before = fake.requests.length;
    const res = await post('owner', { framework: 'HACCP' });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/or run the offline keyword analysis\.$/);
    expect(fake.requests.length).toBe(before);
    expect((await post('owner', { framework: 'HACCP', engine: 'offline' })).status).toBe(201);
  });
});
