/**
 * npm run bench -- load [--requests=N --only=postgres|pglite]
 *
 * A bounded load run against the production server: 50 connections in all (5 for each of 10
 * users, each the owner of their own organization), each connection looping through
 * "create an SOP (POST), save its draft with new content (PATCH, If-Match), read the list,
 * read the SOP", until N responses in all (default 2,000) have come back. Then, with the
 * server stopped, the database is counted: every SOP a 201 answered must be there, no other,
 * and each SOP's draft revision must equal the draft saves a 200 answered for it. Errors are
 * every answer but 2xx and 429 (the per-user write limit, which says "slow down" and writes
 * nothing) plus connection errors and timeouts; the goal is 0.
 */
import autocannon from 'autocannon';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import type { Database } from '../lib/db/types';
import { sampleExportDocument } from '../lib/export/sample';
import { prepareContent } from '../lib/sops/prepare';
import { benchCommand, eachKind, flag, machineLine, table, wholeRun } from './bench-report';
import type { Kind } from './bench-seed';
import { ensureBuild, seededForServer, serverDbOf, sessionCookie, withServer } from './bench-server';

const USERS = 10;
const PER_USER = 5;

interface Tally {
  status: Map<string, number>;
  created: Set<string>;
  /** SOP id → draft saves answered 200. */
  saves: Map<string, number>;
  errors: number;
  timeouts: number;
}

type Ctx = { sopId?: string };

const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);

function contentWith(base: ReturnType<typeof prepareContent>, marker: string): string {
  const c = structuredClone(base);
  c.procedure[0]!.text = `Load run edit ${marker}: confirm the line is clear.`;
  return JSON.stringify({ content: c });
}

async function userLoad(base: string, slug: string, cookie: string, amount: number, tally: Tally, template: ReturnType<typeof prepareContent>): Promise<void> {
  let n = 0;
  const count = (kind: string, status: number) => bump(tally.status, `${kind} ${status}`);
  const sops = `/api/v1/orgs/${slug}/sops`;
  const r = await autocannon({
    url: base,
    connections: PER_USER,
    amount,
    timeout: 60,
    headers: { cookie, 'content-type': 'application/json' },
    requests: [
      {
        method: 'POST',
        path: sops,
        setupRequest: (req) => ({ ...req, body: JSON.stringify({ title: `Load run SOP ${slug} ${++n}` }) }),
        onResponse: (status, body, context) => {
          count('create', status);
          if (status === 201) {
            const id = (JSON.parse(body) as { sop: { id: string } }).sop.id;
            tally.created.add(id);
            (context as Ctx).sopId = id;
          }
        },
      },
      {
        method: 'PATCH',
        // No SOP created (a 429): start the loop again from the create.
        setupRequest: (req, context) => ((context as Ctx).sopId ? { ...req, path: `${sops}/${(context as Ctx).sopId}`, headers: { ...req.headers, 'if-match': '"r0"' }, body: contentWith(template, `${slug}-${++n}`) } : (null as unknown as typeof req)),
        onResponse: (status, _body, context) => {
          count('save draft', status);
          if (status === 200) bump(tally.saves, (context as Ctx).sopId!);
        },
      },
      { method: 'GET', path: sops, onResponse: (status) => count('list', status) },
      {
        method: 'GET',
        setupRequest: (req, context) => ({ ...req, path: `${sops}/${(context as Ctx).sopId}` }),
        onResponse: (status) => count('detail', status),
      },
    ],
  });
  tally.errors += r.errors;
  tally.timeouts += r.timeouts;
}

async function counted(db: Database, slugs: string[]): Promise<{ rows: Map<string, number> }> {
  const rows = await db.transaction((tx) =>
    tx.query<{ id: string; draft_revision: number }>(
      `select s.id, s.draft_revision from public.sops s join public.organizations o on o.id = s.org_id where o.slug = any($1::text[]) and s.title like 'Load run SOP %'`,
      [slugs],
    ),
  );
  return { rows: new Map(rows.map((r) => [r.id, Number(r.draft_revision)])) };
}

