/**
 * The training matrix: the organization's current members (rows) × its SOPs with an effective
 * version (columns), each cell the member's status for the SOP's current major revision as
 * public.training_status defines it (current | pending | overdue | not_assigned; overdue
 * against private.clock()). Nothing here decides a status: it filters, pages and counts the
 * view's rows. Every member may read it (RLS: the view is security_invoker over tables members
 * read), and nothing of another organization can appear.
 *
 * Filters (the page's GET form, the JSON/CSV/xlsx exports and links from elsewhere share these
 * names): department (the member's department, without case and outer spaces, as assignments
 * match it), sop (one SOP's column), status (people with at least one cell in that status,
 * within the sop filter when given), q (part of a name or email). Pages: PEOPLE_PER_PAGE rows ×
 * SOPS_PER_PAGE columns (page, sopPage); exports take every row up to EXPORT_MAX_RECORDS.
 */
import { z } from 'zod';
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import type { Role } from '@/lib/orgs/permissions';
import { ZSlug } from '@/lib/orgs/slug';
import { zText } from '@/lib/security/sanitize';

export const MATRIX_STATUSES = ['current', 'pending', 'overdue', 'not_assigned'] as const;
export type MatrixStatus = (typeof MATRIX_STATUSES)[number];

/** How a status reads, on the page and in the exports. */
export const STATUS_WORDS: Record<MatrixStatus, string> = { current: 'Current', pending: 'Pending', overdue: 'Overdue', not_assigned: 'Not assigned' };

export const PEOPLE_PER_PAGE = 200;
export const SOPS_PER_PAGE = 100;
/** person × SOP records in one CSV or workbook. */
export const EXPORT_MAX_RECORDS = 100_000;

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const zPage = (name: string) => z.preprocess(blank, z.coerce.number({ message: `${name} must be a page number.` }).int(`${name} must be a whole page number.`).min(1, `${name} starts at 1.`).max(100_000, `${name} is at most 100000.`).default(1));

export const ZMatrixFilters = z.object({
  department: z.preprocess(blank, zText().trim().max(120, 'Use at most 120 characters for the department.').optional()),
  sop: z.preprocess(blank, z.uuid('sop must be a SOP id (UUID).').optional()),
  status: z.preprocess(blank, z.enum(MATRIX_STATUSES, { message: `status is one of ${MATRIX_STATUSES.join(', ')}.` }).optional()),
  q: z.preprocess(blank, zText().trim().max(200, 'Search with at most 200 characters.').optional()),
});
export type MatrixFilters = z.infer<typeof ZMatrixFilters>;

export const ZMatrixQuery = ZMatrixFilters.extend({ page: zPage('page'), sopPage: zPage('sopPage') });
export type MatrixQuery = z.infer<typeof ZMatrixQuery>;

export const ZMatrixParam = z.object({ org: ZSlug });

export const FILTER_KEYS = ['department', 'sop', 'status', 'q'] as const;

/** The filters in force, as URL parameters (for links and the export record). */
export function filterEntries(f: MatrixFilters): [string, string][] {
  return FILTER_KEYS.flatMap((k) => (f[k] ? [[k, f[k]!] as [string, string]] : []));
}

export interface MatrixPerson {
  userId: string;
  name: string;
  email: string;
  department: string;
  role: Role;
}

export interface MatrixSop {
  sopId: string;
  docNumber: string;
  title: string;
  /** The effective revision (1.0, 2.1 …). */
  label: string;
  versionId: string;
}

export interface MatrixCell {
  userId: string;
  sopId: string;
  status: MatrixStatus;
  assignedAt: string | null;
  dueAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedVersionId: string | null;
  /** The revision the person acknowledged (a minor revision of the same major may have followed). */
  acknowledgedLabel: string | null;
}

