/**
 * SOP search (lib/sops/service listSops with q, through withUser): what it matches, how it
 * ranks and pages, and that Postgres answers it from its indexes (the full-text GIN and the
 * pg_trgm trigram GIN indexes of supabase/migrations/20261206000200_search_index.sql) — on an
 * organization big enough, and ANALYZEd, that the planner chooses them on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '@/lib/db/types';
import { createSop, listSops, saveDraft, type ListFilter } from '@/lib/sops/service';
import { claimsFor, createTestDb, createUser, type TestDb } from '../helpers/test-db';
import { recordingTx, type Statement } from '@/lib/db/recording';

let t: TestDb;
let owner: { id: string; email: string };
let orgId: string;
const as = (u: { id: string; email: string }) => claimsFor(u.id, { email: u.email });

const FILLER = 20_000;

beforeAll(async () => {
  t = await createTestDb();
  owner = await createUser(t, 'owner@search.test');
  orgId = (await t.withUser(as(owner), (tx) => tx.query<{ id: string }>("select id from private.create_organization('Search Lab', 'search-lab')")))[0]!.id;
  // The SOPs the searches look for first: numbers SOP-0001 … SOP-0003.
  const mk = async (title: string, body: string) => {
    const sop = await t.withUser(as(owner), (tx) => createSop(tx, { orgId, userId: owner.id, title, department: 'QA' }));
    await t.withUser(as(owner), (tx) => saveDraft(tx, { orgId, sopId: sop.id, expectedRevision: 0, content: { purpose: body } as never }));
  };
  await mk('Autoclave validation', 'Load the chamber and run the cycle.');
  await mk('Glassware washing', 'Dry the glassware after the autoclave cycle; check sterilization indicators.');
  await mk('Spill response', 'Absorb, neutralize and dispose of the waste.');
  // Filler (~1.5 KB of text each, stored in the row), so that reading every row costs more than the indexes.
  await t.asService((tx) =>
    tx.query(
      `insert into public.sops (org_id, title, department, owner_id, draft_content, created_by)
       select $1, 'Routine procedure ' || i, 'Production', $2,
              jsonb_build_object('purpose', (select string_agg(w[1 + (i * 7 + k * 13) % cardinality(w)], ' ') from generate_series(1, 200) k)), $2
         from generate_series(1, $3::int) i,
              (select string_to_array('clean the bench record batch store sample freezer rack label tube wear gloves check seal rinse dry wipe hood log verify sign', ' ') as w) v`,
      [orgId, owner.id, FILLER],
    ),
  );
  // As autovacuum would: move the GIN indexes' pending entries into the indexes.
  await t.asService((tx) => tx.query("select gin_clean_pending_list(i::regclass) from unnest(array['public.sops_search_idx', 'public.sops_title_trgm_idx', 'public.sops_doc_number_trgm_idx']) i"));
  await t.asService((tx) => tx.query('analyze public.sops'));
}, 300_000);
afterAll(async () => {
  await t?.close();
});

const search = (q: string, extra: Partial<ListFilter> = {}) =>
  t.withUser(as(owner), (tx) => listSops(tx, orgId, { q, limit: 25, ...extra }));
const titles = async (q: string) => (await search(q)).items.map((s) => s.title);

/** EXPLAIN of the statement listSops ran, as the user. */
async function planOf(q: string): Promise<string> {
  return t.withUser(as(owner), async (tx) => {
    const log: Statement[] = [];
    await listSops(recordingTx(tx, log), orgId, { q, limit: 25 });
    const last = log[log.length - 1]!;
    return explain(tx, last.text, last.params);
  });
}

