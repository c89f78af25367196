/**
 * npm run bench -- db [--orgs=N --sops=M --versions=V --big=10000,50000 --runs=R --big-runs=B --only=postgres|pglite]
 *
 * RLS cost and search scaling (issue #17), on a fresh PostgreSQL database (DATABASE_URL, else
 * postgres://postgres@127.0.0.1:5432/postgres; skipped with a message when none answers) and
 * on a fresh PGlite folder, each seeded by scripts/bench-seed.ts.
 *
 * 1. RLS vs superuser: the app's own service functions (listSops, listSops with a search,
 *    requireSop, listVersions from lib/sops/service.ts) inside withUser() as the org's owner,
 *    against the very same functions as the database owner (RLS bypassed; their SQL already
 *    has `where org_id = $1`). Interleaved runs over a rotation of organizations; medians.
 *    "call" is the whole withUser()/asService() transaction (set role, claims, query);
 *    "query" is the service call alone, timed inside the transaction.
 * 2. Search with no match in one organization of 10k and of 50k SOPs, through withUser(),
 *    against the plain list of the same organization and the same search as superuser.
 */
import { listSops, listVersions, requireSop } from '../lib/sops/service';
import type { Tx } from '../lib/db/types';
import { benchCommand, eachKind, flag, fmtMs, interleaved, machineLine, median, ratio, table, wholeRun } from './bench-report';
import { freshDatabase, NO_MATCH, ownerClaims, postgresReachable, seed, TITLE_WORDS, type BenchDb, type Kind, type SeedOptions, type SeededOrg } from './bench-seed';

interface DbOptions extends Omit<SeedOptions, 'log'> {
  runs: number;
  bigRuns: number;
}

export function dbOptions(args: readonly string[]): DbOptions {
  const num = (name: string, dflt: number) => Number(flag(args, name) ?? dflt);
  const big = flag(args, 'big');
  return {
    orgs: num('orgs', 100),
    sops: num('sops', 100),
    versions: num('versions', 2),
    big: big === undefined ? [10_000, 50_000] : big === '' || big === '0' ? [] : big.split(',').map(Number),
    runs: num('runs', 15),
    bigRuns: num('big-runs', 3),
  };
}

/** A big-organization call cancelled after this long is reported as "> 30 s". */
const BIG_TIMEOUT_MS = 30_000;

type Measure = { name: string; what: string; fn: (tx: Tx, org: SeededOrg & { sopId: string }) => Promise<unknown> };

const MEASURES: Measure[] = [
  { name: 'SOP list', what: '`listSops(tx, org, { limit: 25 })` (the API default page)', fn: (tx, o) => listSops(tx, o.id, { limit: 25 }) },
  { name: 'search', what: `\`listSops(tx, org, { q: '${TITLE_WORDS[1]}', limit: 25 })\` (matches 1 SOP in 10)`, fn: (tx, o) => listSops(tx, o.id, { q: TITLE_WORDS[1], limit: 25 }) },
  { name: 'search, no match', what: `\`listSops(tx, org, { q: '${NO_MATCH}' })\``, fn: (tx, o) => listSops(tx, o.id, { q: NO_MATCH, limit: 25 }) },
  { name: 'SOP detail', what: '`requireSop(tx, org, id)`', fn: (tx, o) => requireSop(tx, o.id, o.sopId) },
  { name: 'version list', what: '`listVersions(tx, org, id)`', fn: (tx, o) => listVersions(tx, o.id, o.sopId) },
];

const bigMs = (x: number) => (x === Infinity ? `> ${BIG_TIMEOUT_MS / 1000} s (statement timeout)` : fmtMs(x));

interface Pair {
  rlsCall: number[];
  suCall: number[];
  rlsQuery: number[];
  suQuery: number[];
}

/** RLS (withUser as the org's owner) vs superuser (asService), interleaved, rotating through `orgs`. */
const TIMED_OUT = '57014';

/** A statement cancelled by statement_timeout counts as Infinity (shown as "> the timeout"). */
async function orTimeout(into: number[], run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if ((err as { code?: string }).code !== TIMED_OUT) throw err;
    into.push(Infinity);
  }
}