export interface MatrixSummary {
  /** Cells counted: people matching the filters × SOPs matching the filters (every page). */
  cells: number;
  /** Cells that require an acknowledgement: current + pending + overdue. */
  required: number;
  current: number;
  pending: number;
  overdue: number;
  notAssigned: number;
}

export interface Paging {
  page: number;
  perPage: number;
  total: number;
  /** Rows (or columns) shown: from (1-based) to, inclusive; 0 when none. */
  from: number;
  to: number;
}

export interface TrainingMatrix {
  /** The database clock the statuses were read at. */
  asOf: string;
  filters: MatrixFilters;
  people: MatrixPerson[];
  sops: MatrixSop[];
  cells: MatrixCell[];
  summary: MatrixSummary;
  paging: { people: Paging; sops: Paging };
}

/** `%…%` for ILIKE, with the pattern characters of the text taken literally. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/*
 * The people matching the filters. Parameters: $1 org, $2 department, $3 q pattern, $4 status,
 * $5 sop. Members who left are not in memberships and so not here (their records stay).
 */
const PEOPLE = `
  select m.user_id, coalesce(nullif(btrim(p.full_name), ''), p.email, '') as name, coalesce(p.email, '') as email, m.department, m.role
    from public.memberships m
    left join public.profiles p on p.id = m.user_id
   where m.org_id = $1
     and ($2::text is null or lower(btrim(m.department)) = lower(btrim($2::text)))
     and ($3::text is null or p.full_name ilike $3::text or p.email ilike $3::text)
     and ($4::text is null or exists (
           select 1 from public.training_status ts
            where ts.org_id = m.org_id and ts.user_id = m.user_id and ts.status = $4::text
              and ($5::uuid is null or ts.sop_id = $5::uuid)))`;

const filterParams = (orgId: string, f: MatrixFilters) => [orgId, f.department ?? null, f.q ? likePattern(f.q) : null, f.status ?? null, f.sop ?? null];

interface Window {
  peopleLimit: number;
  peopleOffset: number;
  sopLimit: number;
  sopOffset: number;
}

type PersonRow = { user_id: string; name: string; email: string; department: string; role: Role; total: number };
type SopRow = { sop_id: string; doc_number: string; title: string; label: string; version_id: string; total: number };
type CellRow = {
  user_id: string;
  sop_id: string;
  status: MatrixStatus;
  assigned_at: Date | null;
  due_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_version_id: string | null;
  acknowledged_label: string | null;
};

const time = (d: Date | null) => (d ? isoTime(d) : null);

function paging(page: number, perPage: number, total: number, shown: number): Paging {
  const from = shown ? (page - 1) * perPage + 1 : 0;
  return { page, perPage, total, from, to: shown ? from + shown - 1 : 0 };
}

