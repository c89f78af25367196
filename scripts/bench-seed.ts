/**
 * Benchmark data: a fresh, migrated database (a new database on the PostgreSQL server of
 * DATABASE_URL, or a new PGlite folder) seeded with N organizations × M SOPs, each SOP with V
 * versions, plus a few "big" organizations (10k, 50k SOPs) for search. Everything is inserted
 * in bulk (INSERT … SELECT generate_series) as the database owner, through the real tables
 * and their triggers (numbering, guards, the generated search column); only the audit-trail
 * triggers are switched off while seeding, since hashing 300k audit events would be most of
 * the time and no benchmarked read touches the trail.
 *
 * Drafts are realistic: the offline drafter's CIP procedure enlarged to 10–26 steps, 6–14 KB
 * of JSON each (the sizes the issue measured), and versions carry the same content and its
 * rendered HTML.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { markVerified, type VerifiedClaims } from '../lib/db/claims';
import { migrate } from '../lib/db/migrate';
import { openPglite } from '../lib/db/pglite';
import { openPostgres } from '../lib/db/postgres';
import { scopesFor, type Scopes } from '../lib/db/scopes';
import type { Database } from '../lib/db/types';
import { sampleExportDocument } from '../lib/export/sample';
import { prepareContent } from '../lib/sops/prepare';
import { renderSopHtml } from '../lib/sops/render-html';
import { postgresAdminUrl } from './bench-report';

export type { Kind } from './bench-report';
import type { Kind } from './bench-report';

export interface BenchDb extends Scopes {
  kind: Kind;
  db: Database;
  /** PostgreSQL: the bench database's URL (for a server started on it). */
  url?: string;
  /** PGlite: the data folder (close the database before a server opens it). */
  dataDir?: string;
  /** The server version, e.g. "PostgreSQL 15.20" or "PGlite 0.5.16 (PostgreSQL 17.x)". */
  version: string;
  close(opts?: { keep?: boolean }): Promise<void>;
}

