/**
 * The drafting pipeline end to end, below HTTP: lib/generation (started in one inOrg()
 * transaction and launched after it committed, as the drafting routes do) with the real
 * Anthropic SDK against the local Messages API fake, the offline drafter, and the database
 * (PGlite or Postgres) through withUser(). Proves what leaves for the model (no PII), what
 * is stored (sanitized, validated, citations checked), and that failures and Cancel keep
 * what was written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftOffline } from '@/lib/ai/offline-drafter';
import type { CurrentUser } from '@/lib/auth/session';
import type { Tx } from '@/lib/db/types';
import type { Started } from '@/lib/generation/start';
import type { Generation } from '@/lib/generation/store';
import type { OrgSummary } from '@/lib/orgs/service';
import type { TImproveInput } from '@/lib/sops/api-schemas';
import type { TSopContent } from '@/lib/sops/content';
import { ZSopContent } from '@/lib/sops/content';
import { startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';

const API_KEY = 'sk-ant-test-generation-0123456789';
let t: TestDb;
let fake: FakeAnthropic;
let author: CurrentUser;
let viewer: CurrentUser;
let stream: typeof import('@/lib/generation/stream');
let start: typeof import('@/lib/generation/start');
let runtime: typeof import('@/lib/generation/runtime');
let scope: typeof import('@/lib/orgs/scope');
let gens: typeof import('@/lib/generation/store');
let orgId: string;

const modelDraft = (overrides: Partial<TSopContent> = {}): TSopContent => ({
  ...draftOffline({ title: 'Filler sanitation', processDescription: '1. Operator rinses the filler\n2. QA swabs with ATP and records the result in the sanitation log', frameworks: ['HACCP'] }),
  ...overrides,
});

async function finished(id: string, org = orgId): Promise<Generation> {
  for (;;) {
    const g = await t.withUser(author.claims, (tx) => gens.requireGeneration(tx, org, id));
    if (['succeeded', 'failed', 'cancelled'].includes(g.status)) {
      // let the run's last publish/endRun happen
      await new Promise((r) => setTimeout(r, 20));
      return g;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Start a run as the drafting routes do: one inOrg() transaction records it, and it is queued once that committed (this process's worker runs it). */
function begin(user: CurrentUser, slug: string, start: (tx: Tx, org: OrgSummary) => Promise<Started>): Promise<Generation> {
  return scope.inOrg(user, slug, undefined, async ({ tx, org }) => {
    const started = await start(tx, org);
    return scope.afterCommit(async () => (await (await runtime.drafting()).enqueue(started), started.generation));
  });
}

const runner = {
  startDraft: (user: CurrentUser, slug: string, body: ReturnType<typeof input>) => begin(user, slug, (tx, org) => start.startDraft(tx, user, org, body)),
  startRetry: (user: CurrentUser, slug: string, id: string) => begin(user, slug, (tx, org) => start.startRetry(tx, user, org, id)),
  startImprove: (user: CurrentUser, slug: string, sopId: string, body: TImproveInput) => begin(user, slug, (tx, org) => start.startImprove(tx, user, org, sopId, body)),
};

/** The events of a run as GET …/events answers them: read in one transaction, streamed after it. */
async function eventsText(user: CurrentUser, id: string): Promise<string> {
  const w = await t.withUser(user.claims, (tx) => stream.watchStored(tx, user, orgId, id));
  return stream.eventResponse(w).text();
}

const input = (processDescription: string) => ({ title: 'Filler sanitation', processDescription, frameworks: ['HACCP'], detail: 'standard' as const });

