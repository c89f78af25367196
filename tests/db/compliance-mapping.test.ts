/**
 * Mapping SOPs to frameworks (lib/compliance): the frameworks an organization follows, mappings
 * by hand and from references, suggestions by keyword matching and by Claude (the real SDK
 * against the local Messages API fake), accepting and rejecting them — with what the triggers
 * force (status, people, times, audit), the refusals (403, 404, 409 already_mapped, 422) and
 * what leaves for the model (scrubbed, as drafting scrubs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '@/lib/auth/session';
import { acceptMapping, addMapping, listMappings, mapFromReferences, removeMapping, storeSuggestions } from '@/lib/compliance/mappings';
import { listOrgFrameworks, setOrgFrameworks } from '@/lib/compliance/org-frameworks';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { getFramework } from '@/lib/library';
import type { OrgSummary } from '@/lib/orgs/service';
import { prepareContent } from '@/lib/sops/prepare';
import { createSop } from '@/lib/sops/service';
import { draftOffline } from '@/lib/ai/offline-drafter';
import { behaviours, startFakeAnthropic, type FakeAnthropic } from '../fakes/anthropic';
import { createDcWorld, refusal, type DcWorld } from '../helpers/document-control';
import { claimsFor, createTestDb, type TestDb } from '../helpers/test-db';

const API_KEY = 'sk-ant-test-mapping-0123456789';
let t: TestDb;
let w: DcWorld;
let fake: FakeAnthropic;
let suggestions: typeof import('@/lib/compliance/suggestions');

beforeAll(async () => {
  t = await createTestDb();
  w = await createDcWorld(t, 'map');
  fake = await startFakeAnthropic({ apiKey: API_KEY, defaultInput: { proposals: [] } });
  process.env.ANTHROPIC_API_KEY = API_KEY;
  process.env.ANTHROPIC_BASE_URL = fake.url;
  delete process.env.ANTHROPIC_MODEL;
  (globalThis as Record<symbol, unknown>)[Symbol.for('sopwright.db')] = Promise.resolve(t.db);
  suggestions = await import('@/lib/compliance/suggestions');
});
afterAll(async () => {
  await fake?.close();
  await t?.close();
});

type Who = keyof DcWorld['people'];
const as = <T,>(who: Who, fn: (tx: Tx) => Promise<T>) => t.withUser(claimsFor(w.people[who].id, { email: w.people[who].email }), fn);
const user = (who: Who): CurrentUser => ({ id: w.people[who].id, email: w.people[who].email, claims: claimsFor(w.people[who].id, { email: w.people[who].email }), aal: 'aal1', hasMfa: false });
const orgOf = (who: Who, role: OrgSummary['role'] = 'author'): OrgSummary => ({ id: who === 'other_org' ? w.orgB : w.orgA, slug: 'map-a', name: 'Plant A', role }) as OrgSummary;
const events = (since: number) =>
  t.asService((tx) => tx.query<{ action: string; actor_id: string | null; data: Record<string, unknown> }>('select action, actor_id, data from public.audit_events where org_id = $1 and seq > $2 order by seq', [w.orgA, since]));
const lastSeq = async () => Number((await t.asService((tx) => tx.query<{ s: number }>('select coalesce(max(seq), 0) as s from public.audit_events')))[0]!.s);

let sops = 0;
/** An SOP of org A whose working draft cites `references` and says `description`. */
async function sopWith(references: { framework: string; clause: string; reason?: string }[], description = '1. Operator calibrates the thermometer against the reference standard\n2. QA records the result in the calibration log') {
  const content = prepareContent({ ...draftOffline({ title: `Thermometer calibration ${++sops}`, processDescription: description, frameworks: [] }), references });
  return as('author', async (tx) => (await createSop(tx, { orgId: w.orgA, userId: w.people.author.id, title: content.titleBlock.title, content })).id);
}

