/**
 * Diagnostic for SOP search and the SOP list (issue #17): seeds two organizations of 10,000 and
 * 50,000 SOPs (once; a second run reuses them) and times listSops() inside withUser() — the
 * app's real path, RLS included — for a search with no match, with a match, and the plain
 * list, then prints EXPLAIN (ANALYZE, BUFFERS) of the statement listSops issued. Also times an
 * autosave (saveDraft) of ~8 KB content and a status-only update.
 *
 *   tsx scripts/search-explain.ts postgres://postgres@127.0.0.1:5432/mydb
 *   tsx scripts/search-explain.ts pglite:/tmp/search-bench        (a PGlite data folder)
 *
 * Numbers here are for reading plans, not claims: the benchmark of record is `npm run bench`.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { markVerified } from '../lib/db/claims';
import { migrate } from '../lib/db/migrate';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { scopesFor } from '../lib/db/scopes';
import { listSops, saveDraft, type ListFilter } from '../lib/sops/service';
import { recordingTx, type Statement } from '../lib/db/recording';

const target = process.argv[2] ?? '';
const db = target.startsWith('pglite:') ? openPglite(target.slice('pglite:'.length)) : Promise.resolve(openPostgres(target, { max: 2 }));
const { withUser, asService } = scopesFor(() => db);

const SIZES = [10_000, 50_000];
const WORDS = `clean sterilize verify record inspect calibrate label store dispose wear gloves goggles apron
  sample batch reagent buffer solution centrifuge pipette incubate temperature humidity pressure valve
  pump filter membrane column detector balance weigh measure dilute mix shake rinse dry wipe surface
  bench hood cabinet freezer fridge shelf container bottle flask beaker tube rack lid cap seal tape
  operator supervisor manager quality assurance control deviation change request approval signature
  training competence review audit finding corrective preventive action risk hazard spill exposure
  emergency shower eyewash exit alarm fire extinguisher chemical biological radiation waste sharps
  procedure step section scope purpose responsibility definition reference equipment material safety
  start stop check confirm document report escalate notify isolate lock release tag test reset log`
  .split(/\s+/)
  .filter(Boolean);

async function seed(size: number): Promise<{ orgId: string; userId: string; sopId: string }> {
  const slug = `bench-search-${size}`;
  const found = await asService((tx) =>
    tx.query<{ org_id: string; user_id: string; sop_id: string }>(
      `select o.id as org_id, m.user_id, (select s.id from public.sops s where s.org_id = o.id order by s.number limit 1) as sop_id
         from public.organizations o join public.memberships m on m.org_id = o.id and m.role = 'owner' where o.slug = $1`,
      [slug],
    ),
  );
  if (found[0]) return { orgId: found[0].org_id, userId: found[0].user_id, sopId: found[0].sop_id };
  const userId = randomUUID();
  const t0 = performance.now();
  const orgId = await asService(async (tx) => {
    await tx.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data)
       values ($1, 'authenticated', 'authenticated', $2, now(), '{"provider":"email","providers":["email"]}')`,
      [userId, `${slug}@example.test`],
    );
    const [org] = await tx.query<{ id: string }>(`insert into public.organizations (name, slug, created_by) values ($1, $1, $2) returning id`, [slug, userId]);
    await tx.query(`insert into public.memberships (org_id, user_id, role) values ($1, $2, 'owner') on conflict do nothing`, [org!.id, userId]);
    return org!.id;
  });
  // ~8 KB of content per SOP from a small vocabulary; 1 in 1,000 titles says "Autoclave",
  // 1 in 1,000 bodies mentions "ultracentrifugation" (the searches "with a match").
  const chunk = 5_000;
  for (let from = 0; from < size; from += chunk) {
    await asService((tx) =>
      tx.query(
        `with w as (select $3::text[] as words)
         insert into public.sops (org_id, title, department, owner_id, draft_content, created_by)
         select $1, case when i % 1000 = 0 then 'Autoclave validation ' || i else initcap(w.words[1 + (i * 7) % cardinality(w.words)]) || ' ' || w.words[1 + (i * 13) % cardinality(w.words)] || ' procedure ' || i end,
                (array['Microbiology', 'Chemistry', 'Production', 'Quality'])[1 + i % 4], $2,
                jsonb_build_object('purpose', 'To ' || w.words[1 + i % 50] || ' the ' || w.words[1 + i % 70] || case when i % 1000 = 500 then ' by ultracentrifugation' else '' end,
                  'procedure', (select jsonb_agg(jsonb_build_object('text', (select string_agg(w.words[1 + ((i * 31 + k * 17 + j * 7) % cardinality(w.words))], ' ') from generate_series(1, 14) j))) from generate_series(1, 60) k)),
                $2
           from w, generate_series($4::int, $5::int) i`,
        [orgId, userId, WORDS, from + 1, Math.min(from + chunk, size)],
      ),
    );
  }
  // As autovacuum would: move the GIN indexes' pending entries into the indexes, then statistics.
  await asService((tx) => tx.query("select gin_clean_pending_list(i::regclass) from unnest(array['public.sops_search_idx', 'public.sops_title_trgm_idx', 'public.sops_doc_number_trgm_idx']) i where to_regclass(i) is not null"));
  await asService((tx) => tx.query('analyze public.sops'));
  const [first] = await asService((tx) => tx.query<{ id: string }>('select id from public.sops where org_id = $1 order by number limit 1', [orgId]));
  console.log(`seeded ${size} SOPs in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return { orgId, userId, sopId: first!.id };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timeIt(fn: () => Promise<unknown>, reps = 7): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

const CASES: [string, Omit<ListFilter, 'limit'>][] = [
  ['search, no match ("xylophone")', { q: 'xylophone' }],
  ['search, title match ("autoclave")', { q: 'autoclave' }],
  ['search, content match ("ultracentrifugation")', { q: 'ultracentrifugation' }],
  ['search, number ("SOP-0004")', { q: 'SOP-0004' }],
  ['list, first page', {}],
];

async function main() {
await migrate(await db);
console.log(`# ${(await db).kind} ${target.startsWith('pglite:') ? '' : (await asService((tx) => tx.query<{ v: string }>('select version() as v')))[0]!.v}`);
for (const size of SIZES) {
  const { orgId, userId, sopId } = await seed(size);
  const claims = markVerified({ sub: userId, role: 'authenticated', aal: 'aal1', session_id: randomUUID() });
  console.log(`\n## one organization of ${size} SOPs`);
  for (const [name, filter] of CASES) {
    const ms = await timeIt(() => withUser(claims, (tx) => listSops(tx, orgId, { ...filter, limit: 25 })));
    const log: Statement[] = [];
    const items = await withUser(claims, (tx) => listSops(recordingTx(tx, log), orgId, { ...filter, limit: 25 }));
    const last = log[log.length - 1]!;
    const plan = await withUser(claims, (tx) => tx.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${last.text}`, last.params));
    console.log(`\n### ${name}: ${ms.toFixed(1)} ms median of 7 (listSops in withUser), ${items.items.length} items`);
    console.log(plan.map((r) => r['QUERY PLAN']).join('\n'));
  }
  // Autosave: change the body (~8 KB) of one SOP, as the editor does.
  let rev = (await withUser(claims, (tx) => tx.query<{ r: number }>('select draft_revision as r from public.sops where id = $1', [sopId])))[0]!.r;
  const content = (await withUser(claims, (tx) => tx.query<{ c: Record<string, unknown> }>('select draft_content as c from public.sops where id = $1', [sopId])))[0]!.c;
  const autosave = await timeIt(async () => {
    const c = { ...content, purpose: `To clean the bench, revision ${rev}` };
    const sop = await withUser(claims, (tx) => saveDraft(tx, { orgId, sopId, expectedRevision: Number(rev), content: c as never }));
    rev = sop.draftRevision;
  });
  const sql = await timeIt(() =>
    withUser(claims, (tx) => tx.query(`update public.sops set draft_content = jsonb_set(draft_content, '{purpose}', to_jsonb('To clean ' || clock_timestamp()::text)) where id = $1`, [sopId])),
  );
  const titleOnly = await timeIt(() => withUser(claims, (tx) => tx.query(`update public.sops set owner_id = owner_id where id = $1`, [sopId])));
  console.log(`\n### writes: saveDraft (8 KB body) ${autosave.toFixed(1)} ms; body-only UPDATE ${sql.toFixed(1)} ms; UPDATE not touching searchable columns ${titleOnly.toFixed(1)} ms (medians of 7)`);
}
await (await db).close();
}

void main();