/** Can we reach the PostgreSQL server? (a message when not) */
export async function postgresReachable(): Promise<string | null> {
  const admin = postgres(postgresAdminUrl(), { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await admin`select 1`;
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await admin.end({ timeout: 1 });
  }
}

/** A new, migrated database of this kind. */
export async function freshDatabase(kind: Kind, opts: { max?: number } = {}): Promise<BenchDb> {
  let db: Database;
  let url: string | undefined;
  let dataDir: string | undefined;
  let drop: () => Promise<void>;
  if (kind === 'postgres') {
    const admin = postgresAdminUrl();
    const name = `sopwright_bench_${randomBytes(4).toString('hex')}`;
    const a = postgres(admin, { max: 1, onnotice: () => {} });
    await a.unsafe(`create database ${name}`);
    await a.end();
    const u = new URL(admin);
    u.pathname = `/${name}`;
    url = u.toString();
    db = openPostgres(url, { max: opts.max ?? 4 });
    drop = async () => {
      const b = postgres(admin, { max: 1, onnotice: () => {} });
      await b.unsafe(`drop database if exists ${name} with (force)`);
      await b.end();
    };
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sopwright-bench-pglite-'));
    db = await openPglite(dataDir);
    drop = async () => rmSync(dataDir!, { recursive: true, force: true });
  }
  await migrate(db);
  const scopes = scopesFor(async () => db);
  const [row] = await scopes.asService((tx) => tx.query<{ version: string }>('select version()'));
  const version = row?.version ?? '';
  const short = /^PostgreSQL [\d.]+/.exec(version)?.[0] ?? version;
  return {
    ...scopes,
    kind,
    db,
    url,
    dataDir,
    version: kind === 'pglite' ? `PGlite ${pgliteVersion()} (${short})` : short,
    async close({ keep = false } = {}) {
      await db.close();
      if (!keep) await drop();
    },
  };
}

function pgliteVersion(): string {
  try {
    return (JSON.parse(readFileSync(path.join(process.cwd(), 'node_modules/@electric-sql/pglite/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export interface SeededOrg {
  id: string;
  slug: string;
  sops: number;
  ownerId: string;
  ownerEmail: string;
}

export interface SeedResult {
  orgs: SeededOrg[];
  big: SeededOrg[];
  totalSops: number;
  totalVersions: number;
  seconds: number;
}

export interface SeedOptions {
  orgs: number;
  sops: number;
  versions: number;
  /** Sizes of extra organizations (no versions), e.g. [10_000, 50_000]. */
  big: number[];
  log?: (line: string) => void;
}

/** Title words: a search for one of them matches about one SOP in WORDS.length. */
export const TITLE_WORDS = ['Cleaning', 'Calibration', 'Receiving', 'Sanitation', 'Inspection', 'Changeover', 'Sampling', 'Maintenance', 'Labelling', 'Release'];
export const DEPARTMENTS = ['Production', 'Quality', 'Warehouse', 'Maintenance', 'Laboratory'];
/** A search term no seeded row contains. */
export const NO_MATCH = 'xyzzyqwv';

/** Draft templates, 6–14 KB of JSON each (10, 12 … 26 steps). */
export function draftTemplates(): { content: string; html: string; bytes: number }[] {
  return Array.from({ length: 9 }, (_, i) => {
    const content = prepareContent(sampleExportDocument({ steps: 10 + 2 * i, substeps: 2 }).content);
    const json = JSON.stringify(content);
    return { content: json, html: renderSopHtml(content), bytes: Buffer.byteLength(json) };
  });
}

const ORG_ID = (o: string) => `md5('bench-org-' || ${o})::uuid`;
const USER_ID = (o: string, r: string) => `md5('bench-user-' || ${o} || '-' || ${r})::uuid`;

/**
 * The triggers to switch off while seeding: the audit trail's (private.audit_*), and the SOP
 * numbering one (private.sops_before_insert: max(number) + 1 per row, which the planner, with
 * statistics of small organizations, answers by scanning the organization, quadratic in a
 * 50k-SOP organization); the seed numbers SOPs itself and the column defaults set the rest.
 */
async function auditTriggers(t: Scopes): Promise<{ table: string; name: string }[]> {
  return t.asService((tx) =>
    tx.query<{ table: string; name: string }>(
      `select t.tgrelid::regclass::text as table, t.tgname as name from pg_trigger t join pg_proc p on p.oid = t.tgfoid
        where not t.tgisinternal and (p.proname like 'audit%' or p.proname = 'sops_before_insert') and t.tgrelid::regclass::text in ('public.sops', 'sops', 'public.sop_versions', 'sop_versions', 'public.organizations', 'organizations', 'public.memberships', 'memberships')`,
    ),
  );
}

/** Organizations `from`..`to` (1-based), each with an owner and an author, `sops` SOPs and `versions` versions each. */
async function seedRange(t: Scopes, from: number, to: number, sops: number, versions: number, batchRows: number): Promise<void> {
  await t.asService(async (tx) => {
    await tx.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data)
       select ${USER_ID('o', 'r')}, 'authenticated', 'authenticated', 'bench-' || o || '-' || r || '@bench.test', now(), '{"provider":"email","providers":["email"]}'
         from generate_series($1::int, $2::int) o, generate_series(1, 2) r`,
      [from, to],
    );
    await tx.query(
      `update public.profiles set full_name = case when split_part(email, '-', 3) like '1@%' then 'Olivia Owner ' else 'Ana Author ' end || split_part(email, '-', 2)
        where email like 'bench-%@bench.test' and full_name = ''`,
    );
    await tx.query(
      `insert into public.organizations (id, name, slug, created_by)
       select ${ORG_ID('o')}, 'Bench organization ' || o, 'bench-org-' || o, ${USER_ID('o', '1')} from generate_series($1::int, $2::int) o`,
      [from, to],
    );
    await tx.query(
      `insert into public.memberships (org_id, user_id, role)
       select ${ORG_ID('o')}, ${USER_ID('o', 'r')}, (case r when 1 then 'owner' else 'author' end)::public.member_role
         from generate_series($1::int, $2::int) o, generate_series(1, 2) r`,
      [from, to],
    );
  });
  // SOPs in batches of whole organizations of about batchRows rows.
  const orgsPerBatch = Math.max(1, Math.floor(batchRows / Math.max(1, sops)));
  const sopsPerStatement = Math.max(1, Math.min(sops, batchRows));
  for (let o = from; o <= to; o += orgsPerBatch) {
    const oTo = Math.min(to, o + orgsPerBatch - 1);
    for (let s = 1; s <= sops; s += sopsPerStatement) {
      const sTo = Math.min(sops, s + sopsPerStatement - 1);
      await t.asService((tx) =>
        tx.query(
          `insert into public.sops (org_id, number, title, department, owner_id, draft_content, created_by)
           select ${ORG_ID('o')}, s,
                  ($5::text[])[1 + s % 10] || ' of line ' || (1 + s / 10) || ', procedure ' || s,
                  ($6::text[])[1 + s % 5],
                  ${USER_ID('o', "(1 + s % 2)::text")}, t.content, ${USER_ID('o', "'2'")}
             from generate_series($1::int, $2::int) o, generate_series($3::int, $4::int) s
             join public.bench_templates t on t.k = s % 9`,
          [o, oTo, s, sTo, TITLE_WORDS, DEPARTMENTS],
        ),
      );
    }
    if (versions > 0) {
      await t.asService(async (tx) => {
        await tx.query(
          `insert into public.sop_versions (org_id, sop_id, content, html, change_summary, source, author_id)
           select s.org_id, s.id, t.content, t.html, 'Version ' || v, 'manual', s.owner_id
             from public.sops s join public.bench_templates t on t.k = s.number % 9, generate_series(1, $3::int) v
            where s.org_id in (select ${ORG_ID('o')} from generate_series($1::int, $2::int) o)
            order by s.id, v`,
          [o, oTo, versions],
        );
        await tx.query(
          `update public.sops s set current_version_id = v.id
             from (select distinct on (sop_id) sop_id, id from public.sop_versions
                    where org_id in (select ${ORG_ID('o')} from generate_series($1::int, $2::int) o) order by sop_id, seq desc) v
            where v.sop_id = s.id`,
          [o, oTo],
        );
      });
    }
  }
}

async function orgsOf(t: Scopes, from: number, to: number): Promise<SeededOrg[]> {
  return t.asService((tx) =>
    tx.query<SeededOrg & Record<string, unknown>>(
      `select o.id, o.slug, (select count(*)::int from public.sops s where s.org_id = o.id) as sops,
              m.user_id as "ownerId", p.email as "ownerEmail"
         from generate_series($1::int, $2::int) i
         join public.organizations o on o.id = ${ORG_ID('i')}
         join public.memberships m on m.org_id = o.id and m.role = 'owner'
         join public.profiles p on p.id = m.user_id
        order by i`,
      [from, to],
    ),
  );
}

export async function seed(t: Scopes, opts: SeedOptions): Promise<SeedResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const templates = draftTemplates();
  await t.asService(async (tx) => {
    await tx.query('create table if not exists public.bench_templates (k int primary key, content jsonb not null, html text not null)');
    for (const [k, tpl] of templates.entries()) await tx.query('insert into public.bench_templates values ($1, $2::jsonb, $3)', [k, tpl.content, tpl.html]);
  });
  const triggers = await auditTriggers(t);
  const toggle = (on: boolean) => t.asService(async (tx) => {
    for (const tr of triggers) await tx.query(`alter table ${tr.table} ${on ? 'enable' : 'disable'} trigger ${tr.name}`);
  });
  await toggle(false);
  try {
    const batchRows = 5000;
    const step = Math.max(1, Math.floor(20_000 / Math.max(1, opts.sops)));
    for (let o = 1; o <= opts.orgs; o += step) {
      const to = Math.min(opts.orgs, o + step - 1);
      await seedRange(t, o, to, opts.sops, opts.versions, batchRows);
      log(`  seeded organizations ${o}–${to} of ${opts.orgs} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
    for (const [i, size] of opts.big.entries()) {
      const o = opts.orgs + 1 + i;
      await seedRange(t, o, o, size, 0, batchRows);
      log(`  seeded a big organization of ${size} SOPs (${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await toggle(true);
  }
  await t.asService((tx) => tx.query('drop table public.bench_templates'));
  await t.asService((tx) => tx.query('analyze'));
  const orgs = await orgsOf(t, 1, opts.orgs);
  const big = opts.big.length ? await orgsOf(t, opts.orgs + 1, opts.orgs + opts.big.length) : [];
  const [counts] = await t.asService((tx) => tx.query<{ sops: number; versions: number }>('select (select count(*)::int from public.sops) as sops, (select count(*)::int from public.sop_versions) as versions'));
  return { orgs, big, totalSops: Number(counts?.sops), totalVersions: Number(counts?.versions), seconds: (performance.now() - started) / 1000 };
}

/** Claims of the organization's owner, as lib/auth would hand them to withUser() after verifying a token. */
export function ownerClaims(org: SeededOrg): VerifiedClaims {
  return markVerified({ sub: org.ownerId, role: 'authenticated', aal: 'aal1', session_id: randomUUID(), email: org.ownerEmail });
}