async function loadOne(kind: Kind, total: number, log: (s: string) => void): Promise<string[]> {
  const label = kind === 'postgres' ? 'PostgreSQL' : 'PGlite';
  const seeded = await seededForServer(kind, { orgs: USERS, sops: 20, versions: 1, big: [] });
  if (seeded.skipped !== undefined) return [`### ${label}`, '', seeded.skipped];
  const { t, s } = seeded;
  const version = t.version;
  const tally: Tally = { status: new Map(), created: new Set(), saves: new Map(), errors: 0, timeouts: 0 };
  const template = prepareContent(sampleExportDocument({ steps: 12, substeps: 2 }).content);
  let seconds = 0;
  try {
    await withServer(serverDbOf(t), async (server) => {
      const cookies = await Promise.all(s.orgs.map((o) => sessionCookie(server.url, o.ownerEmail)));
      const started = performance.now();
      await Promise.all(s.orgs.map((o, i) => userLoad(server.url, o.slug, cookies[i]!, Math.floor(total / USERS), tally, template)));
      seconds = (performance.now() - started) / 1000;
    });
  } catch (err) {
    await t.close();
    throw err;
  }
  const db = kind === 'postgres' ? openPostgres(t.url!, { max: 1 }) : await openPglite(t.dataDir!);
  let rows: Map<string, number>;
  try {
    rows = (await counted(db, s.orgs.map((o) => o.slug))).rows;
  } finally {
    await db.close();
    await t.close();
  }
  const responses = [...tally.status.values()].reduce((a, b) => a + b, 0);
  const bad = [...tally.status].filter(([k]) => !/ (2\d\d|429)$/.test(k)).reduce((a, [, v]) => a + v, 0) + tally.errors + tally.timeouts;
  const missing = [...tally.created].filter((id) => !rows.has(id)).length;
  const extra = [...rows.keys()].filter((id) => !tally.created.has(id)).length;
  const saves = [...tally.saves.values()].reduce((a, b) => a + b, 0);
  const revisionMismatch = [...rows].filter(([id, rev]) => rev !== (tally.saves.get(id) ?? 0)).length;
  const revisions = [...rows.values()].reduce((a, b) => a + b, 0);
  const ok = bad === 0 && missing === 0 && extra === 0 && revisionMismatch === 0;
  log(`load ${label}: ${responses} responses in ${seconds.toFixed(1)} s (${(responses / seconds).toFixed(1)}/s); ${bad} errors; ${tally.created.size} created (${rows.size} in the database, ${missing} missing, ${extra} unexplained); ${saves} draft saves (${revisions} revisions in the database, ${revisionMismatch} SOPs differ) → ${ok ? 'OK' : 'FAILED'}`);
  const statusRows = [...tally.status].sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, String(v)]);
  return [
    `### ${label} (${version}): ${ok ? '**0 errors, every write accounted for**' : '**FAILED**'}`,
    '',
    `${responses} responses in ${seconds.toFixed(1)} s (${(responses / seconds).toFixed(1)} per second) over 50 connections; ${bad} errors (${tally.errors} connection errors, ${tally.timeouts} timeouts, the rest non-2xx other than 429).`,
    '',
    `Accounting, counted in the database after the server stopped: ${tally.created.size} SOPs answered 201 → ${rows.size} load-run SOPs in the database (${missing} missing, ${extra} not answered 201); ${saves} draft saves answered 200 → ${revisions} draft revisions in the database (${revisionMismatch} SOPs whose revision differs from their 200s).`,
    '',
    table(['request, status', 'responses'], statusRows),
  ];
}

export async function benchLoad(args: readonly string[]): Promise<{ markdown: string }> {
  const log = (s: string) => console.log(s);
  const total = Number(flag(args, 'requests') ?? 2000);
  const started = performance.now();
  const build = ensureBuild(log);
  log(`load: ${build}`);
  const parts = await eachKind(args, (kind) => loadOne(kind, total, log));
  return {
    markdown: [
      `## Load run: 50 connections, reads and writes (\`${benchCommand('load', args)}\`)`,
      '',
      machineLine(['autocannon 9.0.0 on the same machine', wholeRun(started), build]),
      '',
      `${USERS} users (each the owner of their own organization, seeded with 20 SOPs), ${PER_USER} connections each, every connection looping through POST an SOP → PATCH its draft with new content (If-Match "r0") → GET the list → GET the SOP, until ${total} responses have come back. 429 (the per-user write limit of 240 a minute) is expected and writes nothing; everything else but 2xx is an error. Goal: 0 errors, and the database holds exactly the writes that were answered 2xx.`,
      '',
      ...parts,
    ].join('\n'),
  };
}