async function readMatrix(tx: Tx, orgId: string, filters: MatrixFilters, w: Window): Promise<Omit<TrainingMatrix, 'paging'> & { peopleTotal: number; sopTotal: number }> {
  const params = filterParams(orgId, filters);
  const [clock] = await tx.query<{ now: Date }>('select private.clock() as now');
  const peopleRows = await tx.query<PersonRow>(
    `with people as (${PEOPLE})
     select x.*, count(*) over ()::int as total from people x
      order by lower(x.name), lower(x.email), x.user_id
      limit $6 offset $7`,
    [...params, w.peopleLimit, w.peopleOffset],
  );
  // The columns: every SOP with an effective version, read from the caller's own rows of the
  // view (every current member has one per such SOP, and only members get this far).
  const sopRows = await tx.query<SopRow>(
    `select ts.sop_id, s.doc_number, s.title, ts.label, ts.version_id, count(*) over ()::int as total
       from public.training_status ts
       join public.sops s on s.id = ts.sop_id
      where ts.org_id = $1 and ts.user_id = (select auth.uid()) and ($2::uuid is null or ts.sop_id = $2::uuid)
      order by s.number
      limit $3 offset $4`,
    [orgId, filters.sop ?? null, w.sopLimit, w.sopOffset],
  );
  const people = peopleRows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, department: r.department, role: r.role }));
  const sops = sopRows.map((r) => ({ sopId: r.sop_id, docNumber: r.doc_number, title: r.title, label: r.label, versionId: r.version_id }));
  const cellRows = people.length && sops.length
    ? await tx.query<CellRow>(
        `select ts.user_id, ts.sop_id, ts.status, ts.assigned_at, ts.due_at, ts.acknowledged_at, ts.acknowledged_version_id,
                (select t.label from public.sop_transitions t
                  where t.version_id = ts.acknowledged_version_id and t.label <> '' order by t.seq desc limit 1) as acknowledged_label
           from public.training_status ts
          where ts.org_id = $1 and ts.user_id = any($2::uuid[]) and ts.sop_id = any($3::uuid[])`,
        [orgId, people.map((p) => p.userId), sops.map((s) => s.sopId)],
      )
    : [];
  const counts = await tx.query<{ status: MatrixStatus; n: number }>(
    `with people as (${PEOPLE})
     select ts.status, count(*)::int as n
       from public.training_status ts
      where ts.org_id = $1 and ts.user_id in (select user_id from people) and ($5::uuid is null or ts.sop_id = $5::uuid)
      group by ts.status`,
    params,
  );
  const n = (s: MatrixStatus) => counts.find((c) => c.status === s)?.n ?? 0;
  const summary: MatrixSummary = {
    cells: counts.reduce((a, c) => a + c.n, 0),
    required: n('current') + n('pending') + n('overdue'),
    current: n('current'),
    pending: n('pending'),
    overdue: n('overdue'),
    notAssigned: n('not_assigned'),
  };
  const cells = cellRows.map((r) => ({
    userId: r.user_id,
    sopId: r.sop_id,
    status: r.status,
    assignedAt: time(r.assigned_at),
    dueAt: time(r.due_at),
    acknowledgedAt: time(r.acknowledged_at),
    acknowledgedVersionId: r.acknowledged_version_id,
    acknowledgedLabel: r.acknowledged_label,
  }));
  return {
    asOf: isoTime(clock!.now),
    filters,
    people,
    sops,
    cells,
    summary,
    peopleTotal: peopleRows[0]?.total ?? (w.peopleOffset ? await countPeople(tx, params) : 0),
    sopTotal: sopRows[0]?.total ?? (w.sopOffset ? await countSops(tx, orgId, filters) : 0),
  };
}

async function countPeople(tx: Tx, params: unknown[]): Promise<number> {
  const [r] = await tx.query<{ n: number }>(`with people as (${PEOPLE}) select count(*)::int as n from people`, params);
  return r?.n ?? 0;
}

async function countSops(tx: Tx, orgId: string, f: MatrixFilters): Promise<number> {
  const [r] = await tx.query<{ n: number }>(
    'select count(*)::int as n from public.training_status ts where ts.org_id = $1 and ts.user_id = (select auth.uid()) and ($2::uuid is null or ts.sop_id = $2::uuid)',
    [orgId, f.sop ?? null],
  );
  return r?.n ?? 0;
}

/** One page of the matrix (PEOPLE_PER_PAGE people × SOPS_PER_PAGE SOPs), with the summary of every page. */
export async function trainingMatrix(tx: Tx, orgId: string, query: MatrixQuery): Promise<TrainingMatrix> {
  const { page, sopPage, ...filters } = query;
  const m = await readMatrix(tx, orgId, filters, {
    peopleLimit: PEOPLE_PER_PAGE,
    peopleOffset: (page - 1) * PEOPLE_PER_PAGE,
    sopLimit: SOPS_PER_PAGE,
    sopOffset: (sopPage - 1) * SOPS_PER_PAGE,
  });
  const { peopleTotal, sopTotal, ...rest } = m;
  return { ...rest, paging: { people: paging(page, PEOPLE_PER_PAGE, peopleTotal, m.people.length), sops: paging(sopPage, SOPS_PER_PAGE, sopTotal, m.sops.length) } };
}