async function rlsVsSuperuser(t: BenchDb, orgs: (SeededOrg & { sopId: string })[], fn: Measure['fn'], runs: number, warmup = 2, budgetMs = 60_000, timeoutMs = 60_000): Promise<Pair> {
  const q = { rls: [] as number[], su: [] as number[] };
  let i = 0;
  let org = orgs[0]!;
  const timed = async (into: number[], tx: Tx) => {
    await tx.query(`set local statement_timeout = ${Math.round(timeoutMs)}`);
    const s = performance.now();
    await fn(tx, org);
    into.push(performance.now() - s);
  };
  const times = await interleaved(
    {
      rls: async () => {
        org = orgs[Math.floor(i / 2) % orgs.length]!;
        i++;
        await orTimeout(q.rls, () => t.withUser(ownerClaims(org), (tx) => timed(q.rls, tx)));
      },
      su: async () => {
        org = orgs[Math.floor(i / 2) % orgs.length]!;
        i++;
        // As the database owner (RLS bypassed) with the owner's claims, so that what reads the
        // claims (private.sop_search's member check) answers as it does for them: the same work.
        await orTimeout(q.su, () =>
          t.asService(async (tx) => {
            await tx.query("select set_config('request.jwt.claims', $1, true)", [JSON.stringify(ownerClaims(org))]);
            await timed(q.su, tx);
          }),
        );
      },
    },
    runs,
    warmup,
    budgetMs,
  );
  return { rlsCall: times.rls, suCall: times.su, rlsQuery: q.rls.slice(warmup), suQuery: q.su.slice(warmup) };
}

async function withSop(t: BenchDb, orgs: SeededOrg[]): Promise<(SeededOrg & { sopId: string })[]> {
  const out: (SeededOrg & { sopId: string })[] = [];
  for (const o of orgs) {
    const [row] = await t.asService((tx) => tx.query<{ id: string }>('select id from public.sops where org_id = $1 order by number limit 1', [o.id]));
    out.push({ ...o, sopId: row!.id });
  }
  return out;
}