describe('the frameworks an organization follows', () => {
  it('owners and admins set them (added and removed audited); others read them; a viewer is refused; an unknown code is a 400', async () => {
    const seq = await lastSeq();
    expect(await as('owner', (tx) => setOrgFrameworks(tx, w.orgA, ['ISO9001', '21CFR211']))).toEqual({ frameworks: ['21CFR211', 'ISO9001'], added: ['21CFR211', 'ISO9001'], removed: [] });
    expect(await as('admin', (tx) => setOrgFrameworks(tx, w.orgA, ['ISO9001', 'HACCP']))).toMatchObject({ added: ['HACCP'], removed: ['21CFR211'] });
    expect(await as('viewer', (tx) => listOrgFrameworks(tx, w.orgA))).toEqual(['HACCP', 'ISO9001']);
    expect((await events(seq)).map((e) => `${e.action} ${String(e.data.framework)}`)).toEqual([
      'compliance.framework_added 21CFR211',
      'compliance.framework_added ISO9001',
      'compliance.framework_removed 21CFR211',
      'compliance.framework_added HACCP',
    ]);
    expect((await refusal(as('viewer', (tx) => setOrgFrameworks(tx, w.orgA, [])))).status).toBe(403);
    expect((await refusal(as('author', (tx) => setOrgFrameworks(tx, w.orgA, [])))).status).toBe(403);
    expect((await refusal(as('owner', (tx) => setOrgFrameworks(tx, w.orgA, ['ISO9001', 'NOPE'])))).status).toBe(400);
    expect(await as('other_org', (tx) => listOrgFrameworks(tx, w.orgA))).toEqual([]);
  });
});