async function explain(tx: Tx, text: string, params: readonly unknown[]): Promise<string> {
  const rows = await tx.query<{ 'QUERY PLAN': string }>(`explain ${text}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/** EXPLAIN of the match private.sop_search runs (its EXECUTE statement, with these values), as its owner. */
async function matchPlanOf(q: string): Promise<string> {
  return t.asService(async (tx) => {
    const [fn] = await tx.query<{ src: string }>("select prosrc as src from pg_proc where proname = 'sop_search'");
    const statement = /\$sql\$([\s\S]*)\$sql\$/.exec(fn!.src)![1]!;
    const literal = q.replace(/[\\%_]/g, '\\$&');
    return explain(tx, statement, [orgId, q, literal, `%${literal}%`]);
  });
}

describe('SOP search', () => {
  it('finds a substring of the title, in any case', async () => {
    expect(await titles('CLAVE VALID')).toEqual(['Autoclave validation']);
    expect(await titles('lasswar')).toEqual(['Glassware washing']);
  });

  it('finds a document number by its prefix or any part of it', async () => {
    expect(await titles('SOP-0003')).toEqual(['Spill response']);
    // SOP-0001 … SOP-0009 (ties: newest first).
    expect(await titles('sop-000')).toEqual(expect.arrayContaining(['Autoclave validation', 'Glassware washing', 'Spill response']));
    expect(await titles('sop-000')).toHaveLength(9);
    expect(await titles('0002')).toEqual(['Routine procedure 10002', 'Glassware washing']); // a title containing it ranks above a number containing it
  });

  it('finds words of the body with stemming (full text)', async () => {
    expect(await titles('neutralizing')).toEqual(['Spill response']);
    expect(await titles('sterilization indicators')).toEqual(['Glassware washing']);
    expect(await titles('xylophone')).toEqual([]);
  });

  it('ranks a title match above a body match, and the exact number first', async () => {
    expect(await titles('autoclave')).toEqual(['Autoclave validation', 'Glassware washing']);
    // The exact number before a title that mentions it.
    await t.withUser(as(owner), (tx) => createSop(tx, { orgId, userId: owner.id, title: 'Replaces SOP-0002' }));
    expect(await titles('sop-0002')).toEqual(['Glassware washing', 'Replaces SOP-0002']);
  });

  it('pages by relevance with a cursor: every match once, in the same order as one big page', async () => {
    // "procedure 217" is in the titles of 217 and 2170 … 2179; the word 217 only in the first.
    const all = (await search('procedure 217', { limit: 100 })).items.map((s) => s.title);
    expect(all).toHaveLength(11);
    expect(all[0]).toBe('Routine procedure 217');
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await search('procedure 217', { limit: 3, cursor });
      paged.push(...page.items.map((s) => s.title));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all);
    // A cursor of the newest-first order is not one of this order.
    await expect(search('autoclave', { cursor: Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', orgId])).toString('base64url') })).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('is answered from the full-text and trigram indexes, not by reading every SOP', async () => {
    for (const q of ['xylophone', 'autoclave', 'SOP-0042']) {
      // The app's statement: the matches from the function, then SOPs by primary key (RLS applies).
      const plan = await planOf(q);
      expect(plan, q).toMatch(/Function Scan on sop_search/);
      expect(plan, q).not.toMatch(/Seq Scan on sops|Bitmap Index Scan on sops_org/);
      // The match: one bitmap of the three indexes, never every SOP of the organization.
      const match = await matchPlanOf(q);
      expect(match, q).toMatch(/BitmapOr/);
      expect(match, q).toMatch(/Bitmap Index Scan on sops_search_idx/);
      expect(match, q).toMatch(/Bitmap Index Scan on sops_title_trgm_idx/);
      expect(match, q).toMatch(/Bitmap Index Scan on sops_doc_number_trgm_idx/);
      expect(match, q).not.toMatch(/Seq Scan on sops/);
    }
  });

  it('keeps the text vector current when the draft or title changes, and only then', async () => {
    const sop = await t.withUser(as(owner), (tx) => createSop(tx, { orgId, userId: owner.id, title: 'Kiln firing' }));
    expect(await titles('kiln')).toEqual(['Kiln firing']);
    await t.withUser(as(owner), (tx) => saveDraft(tx, { orgId, sopId: sop.id, expectedRevision: 0, title: 'Furnace firing', content: { purpose: 'Wear the aluminized apron.' } as never }));
    expect(await titles('kiln')).toEqual([]);
    expect(await titles('aluminized')).toEqual(['Furnace firing']);
    await t.asService((tx) => tx.query("update public.sops set status = status, search = 'stale' where id = $1", [sop.id]));
    // An update that changes none of the searched columns leaves the vector as written.
    const [after] = await t.asService((tx) => tx.query<{ s: string }>('select search::text as s from public.sops where id = $1', [sop.id]));
    expect(after!.s).toBe("'stale'");
  });
});