beforeAll(async () => {
  t = await createTestDb();
  fake = await startFakeAnthropic({ apiKey: API_KEY, defaultInput: modelDraft() });
  process.env.ANTHROPIC_API_KEY = API_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
  delete process.env.ANTHROPIC_MODEL;
  // The app's withUser() uses the process-wide database: make it this test's database.
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(t.db);
  [stream, start, runtime, scope, gens] = await Promise.all([import('@/lib/generation/stream'), import('@/lib/generation/start'), import('@/lib/generation/runtime'), import('@/lib/orgs/scope'), import('@/lib/generation/store')]);
  const u = await createUser(t, 'drafter@gen.test');
  author = { id: u.id, email: u.email, claims: claimsFor(u.id, { email: u.email }), aal: 'aal1', hasMfa: false };
  orgId = (await t.withUser(author.claims, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Gen Foods', 'gen-foods')")))[0]!.id;
  const v = await createUser(t, 'viewer@gen.test');
  viewer = { id: v.id, email: v.email, claims: claimsFor(v.id, { email: v.email }), aal: 'aal1', hasMfa: false };
  await t.asService((tx) => tx.query("insert into public.memberships (org_id, user_id, role) values ($1, $2, 'viewer')", [orgId, v.id]));
  await t.withUser(author.claims, (tx) => tx.query("update public.organizations set sensitive_terms = '{Riverside Plant,Acme Retail}' where id = $1", [orgId]));
});
afterAll(async () => {
  await runtime?.stopDrafting();
  await fake?.close();
  await t?.close();
});

describe('drafting with Claude (fake Messages API, real SDK)', () => {
  it('drafts, stores a validated sanitized version, and sends no PII or sensitive term to the model', async () => {
    const before = fake.requests.length;
    const g = await runner.startDraft(
      author,
      'gen-foods',
      input(
        '1. Operator rinses the filler at Riverside Plant\n2. Call Dana at dana.lee@example.com or +1 (415) 555-0134 if ATP fails\n3. Patient 123-45-6789 paid with 4111 1111 1111 1111; MRN: 00123456\n4. QA records the result for Acme Retail',
      ),
    );
    expect(g.source).toBe('ai');
    const done = await finished(g.id);
    expect(done.status).toBe('succeeded');
    const sent = fake.requests.slice(before).map((r) => r.raw).join('\n');
    expect(sent.length).toBeGreaterThan(100);
    for (const secret of ['dana.lee@example.com', '555-0134', '123-45-6789', '4111 1111 1111 1111', '00123456', 'Riverside Plant', 'Acme Retail', API_KEY]) {
      expect(sent).not.toContain(secret);
    }
    expect(sent).toContain('[EMAIL_1]');
    expect(done.redactions.map((r) => r.kind).sort()).toEqual(expect.arrayContaining(['EMAIL', 'PHONE', 'SSN', 'CARD', 'TERM']));
    const version = await t.withUser(author.claims, async (tx) => {
      const { requireVersion } = await import('@/lib/sops/service');
      return requireVersion(tx, orgId, done.sopId, done.versionId!);
    });
    expect(version.source).toBe('ai');
    expect(version.complete).toBe(true);
    expect(version.model).toBe('claude-sonnet-5-5');
    expect(version.outputTokens).toBeGreaterThan(0);
    expect(ZSopContent.safeParse(version.content).success).toBe(true);
    expect(version.content.titleBlock.documentNumber).toMatch(/^SOP-\d{4}$/);
    expect(version.html).toContain('data-section="procedure"');
  });

  it('removes citations that are not clauses of the library or of the chosen frameworks, and reports them', async () => {
    fake.script({
      kind: 'tool',
      input: modelDraft({
        references: [
          { framework: 'HACCP', clause: 'HACCP-P4' },
          { framework: 'HACCP', clause: 'HACCP-P99' },
          { framework: '21CFR11', clause: '11.10' },
          { framework: 'ISO 9999', clause: '1.2.3' },
        ],
      }),
    });
    const g = await runner.startDraft(author, 'gen-foods', input('1. Monitor the CCP temperature every hour\n2. Record it in the CCP log'));
    const done = await finished(g.id);
    expect(done.status).toBe('succeeded');
    expect(done.removedCitations).toEqual(
      expect.arrayContaining([
        { framework: 'HACCP', clause: 'HACCP-P99' },
        { framework: '21CFR11', clause: '11.10' },
        { framework: 'ISO 9999', clause: '1.2.3' },
      ]),
    );
    const sop = await t.withUser(author.claims, async (tx) => (await import('@/lib/sops/service')).requireSop(tx, orgId, done.sopId));
    expect(sop.draftContent!.references).toEqual([{ framework: 'HACCP', clause: 'HACCP-P4' }]);
  });

  it('stores model output as text, as written: text that looks like markup is kept and escaped in the HTML', async () => {
    const xss = '<img src=x onerror=alert(1)>Rinse<script>alert(2)</script> the filler';
    fake.script({ kind: 'tool', input: modelDraft({ purpose: xss, procedure: [{ text: xss, callouts: [{ kind: 'warning', text: `${xss} now` }], substeps: [] }] }) });
    const done = await finished((await runner.startDraft(author, 'gen-foods', input('1. Rinse the filler with potable water\n2. Record it'))).id);
    expect(done.status).toBe('succeeded');
    const row = await t.asService((tx) => tx.query<{ content: TSopContent; html: string }>('select content, html from public.sop_versions where id = $1', [done.versionId]));
    expect(row[0]!.content.purpose).toBe(xss);
    expect(row[0]!.content.procedure[0]!.text).toBe(xss);
    expect(row[0]!.html).not.toMatch(/<script|<img/i);
    expect(row[0]!.html).toContain('&lt;img src=x onerror=alert(1)&gt;Rinse&lt;script&gt;alert(2)&lt;/script&gt; the filler');
  });

  it('keeps a procedure the model nested deeper than the limit, its deepest steps lifted to the last level, in order', async () => {
    const deep = (depth: number, from = 1): TSopContent['procedure'] => [{ text: `Level ${from}`, callouts: [], substeps: from < depth ? deep(depth, from + 1) : [] }];
    fake.script({ kind: 'tool', input: modelDraft({ procedure: [...deep(8), { text: 'Last top-level step', callouts: [], substeps: [] }] }) });
    const done = await finished((await runner.startDraft(author, 'gen-foods', input('1. A deeply nested procedure\n2. Record it'))).id);
    expect(done.status).toBe('succeeded');
    const sop = await t.withUser(author.claims, async (tx) => (await import('@/lib/sops/service')).requireSop(tx, orgId, done.sopId));
    const { stepDepth, MAX_STEP_DEPTH } = await import('@/lib/sops/content');
    expect(stepDepth(sop.draftContent!.procedure)).toBe(MAX_STEP_DEPTH);
    let level = sop.draftContent!.procedure[0]!;
    for (let d = 1; d < MAX_STEP_DEPTH; d++) level = level.substeps[0]!;
    // Level 4's sub-steps: what was at level 5 and below, in reading order, none nested further.
    expect(level.text).toBe('Level 5');
    expect(sop.draftContent!.procedure[0]!.substeps[0]!.substeps[0]!.substeps[0]!.substeps.map((s) => s.text)).toEqual(['Level 5', 'Level 6', 'Level 7', 'Level 8']);
    expect(sop.draftContent!.procedure[1]!.text).toBe('Last top-level step');
  });

  it('keeps the finished sections of a stream cut mid-way as an incomplete draft that says what is missing', async () => {
    const json = JSON.stringify(modelDraft());
    const cutAt = Math.floor(json.indexOf('"procedure"') / 24) + 2;
    fake.script({ kind: 'tool', cutAfter: cutAt }); // a stream that started is not retried
    const done = await finished((await runner.startDraft(author, 'gen-foods', input('1. Rinse the filler\n2. Swab and record'))).id);
    expect(done.status).toBe('failed');
    expect(done.errorCode).toMatch(/stream_interrupted|connection_failed/);
    expect(done.errorMessage).not.toContain(API_KEY);
    expect(done.versionId).not.toBeNull();
    const v = await t.asService((tx) => tx.query<{ complete: boolean; change_summary: string; content: TSopContent }>('select complete, change_summary, content from public.sop_versions where id = $1', [done.versionId]));
    expect(v[0]!.complete).toBe(false);
    expect(v[0]!.change_summary).toMatch(/Not drafted: .*Procedure/);
    expect(v[0]!.content.purpose).toBe(modelDraft().purpose);
    expect(ZSopContent.safeParse(v[0]!.content).success).toBe(true);
  });

  /** A draft whose stream the fake holds after the first sections, returned once those are stored. */
  async function heldDraft(): Promise<Generation> {
    const json = JSON.stringify(modelDraft());
    fake.script({ kind: 'tool', holdAfter: Math.floor(json.indexOf('"responsibilities"') / 24) + 3 });
    const g = await runner.startDraft(author, 'gen-foods', input('1. Rinse the filler\n2. Swab and record'));
    for (;;) {
      const cur = await t.withUser(author.claims, (tx) => gens.requireGeneration(tx, orgId, g.id));
      if ('purpose' in cur.partialContent) return g;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('Cancel stops the run and keeps what was written, marked incomplete', async () => {
    // once the first sections are stored, cancel as the API route does: through the database, which signals the worker
    const g = await heldDraft();
    await t.withUser(author.claims, (tx) => gens.requestCancel(tx, orgId, g.id));
    const done = await finished(g.id); // the fake still holds the stream: only the cancel ends it
    fake.release();
    expect(done.status).toBe('cancelled');
    expect(done.errorCode).toBe('cancelled');
    const v = await t.asService((tx) => tx.query<{ complete: boolean }>('select complete from public.sop_versions where id = $1', [done.versionId]));
    expect(v[0]!.complete).toBe(false);
  });

  it('lets only editors cancel: a viewer is refused (403) and the run goes on to succeed', async () => {
    const g = await heldDraft();
    await expect(t.withUser(viewer.claims, (tx) => gens.requestCancel(tx, orgId, g.id))).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    const during = await t.withUser(author.claims, (tx) => gens.requireGeneration(tx, orgId, g.id));
    expect(during.cancelRequested).toBe(false);
    fake.release();
    const done = await finished(g.id);
    expect(done.status).toBe('succeeded');
    // …also once it has finished: a viewer never gets a "cancel accepted".
    await expect(t.withUser(viewer.claims, (tx) => gens.requestCancel(tx, orgId, g.id))).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('refuses a viewer\'s retry and rewrite (403) before anything is recorded', async () => {
    const last = await t.asService((tx) => tx.query<{ id: string; sop_id: string }>("select id, sop_id from public.generations where org_id = $1 and kind = 'draft' and status in ('succeeded', 'failed', 'cancelled') order by created_at desc limit 1", [orgId]));
    const count = async () => (await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.generations where org_id = $1', [orgId])))[0]!.n;
    const before = await count();
    await expect(runner.startRetry(viewer, 'gen-foods', last[0]!.id)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(runner.startImprove(viewer, 'gen-foods', last[0]!.sop_id, { section: 'purpose', instruction: 'Shorter please' })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await count()).toBe(before);
  });

  it('replays a finished run as Server-Sent Events: generation, redactions, sections in order, done', async () => {
    const g = await runner.startDraft(author, 'gen-foods', input('1. Rinse the filler\n2. Email qa@example.com and record'));
    await finished(g.id);
    const body = await eventsText(author, g.id);
    const events = [...body.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('generation');
    expect(events[1]).toBe('redactions');
    expect(events.filter((e) => e === 'section')).toHaveLength(9);
    expect(events.at(-1)).toBe('done');
    expect(body).toContain('[EMAIL_1]');
    expect(body).not.toContain('qa@example.com');
  });

  it('closes a run that is recorded as running but whose worker\'s heartbeat went stale (a dead instance) as interrupted, keeping its sections', async () => {
    const g = await t.withUser(author.claims, async (tx) => {
      const { createSop } = await import('@/lib/sops/service');
      const sop = await createSop(tx, { orgId, userId: author.id, title: 'Interrupted' });
      const gen = await gens.createGeneration(tx, { orgId, sopId: sop.id, userId: author.id, kind: 'draft', source: 'ai', input: input('1. a b c d e f g h i j k'), redactions: [] });
      await gens.recordSection(tx, gen.id, 'purpose', 'Keep the filler clean.');
      return gen;
    });
    await t.asService(async (tx) => {
      await gens.claimRun(tx, g.id, 'a-worker-that-died', 'claude-sonnet-5-5');
      // a live heartbeat: the run is not interrupted
      expect(await gens.isStale(tx, orgId, g.id, 30)).toBe(false);
      await tx.query("update public.generations set heartbeat_at = now() - interval '1 hour' where id = $1", [g.id]);
    });
    // A read-only member who opens it leaves it for an editor, and is not refused.
    const seen = await t.withUser(viewer.claims, (tx) => stream.watchStored(tx, viewer, orgId, g.id));
    seen.early?.off();
    expect(seen.g.status).toBe('running');
    const body = await eventsText(author, g.id);
    expect(body).toContain('event: error');
    expect(body).toContain('interrupted');
    const after = await t.withUser(author.claims, (tx) => gens.requireGeneration(tx, orgId, g.id));
    expect(after.status).toBe('failed');
    expect(after.versionId).not.toBeNull();
  });
});

describe('the offline drafter when the organization switched AI off', () => {
  it('drafts without calling the model, labelled offline, complete', async () => {
    await t.withUser(author.claims, (tx) => tx.query('update public.organizations set ai_allowed = false where id = $1', [orgId]));
    const before = fake.requests.length;
    const g = await runner.startDraft(author, 'gen-foods', input('1. Operator rinses the filler wearing gloves\n2. QA verifies with ATP swab and records it in the sanitation log'));
    expect(g.source).toBe('offline');
    const done = await finished(g.id);
    expect(done.status).toBe('succeeded');
    expect(fake.requests.length).toBe(before);
    const v = await t.asService((tx) => tx.query<{ source: string; complete: boolean; model: string }>('select source, complete, model from public.sop_versions where id = $1', [done.versionId]));
    expect(v[0]).toMatchObject({ source: 'offline', complete: true });
    await t.withUser(author.claims, (tx) => tx.query('update public.organizations set ai_allowed = true where id = $1', [orgId]));
  });

  it('refuses "improve this section" when AI is off, with a reason', async () => {
    await t.withUser(author.claims, (tx) => tx.query('update public.organizations set ai_allowed = false where id = $1', [orgId]));
    const sops = await t.asService((tx) => tx.query<{ id: string }>('select id from public.sops where org_id = $1 and draft_content is not null limit 1', [orgId]));
    await expect(runner.startImprove(author, 'gen-foods', sops[0]!.id, { section: 'purpose', instruction: 'Shorter' })).rejects.toMatchObject({ code: 'unprocessable' });
    await t.withUser(author.claims, (tx) => tx.query('update public.organizations set ai_allowed = true where id = $1', [orgId]));
  });
});

describe('improve this section', () => {
  it('rewrites one section with Claude from scrubbed content and saves it as a new version', async () => {
    const sops = await t.asService((tx) => tx.query<{ id: string }>('select id from public.sops where org_id = $1 and draft_content is not null order by created_at limit 1', [orgId]));
    const sopId = sops[0]!.id;
    await t.withUser(author.claims, async (tx) => {
      const { requireSop, saveDraft } = await import('@/lib/sops/service');
      const sop = await requireSop(tx, orgId, sopId);
      await saveDraft(tx, { orgId, sopId, expectedRevision: sop.draftRevision, content: { ...sop.draftContent!, scope: 'Applies to line 3. Contact sam@example.com.' } });
    });
    fake.script({ kind: 'tool', input: { value: 'A shorter, clearer purpose.' } });
    const before = fake.requests.length;
    const g = await runner.startImprove(author, 'gen-foods', sopId, { section: 'purpose', instruction: 'Make it shorter; ask sam@example.com' });
    const done = await finished(g.id);
    expect(done.status).toBe('succeeded');
    const sent = fake.requests.slice(before).map((r) => r.raw).join('');
    expect(sent).not.toContain('sam@example.com');
    const sop = await t.withUser(author.claims, async (tx) => (await import('@/lib/sops/service')).requireSop(tx, orgId, sopId));
    expect(sop.draftContent!.purpose).toBe('A shorter, clearer purpose.');
    // the other sections keep the author's own text, not placeholders
    expect(sop.draftContent!.scope).toBe('Applies to line 3. Contact sam@example.com.');
  });
});

describe('the organization’s drafting rate', () => {
  it('refuses a run once the organization started its limit of runs in the window (429, Retry-After), recording nothing, and admits one when the oldest leaves it', async () => {
    const { DRAFT_PER_ORG } = await import('@/lib/sops/limits');
    const busy = (await t.withUser(author.claims, (tx) => tx.query<{ id: string }>("select id from private.create_organization('Busy Foods', 'busy-foods')")))[0]!.id;
    await t.asService(async (tx) => {
      const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Busy', $2) returning id", [busy, author.id]);
      await tx.query("insert into public.generations (org_id, sop_id, source, input, status, created_by) select $1, $2, 'offline', '{}'::jsonb, 'succeeded', $3 from generate_series(1, $4)", [
        busy,
        sop!.id,
        author.id,
        DRAFT_PER_ORG.limit,
      ]);
    });
    const count = async () => (await t.asService((tx) => tx.query<{ n: number }>('select count(*)::int as n from public.generations where org_id = $1', [busy])))[0]!.n;
    const before = await count();
    const err = await runner.startDraft(author, 'busy-foods', input('1. Rinse the filler\n2. Record it')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'rate_limited', status: 429 });
    const wait = Number((err as { headers: Record<string, string> }).headers['Retry-After']);
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(DRAFT_PER_ORG.windowSeconds);
    expect(await count()).toBe(before);

    await t.asService((tx) =>
      tx.query('update public.generations set created_at = created_at - make_interval(secs => $2) where id = (select id from public.generations where org_id = $1 limit 1)', [busy, DRAFT_PER_ORG.windowSeconds]),
    );
    expect((await finished((await runner.startDraft(author, 'busy-foods', input('1. Rinse the filler\n2. Record it'))).id, busy)).status).toBe('succeeded');
  });
});