describe('mappings', () => {
  it('by hand: accepted at once, by the author, audited; a duplicate is 409 already_mapped; an unknown or withdrawn clause 422; a viewer 403; another org 404', async () => {
    const sopId = await sopWith([]);
    const ref = { orgId: w.orgA, sopId };
    const seq = await lastSeq();
    const m = await as('author', (tx) => addMapping(tx, ref, { framework: 'ISO9001', clause: ' 7.1.5 ' }));
    expect(m).toMatchObject({ framework: 'ISO9001', frameworkName: 'ISO 9001', clause: '7.1.5', clauseTitle: 'Monitoring and measuring resources', origin: 'manual', status: 'accepted', createdByName: 'Ana Author', acceptedByName: 'Ana Author', suggestedBy: null });
    expect((await events(seq)).map((e) => [e.action, e.actor_id, e.data.clause, e.data.origin])).toEqual([['compliance.clause_mapped', w.people.author.id, '7.1.5', 'manual']]);

    const dup = await refusal(as('author', (tx) => addMapping(tx, ref, { framework: 'ISO9001', clause: '7.1.5' })));
    expect([dup.status, dup.details.reason]).toEqual([409, 'already_mapped']);
    const unknown = await refusal(as('author', (tx) => addMapping(tx, ref, { framework: 'ISO9001', clause: '11.4' })));
    expect([unknown.status, unknown.message]).toEqual([422, '11.4 is not a clause of ISO 9001 in the library. Pick one from the list.']);
    const iso = getFramework('ISO9001')!;
    iso.clauses.push({ id: '99.9-test', title: 'A withdrawn clause', withdrawn: { note: 'merged into 7.5' } });
    try {
      expect((await refusal(as('author', (tx) => addMapping(tx, ref, { framework: 'ISO9001', clause: '99.9-test' })))).status).toBe(422);
    } finally {
      iso.clauses.pop();
    }
    expect((await refusal(as('viewer', (tx) => addMapping(tx, ref, { framework: 'ISO9001', clause: '7.2' })))).status).toBe(403);
    expect((await refusal(as('approver', (tx) => addMapping(tx, ref, { framework: 'ISO9001', clause: '7.2' })))).status).toBe(403);
    expect((await refusal(as('other_org', (tx) => addMapping(tx, { orgId: w.orgB, sopId }, { framework: 'ISO9001', clause: '7.2' })))).status).toBe(404);
    expect((await refusal(as('other_org', (tx) => listMappings(tx, { orgId: w.orgB, sopId })))).status).toBe(404);
    // Below the service: RLS refuses a row for another org's SOP (42501), the trigger one for no SOP at all (DC404).
    const raw = (sop: string) => as('other_org', (tx) => tx.query("insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin) values ($1, 'ISO9001', '7.2', 'manual')", [sop])).catch((e: { code?: string }) => e.code);
    expect(await raw(sopId)).toBe('42501');
    expect(await raw('00000000-0000-4000-8000-000000000000')).toBe('DC404');
    // Everyone in the org reads them; removing one is an editor's (and audited as unmapped).
    expect((await as('viewer', (tx) => listMappings(tx, ref))).map((x) => x.clause)).toEqual(['7.1.5']);
    expect((await refusal(as('viewer', (tx) => removeMapping(tx, { ...ref, mappingId: m.id })))).status).toBe(403);
    const seq2 = await lastSeq();
    expect(await as('author', (tx) => removeMapping(tx, { ...ref, mappingId: m.id }))).toEqual({ rejected: false });
    expect((await events(seq2)).map((e) => e.action)).toEqual(['compliance.clause_unmapped']);
    expect((await refusal(as('author', (tx) => removeMapping(tx, { ...ref, mappingId: m.id })))).status).toBe(404);
  });

  it('from references: the known clauses are mapped with their reasons, the rest counted; a second run skips them', async () => {
    const sopId = await sopWith([
      { framework: 'ISO9001', clause: '7.1.5', reason: 'Step 1 calibrates the thermometer' },
      { framework: 'ISO9001', clause: '11.4' },
      { framework: 'HACCP', clause: 'HACCP-P42' },
      { framework: '21CFR11', clause: '11.10' },
    ]);
    const ref = { orgId: w.orgA, sopId };
    const r = await as('author', (tx) => mapFromReferences(tx, ref));
    expect(r.added.map((m) => [m.framework, m.clause, m.origin, m.status, m.rationale])).toEqual([
      ['ISO9001', '7.1.5', 'references', 'accepted', 'Step 1 calibrates the thermometer'],
      ['21CFR11', '11.10', 'references', 'accepted', ''],
    ]);
    expect([r.skipped, r.unknown]).toEqual([0, 2]);
    expect(await as('author', (tx) => mapFromReferences(tx, ref))).toMatchObject({ added: [], skipped: 2, unknown: 2 });
    expect((await refusal(as('viewer', (tx) => mapFromReferences(tx, ref)))).status).toBe(403);
  });

  it('suggestions: forced to proposed whatever is asked; accepted by the one who accepts (once: then 409); rejected ones are deleted and audited', async () => {
    const sopId = await sopWith([]);
    const ref = { orgId: w.orgA, sopId };
    // Straight into the table: a suggestion that claims to be accepted is still proposed.
    const [row] = await as('author', (tx) =>
      tx.query<{ status: string; accepted_at: Date | null }>("insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin, suggested_by) values ($1, 'ISO9001', '9.1', 'suggested', 'keywords') returning status, accepted_at", [sopId]),
    );
    expect(row).toEqual({ status: 'proposed', accepted_at: null });
    const seq = await lastSeq();
    const stored = await as('author', (tx) =>
      storeSuggestions(tx, ref, [{ framework: 'ISO9001', clause: '7.2', reason: 'Training' }, { framework: 'ISO9001', clause: '9.1', reason: 'Again' }, { framework: 'ISO9001', clause: '7.5', reason: 'Records' }], 'claude'),
    );
    expect(stored.added.map((m) => [m.clause, m.status, m.suggestedBy, m.acceptedByName])).toEqual([
      ['7.2', 'proposed', 'claude', null],
      ['7.5', 'proposed', 'claude', null],
    ]);
    expect(stored.skipped).toBe(1);
    const [a, b] = stored.added;
    const accepted = await as('admin', (tx) => acceptMapping(tx, { ...ref, mappingId: a!.id }));
    expect(accepted).toMatchObject({ status: 'accepted', origin: 'suggested', acceptedByName: 'Adam Admin', createdByName: 'Ana Author' });
    const again = await refusal(as('admin', (tx) => acceptMapping(tx, { ...ref, mappingId: a!.id })));
    expect(again.status).toBe(409);
    expect((await refusal(as('viewer', (tx) => acceptMapping(tx, { ...ref, mappingId: b!.id })))).status).toBe(403);
    expect(await as('author', (tx) => removeMapping(tx, { ...ref, mappingId: b!.id }))).toEqual({ rejected: true });
    expect((await events(seq)).map((e) => e.action)).toEqual(['compliance.clause_suggested', 'compliance.clause_suggested', 'compliance.suggestion_accepted', 'compliance.suggestion_rejected']);
    // Only status may change, and only proposed → accepted.
    const changed = await as('author', (tx) => tx.query("update public.sop_clause_mappings set status = 'proposed' where id = $1", [a!.id])).catch((e: { code?: string }) => e.code);
    expect(changed).toBe('DC409');
    expect((await refusal(as('other_org', (tx) => acceptMapping(tx, { orgId: w.orgB, sopId, mappingId: a!.id })))).status).toBe(404);
  });
});