/**
 * Every person and SOP matching the filters, for an export; 422 when that is more than
 * EXPORT_MAX_RECORDS person × SOP records (the message says to filter).
 */
export async function fullTrainingMatrix(tx: Tx, orgId: string, filters: MatrixFilters, max = EXPORT_MAX_RECORDS): Promise<TrainingMatrix> {
  const params = filterParams(orgId, filters);
  const people = await countPeople(tx, params);
  const sops = await countSops(tx, orgId, filters);
  if (people * sops > max) {
    throw new AppError(
      'unprocessable',
      `This export would have ${people * sops} records (${people} people × ${sops} SOPs); one export holds at most ${max}. Filter by department, SOP or status.`,
    );
  }
  const m = await readMatrix(tx, orgId, filters, { peopleLimit: Math.max(people, 1), peopleOffset: 0, sopLimit: Math.max(sops, 1), sopOffset: 0 });
  const { peopleTotal, sopTotal, ...rest } = m;
  return { ...rest, paging: { people: paging(1, Math.max(peopleTotal, 1), peopleTotal, m.people.length), sops: paging(1, Math.max(sopTotal, 1), sopTotal, m.sops.length) } };
}

/** The departments members have (for the filter), as written, without case duplicates. */
export async function matrixDepartments(tx: Tx, orgId: string): Promise<string[]> {
  const rows = await tx.query<{ department: string }>(
    `select min(btrim(department)) as department from public.memberships
      where org_id = $1 and btrim(department) <> '' group by lower(btrim(department)) order by lower(min(btrim(department)))`,
    [orgId],
  );
  return rows.map((r) => r.department);
}

/** The cell of a person and a SOP (every person × SOP of a matrix has one). */
export function cellIndex(cells: readonly MatrixCell[]): (userId: string, sopId: string) => MatrixCell | undefined {
  const map = new Map(cells.map((c) => [`${c.userId}|${c.sopId}`, c]));
  return (userId, sopId) => map.get(`${userId}|${sopId}`);
}

/** Who is exporting (their printed name and email), for the export's particulars. */
export async function exportingPerson(tx: Tx): Promise<{ name: string; email: string }> {
  const [row] = await tx.query<{ name: string; email: string }>(
    `select coalesce(btrim(p.full_name), '') as name, coalesce(p.email, (select auth.email()), '') as email
       from (select (select auth.uid()) as id) me left join public.profiles p on p.id = me.id`,
  );
  return row ?? { name: '', email: '' };
}

/** Record a CSV or workbook export in the audit trail (training.matrix_exported), in the exporting transaction. */
export async function recordMatrixExport(tx: Tx, orgId: string, format: 'csv' | 'xlsx', m: TrainingMatrix): Promise<void> {
  const data = { format, filters: Object.fromEntries(filterEntries(m.filters)), people: m.people.length, sops: m.sops.length, as_of: m.asOf };
  await tx.query("select private.record_event($1::uuid, 'training.matrix_exported', 'organizations', $2::text, $3::jsonb)", [orgId, orgId, JSON.stringify(data)]);
}

/** The SOPs with an effective version (the matrix's columns), for the SOP filter; by number. */
export async function matrixSopOptions(tx: Tx, orgId: string): Promise<Omit<MatrixSop, 'versionId'>[]> {
  const rows = await tx.query<{ sop_id: string; doc_number: string; title: string; label: string }>(
    `select ts.sop_id, s.doc_number, s.title, ts.label from public.training_status ts join public.sops s on s.id = ts.sop_id
      where ts.org_id = $1 and ts.user_id = (select auth.uid()) order by s.number limit 2000`,
    [orgId],
  );
  return rows.map((r) => ({ sopId: r.sop_id, docNumber: r.doc_number, title: r.title, label: r.label }));
}