async function benchOne(kind: Kind, o: DbOptions, log: (s: string) => void): Promise<string[]> {
  if (kind === 'postgres') {
    const why = await postgresReachable();
    if (why) {
      log(`db: PostgreSQL skipped (${why})`);
      return [`### PostgreSQL`, '', `Skipped: no PostgreSQL answered (${why}). Set DATABASE_URL to a server where the user may create databases.`];
    }
  }
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const t = await freshDatabase(kind);
  try {
    log(`db: seeding ${label} (${t.version}): ${o.orgs} orgs × ${o.sops} SOPs × ${o.versions} versions, big orgs ${o.big.join(', ') || 'none'}…`);
    const s = await seed(t, { ...o, log });
    log(`  ${s.totalSops} SOPs, ${s.totalVersions} versions in ${s.seconds.toFixed(0)} s`);
    const sample = await withSop(t, s.orgs.filter((_, i) => i % Math.max(1, Math.floor(s.orgs.length / 20)) === 0).slice(0, 20));
    const rows: string[][] = [];
    for (const m of MEASURES) {
      const r = await rlsVsSuperuser(t, sample, m.fn, o.runs);
      const [rc, sc, rq, sq] = [median(r.rlsCall), median(r.suCall), median(r.rlsQuery), median(r.suQuery)];
      log(`  ${m.name}: RLS ${fmtMs(rc)} vs superuser ${fmtMs(sc)} → ${ratio(rc, sc)} (query alone ${fmtMs(rq)} vs ${fmtMs(sq)} → ${ratio(rq, sq)})`);
      rows.push([m.name, m.what, fmtMs(rc), fmtMs(sc), `**${ratio(rc, sc)}**`, fmtMs(rq), fmtMs(sq), ratio(rq, sq)]);
    }
    const out = [
      `### ${label} (${t.version})`,
      '',
      `Seed: ${o.orgs} organizations × ${o.sops} SOPs × ${o.versions} versions (drafts of 6–14 KB)${s.big.length ? `, plus organizations of ${s.big.map((b) => b.sops).join(' and ')} SOPs` : ''}: ${s.totalSops} SOPs and ${s.totalVersions} versions in all, seeded in ${s.seconds.toFixed(0)} s. Median of ${o.runs} interleaved runs (after 2 warm-up rounds), rotating through ${sample.length} organizations.`,
      '',
      '**RLS vs superuser** — ratio = through `withUser()` (RLS, as the owner) / the same service call as the database owner with the owner’s claims (RLS bypassed; the SQL has `where org_id = $1` either way). Goal ≤ 1.10× for every read path.',
      '',
      table(['read path', 'service call', 'RLS, call', 'superuser, call', 'ratio', 'RLS, query alone', 'superuser, query alone', 'ratio'], rows),
    ];
    if (s.big.length) {
      const bigRows: string[][] = [];
      const medians: number[] = [];
      for (const b of s.big) {
        const org = (await withSop(t, [b]))[0]!;
        const r = await rlsVsSuperuser(t, [org], (tx, x) => listSops(tx, x.id, { q: NO_MATCH, limit: 25 }), o.bigRuns, 1, 45_000, BIG_TIMEOUT_MS);
        // The plain list as the baseline: one run each, no warm-up (on main it takes tens of seconds here).
        const list = await rlsVsSuperuser(t, [org], (tx, x) => listSops(tx, x.id, { limit: 25 }), 1, 0, 0, BIG_TIMEOUT_MS);
        // A cancelled statement is Infinity in the query times; the call time would only show the timeout.
        const call = (calls: number[], queries: number[]) => (queries.includes(Infinity) ? Infinity : median(calls));
        const [search, su, plain, plainSu] = [call(r.rlsCall, r.rlsQuery), call(r.suCall, r.suQuery), call(list.rlsCall, list.rlsQuery), call(list.suCall, list.suQuery)];
        medians.push(search);
        log(`  search, no match, org of ${b.sops}: ${bigMs(search)} through withUser (superuser ${bigMs(su)}; plain list ${bigMs(plain)}, superuser ${bigMs(plainSu)}; ${r.rlsCall.length} runs)`);
        bigRows.push([`${b.sops.toLocaleString('en')} SOPs`, `**${bigMs(search)}**`, bigMs(su), ratio(search, su), bigMs(plain), bigMs(plainSu), ratio(search, plain), String(r.rlsCall.length)]);
      }
      out.push(
        '',
        `**Search with no match in one large organization** (\`listSops(tx, org, { q: '${NO_MATCH}' })\` through \`withUser()\`; goal ≤ 50 ms at 50k and flat in the organization's size). Search: median of up to ${o.bigRuns} interleaved runs after one warm-up (fewer when it takes over 45 s in all; the runs column says how many); the plain list (the baseline): one run each. A statement is cancelled after ${BIG_TIMEOUT_MS / 1000} s (statement_timeout) and shown as such.`,
        '',
        table(['organization', 'search, RLS', 'same search, superuser', 'RLS / superuser', 'list (no search), RLS', 'list, superuser', 'search / list (RLS)', 'runs'], bigRows),
      );
      if (medians.length >= 2) out.push('', `Largest / smallest organization: **${ratio(medians[medians.length - 1]!, medians[0]!)}** for ${(s.big[s.big.length - 1]!.sops / s.big[0]!.sops).toFixed(0)}× the SOPs (1.00× is flat).`);
    }
    return out;
  } finally {
    await t.close();
  }
}

export async function benchDb(args: readonly string[] = process.argv.slice(2)): Promise<{ markdown: string }> {
  const o = dbOptions(args);
  const log = (s: string) => console.log(s);
  const started = performance.now();
  const parts = await eachKind(args, (kind) => benchOne(kind, o, log));
  return {
    markdown: [
      `## Database: RLS cost and search (\`${benchCommand('db', args)}\`)`,
      '',
      machineLine([wholeRun(started)]),
      '',
      ...parts,
    ].join('\n'),
  };
}