describe('suggesting clauses', () => {
  it('keyword matching: the best clauses the SOP mentions, with the words, proposed; a second run skips them; nothing leaves', async () => {
    await t.asService((tx) => tx.query('update public.organizations set ai_allowed = true where id = $1', [w.orgA]));
    const before = fake.requests.length;
    const sopId = await sopWith([]);
    const planned = await as('author', (tx) => suggestions.planSuggestions(tx, orgOf('author'), sopId, { frameworks: ['ISO9001'], engine: 'keywords' }));
    expect(planned.kind).toBe('done');
    const r = planned.kind === 'done' ? planned.result : null;
    expect(r!.engine).toBe('keywords');
    expect(r!.added.length).toBeGreaterThan(0);
    expect(r!.added.length).toBeLessThanOrEqual(5);
    const calibration = r!.added.find((m) => m.clause === '7.1.5')!;
    expect(calibration).toMatchObject({ status: 'proposed', suggestedBy: 'keywords', origin: 'suggested' });
    expect(calibration.rationale).toMatch(/^The procedure mentions "calibrat/);
    const again = await as('author', (tx) => suggestions.planSuggestions(tx, orgOf('author'), sopId, { frameworks: ['ISO9001'], engine: 'keywords' }));
    expect(again.kind === 'done' && [again.result.added.length, again.result.skipped]).toEqual([0, r!.added.length]);
    expect(fake.requests.length).toBe(before);
    expect((await refusal(as('viewer', (tx) => suggestions.planSuggestions(tx, orgOf('viewer', 'viewer'), sopId, { engine: 'keywords' })))).status).toBe(403);
  });

  it('Claude: scrubbed content and the allowed clauses leave; the invented clause is dropped and reported; the valid ones are stored as proposed by Claude', async () => {
    await t.asService((tx) => tx.query("update public.organizations set ai_allowed = true, sensitive_terms = '{Riverside Plant}' where id = $1", [w.orgA]));
    const sopId = await sopWith([], '1. Operator calibrates the thermometer at Riverside Plant\n2. Call dana.lee@example.com if it fails\n3. QA records the result in the calibration log');
    const planned = await as('author', (tx) => suggestions.planSuggestions(tx, orgOf('author'), sopId, { engine: 'auto' }));
    expect(planned.kind).toBe('claude');
    if (planned.kind !== 'claude') return;
    expect(planned.plan.frameworks).toEqual(['HACCP', 'ISO9001']);
    fake.script({
      kind: 'tool',
      input: {
        proposals: [
          { framework: 'ISO9001', clause: '7.1.5', reason: 'Step 1 calibrates the thermometer.' },
          { framework: 'ISO9001', clause: '7.5', reason: 'Step 3 records it.' },
          { framework: 'ISO9001', clause: '11.4', reason: 'Invented.' },
          { framework: '21CFR11', clause: '11.10', reason: 'Not asked for.' },
        ],
      },
    });
    const before = fake.requests.length;
    const r = await suggestions.runClaudeSuggestions(user('author'), planned.plan);
    const sent = fake.requests.slice(before).map((x) => x.raw).join('\n');
    for (const secret of ['Riverside Plant', 'dana.lee@example.com', API_KEY]) expect(sent).not.toContain(secret);
    expect(sent).toContain('[TERM_1]');
    expect(sent).toContain('- ISO9001 | 7.1.5 | Monitoring and measuring resources');
    expect(sent).not.toContain('- ISO9001 | 7 | Support'); // group headings are not listed
    expect(r.engine).toBe('claude');
    expect(r.added.map((m) => [m.clause, m.suggestedBy, m.status])).toEqual([
      ['7.1.5', 'claude', 'proposed'],
      ['7.5', 'claude', 'proposed'],
    ]);
    expect(r.dropped).toEqual([{ framework: 'ISO9001', clause: '11.4' }, { framework: '21CFR11', clause: '11.10' }]);
    expect(r.message).toContain('2 suggestions were dropped: not clauses of the library');
  });

  it('Claude failing: a 503 that says nothing was stored, and nothing is', async () => {
    const sopId = await sopWith([]);
    const planned = await as('author', (tx) => suggestions.planSuggestions(tx, orgOf('author'), sopId, { frameworks: ['ISO9001'], engine: 'auto' }));
    if (planned.kind !== 'claude') throw new Error('expected Claude');
    fake.script(behaviours.serverError('0'), behaviours.serverError('0'), behaviours.serverError('0'));
    const err = await refusal(suggestions.runClaudeSuggestions(user('author'), planned.plan), AppError);
    expect(err.status).toBe(503);
    expect(err.message).toContain('Nothing was stored');
    expect(await as('author', (tx) => listMappings(tx, { orgId: w.orgA, sopId }))).toEqual([]);
  });

  it('refuses an organization that follows no framework (422) and an SOP of another org (404)', async () => {
    await as('owner', (tx) => setOrgFrameworks(tx, w.orgA, []));
    const sopId = await sopWith([]);
    expect((await refusal(as('author', (tx) => suggestions.planSuggestions(tx, orgOf('author'), sopId, { engine: 'keywords' })))).status).toBe(422);
    expect((await refusal(as('other_org', (tx) => suggestions.planSuggestions(tx, orgOf('other_org'), sopId, { frameworks: ['ISO9001'], engine: 'keywords' })))).status).toBe(404);
  });
});
