/**
 * The tenant-isolation matrix, declared in one place: for every table an API role can reach,
 * how to make a row of organization A, how each operation is attempted, and which actors
 * may do it. Everything not listed as allowed must be refused. A table that exists in the
 * live schema without an entry here fails the suite, so a new table cannot slip through.
 *
 * Actors: anon; the five roles of org A; a member of org B only; a member removed from A;
 * a member of A whose account was deleted.
 */
import type { Tx } from '@/lib/db/types';

export const ACTORS = ['anon', 'owner', 'admin', 'author', 'approver', 'viewer', 'other_org', 'removed', 'deleted'] as const;
export type Actor = (typeof ACTORS)[number];
export const OPS = ['select', 'insert', 'update', 'delete'] as const;
export type Op = (typeof OPS)[number];

export interface World {
  orgA: string;
  orgB: string;
  users: Record<Exclude<Actor, 'anon'>, string>;
}

export interface TableCase {
  /** Create (as the service) the org-A row the actors try to read, change and delete. Returns its id. */
  fixture(tx: Tx, w: World): Promise<string>;
  /** Statements; each returns the affected/visible ids. $1 = fixture id (text), $2 = actor id (uuid or null), $3 = org A id (uuid). */
  select: string;
  insert: string;
  update: string;
  delete: string;
  allowed: Record<Op, readonly Actor[]>;
}

const MEMBERS = ['owner', 'admin', 'author', 'approver', 'viewer'] as const;
const MANAGERS = ['owner', 'admin'] as const;
const EDITORS = ['owner', 'admin', 'author'] as const;

export const TABLES: Record<string, TableCase> = {
  'public.profiles': {
    fixture: async (_tx, w) => w.users.author,
    select: 'select id from public.profiles where id = $1::uuid',
    insert: 'insert into public.profiles (id) values (gen_random_uuid()) returning id',
    update: 'update public.profiles set full_name = full_name where id = $1::uuid returning id',
    delete: 'delete from public.profiles where id = $1::uuid returning id',
    // The fixture is the author's profile: people in the author's organization read it, only
    // the author edits it, nobody deletes one.
    allowed: { select: MEMBERS, insert: [], update: ['author'], delete: [] },
  },
  'public.organizations': {
    fixture: async (_tx, w) => w.orgA,
    select: 'select id from public.organizations where id = $1::uuid',
    insert: "insert into public.organizations (name, slug) values ('Intruder', 'intruder-' || substr(md5(random()::text), 1, 8)) returning id",
    update: 'update public.organizations set name = name where id = $1::uuid returning id',
    delete: 'delete from public.organizations where id = $1::uuid returning id',
    allowed: { select: MEMBERS, insert: [], update: MANAGERS, delete: [] },
  },
  'public.memberships': {
    fixture: async (tx, w) =>
      (await tx.query<{ id: string }>('select id from public.memberships where org_id = $1 and user_id = $2', [w.orgA, w.users.viewer]))[0]!.id,
    select: 'select id from public.memberships where id = $1::uuid',
    insert: "insert into public.memberships (org_id, user_id, role) values ($3, coalesce($2::uuid, gen_random_uuid()), 'owner') returning id",
    update: 'update public.memberships set role = role where id = $1::uuid returning id',
    delete: 'delete from public.memberships where id = $1::uuid returning id',
    // The fixture is the viewer's membership: managers may remove it, and the viewer may leave.
    allowed: { select: MEMBERS, insert: [], update: MANAGERS, delete: [...MANAGERS, 'viewer'] },
  },
  'public.invites': {
    fixture: async (tx, w) =>
      (
        await tx.query<{ id: string }>(
          "insert into public.invites (org_id, email, role, token_hash, invited_by) values ($1, 'fixture-' || substr(md5(random()::text), 1, 8) || '@example.test', 'viewer', repeat('a', 64), $2) returning id",
          [w.orgA, w.users.owner],
        )
      )[0]!.id,
    select: 'select id from public.invites where id = $1::uuid',
    insert: "insert into public.invites (org_id, email, role, token_hash, invited_by) values ($3, 'matrix-' || substr(md5(random()::text), 1, 8) || '@example.test', 'viewer', repeat('b', 64), $2) returning id",
    update: 'update public.invites set revoked_at = now() where id = $1::uuid returning id',
    delete: 'delete from public.invites where id = $1::uuid returning id',
    allowed: { select: MANAGERS, insert: MANAGERS, update: MANAGERS, delete: [] },
  },
  'public.audit_events': {
    fixture: async (tx, w) => (await tx.query<{ id: string }>('select id from public.audit_events where org_id = $1 order by seq limit 1', [w.orgA]))[0]!.id,
    select: 'select id from public.audit_events where id = $1::uuid',
    insert: "insert into public.audit_events (org_id, action) values ($3, 'forged.event') returning id",
    update: "update public.audit_events set action = 'forged.event' where id = $1::uuid returning id",
    delete: 'delete from public.audit_events where id = $1::uuid returning id',
    allowed: { select: ['owner', 'admin', 'approver'], insert: [], update: [], delete: [] },
  },
  'public.sops': {
    fixture: async (tx, w) =>
      (await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Fixture SOP', $2) returning id", [w.orgA, w.users.author]))[0]!.id,
    select: 'select id from public.sops where id = $1::uuid',
    insert: "insert into public.sops (org_id, title, created_by) values ($3, 'Matrix SOP', $2) returning id",
    update: "update public.sops set title = 'Changed' where id = $1::uuid returning id",
    delete: 'delete from public.sops where id = $1::uuid returning id',
    allowed: { select: MEMBERS, insert: EDITORS, update: EDITORS, delete: [] },
  },
  'public.sop_versions': {
    fixture: async (tx, w) => {
      const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Versioned', $2) returning id", [w.orgA, w.users.author]);
      return (
        await tx.query<{ id: string }>(
          "insert into public.sop_versions (org_id, sop_id, label, content, source, author_id) values ($1, $2, '0.1', '{}'::jsonb, 'manual', $3) returning id",
          [w.orgA, sop!.id, w.users.author],
        )
      )[0]!.id;
    },
    select: 'select id from public.sop_versions where id = $1::uuid',
    // Outsiders cannot see the SOP, so they name a random one; the insert trigger refuses it.
    insert:
      "insert into public.sop_versions (org_id, sop_id, label, content, source, author_id) values ($3, coalesce((select sop_id from public.sop_versions where id = $1::uuid), gen_random_uuid()), '0.9', '{}'::jsonb, 'manual', $2) returning id",
    update: "update public.sop_versions set label = 'forged' where id = $1::uuid returning id",
    delete: 'delete from public.sop_versions where id = $1::uuid returning id',
    // Versions are immutable for everyone; editors add new ones.
    allowed: { select: MEMBERS, insert: EDITORS, update: [], delete: [] },
  },
  'public.generations': {
    fixture: async (tx, w) => {
      const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Generated', $2) returning id", [w.orgA, w.users.author]);
      return (
        await tx.query<{ id: string }>(
          "insert into public.generations (org_id, sop_id, source, input, created_by) values ($1, $2, 'offline', '{}'::jsonb, $3) returning id",
          [w.orgA, sop!.id, w.users.author],
        )
      )[0]!.id;
    },
    select: 'select id from public.generations where id = $1::uuid',
    insert:
      "insert into public.generations (org_id, sop_id, source, input, created_by) select $3, id, 'offline', '{}'::jsonb, $2 from public.sops where org_id = $3 limit 1 returning id",
    update: 'update public.generations set cancel_requested = true where id = $1::uuid returning id',
    delete: 'delete from public.generations where id = $1::uuid returning id',
    allowed: { select: MEMBERS, insert: EDITORS, update: EDITORS, delete: [] },
  },
  'public.routing_defaults': {
    fixture: async (tx, w) =>
      (await tx.query<{ id: string }>("insert into public.routing_defaults (org_id, department, approvers) values ($1, 'fixture-' || substr(md5(random()::text), 1, 8), array[$2::uuid]) returning id", [w.orgA, w.users.approver]))[0]!.id,
    select: 'select id from public.routing_defaults where id = $1::uuid',
    insert: "insert into public.routing_defaults (org_id, department) values ($3, 'matrix-' || substr(md5(random()::text), 1, 8)) returning id",
    update: "update public.routing_defaults set reviewers = array[gen_random_uuid()] where id = $1::uuid returning id",
    delete: 'delete from public.routing_defaults where id = $1::uuid returning id',
    // Suggestions every member reads when submitting; document control (sops.control) writes them.
    allowed: { select: MEMBERS, insert: MANAGERS, update: MANAGERS, delete: MANAGERS },
  },
  'public.sop_templates': {
    fixture: async (tx, w) =>
      (await tx.query<{ id: string }>("insert into public.sop_templates (org_id, name, content) values ($1, 'fixture-' || substr(md5(random()::text), 1, 8), '{}'::jsonb) returning id", [w.orgA]))[0]!.id,
    select: 'select id from public.sop_templates where id = $1::uuid',
    insert: "insert into public.sop_templates (org_id, name, content) values ($3, 'matrix-' || substr(md5(random()::text), 1, 8), '{}'::jsonb) returning id",
    update: "update public.sop_templates set name = name || ' (renamed)' where id = $1::uuid returning id",
    delete: 'delete from public.sop_templates where id = $1::uuid returning id',
    // Every member starts SOPs from them; whoever edits SOPs saves and deletes them; nobody edits one in place.
    allowed: { select: MEMBERS, insert: EDITORS, update: [], delete: EDITORS },
  },
  'public.org_frameworks': {
    fixture: async (tx, w) =>
      (await tx.query<{ id: string }>("insert into public.org_frameworks (org_id, framework) values ($1, 'FIX-' || upper(substr(md5(random()::text), 1, 8))) returning framework as id", [w.orgA]))[0]!.id,
    select: 'select framework as id from public.org_frameworks where org_id = $3 and framework = $1',
    insert: "insert into public.org_frameworks (org_id, framework) values ($3, 'MX-' || upper(substr(md5(random()::text), 1, 8))) returning framework as id",
    update: 'update public.org_frameworks set added_at = added_at where org_id = $3 and framework = $1 returning framework as id',
    delete: 'delete from public.org_frameworks where org_id = $3 and framework = $1 returning framework as id',
    // Every member sees what the organization follows; owners and admins choose; nobody edits one in place.
    allowed: { select: MEMBERS, insert: MANAGERS, update: [], delete: MANAGERS },
  },
  'public.sop_clause_mappings': {
    fixture: async (tx, w) => {
      const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Mapped', $2) returning id", [w.orgA, w.users.author]);
      return (
        await tx.query<{ id: string }>("insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin) values ($1, 'ISO9001', '7.5', 'suggested') returning id", [sop!.id])
      )[0]!.id;
    },
    select: 'select id from public.sop_clause_mappings where id = $1::uuid',
    insert:
      "insert into public.sop_clause_mappings (sop_id, framework, clause_id, origin) select s.id, 'ISO9001', 'M-' || substr(md5(random()::text), 1, 8), 'manual' from public.sops s where s.org_id = $3 limit 1 returning id",
    update: "update public.sop_clause_mappings set status = 'accepted' where id = $1::uuid returning id",
    delete: 'delete from public.sop_clause_mappings where id = $1::uuid returning id',
    // Every member reads the mappings; whoever edits SOPs maps, accepts a suggestion and unmaps.
    allowed: { select: MEMBERS, insert: EDITORS, update: EDITORS, delete: EDITORS },
  },
  'public.sop_gap_analyses': {
    fixture: async (tx, w) => {
      const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Analysed', $2) returning id", [w.orgA, w.users.author]);
      return (
        await tx.query<{ id: string }>(
          "insert into public.sop_gap_analyses (sop_id, framework, engine, result) values ($1, '21CFR117', 'offline', '{\"gaps\":[],\"addressed\":[],\"flagged\":[]}'::jsonb) returning id",
          [sop!.id],
        )
      )[0]!.id;
    },
    select: 'select id from public.sop_gap_analyses where id = $1::uuid',
    insert:
      "insert into public.sop_gap_analyses (sop_id, framework, engine, result) select s.id, 'ISO9001', 'offline', '{}'::jsonb from public.sops s where s.org_id = $3 limit 1 returning id",
    update: "update public.sop_gap_analyses set result = '{}'::jsonb where id = $1::uuid returning id",
    delete: 'delete from public.sop_gap_analyses where id = $1::uuid returning id',
    // Every member reads them; whoever edits SOPs runs one; stored results are never changed or deleted.
    allowed: { select: MEMBERS, insert: EDITORS, update: [], delete: [] },
  },
  'public.billing_customers': {
    fixture: async (tx, w) => {
      await tx.query("insert into public.billing_customers (org_id, stripe_customer_id) values ($1, 'cus_Fixture' || substr(md5(random()::text), 1, 8)) on conflict do nothing", [w.orgA]);
      return w.orgA;
    },
    select: 'select org_id from public.billing_customers where org_id = $1::uuid',
    insert: "insert into public.billing_customers (org_id, stripe_customer_id) values ($3, 'cus_Forged') returning org_id",
    update: "update public.billing_customers set stripe_customer_id = 'cus_Forged' where org_id = $1::uuid returning org_id",
    delete: 'delete from public.billing_customers where org_id = $1::uuid returning org_id',
    // Server-only: owners reach the id through private.billing_customer(), never the table.
    allowed: { select: [], insert: [], update: [], delete: [] },
  },
  'public.stripe_events': {
    fixture: async (tx) =>
      (await tx.query<{ id: string }>("insert into public.stripe_events (id, type) values ('evt_Fixture' || substr(md5(random()::text), 1, 8), 'invoice.paid') returning id"))[0]!.id,
    select: 'select id from public.stripe_events where id = $1',
    insert: "insert into public.stripe_events (id, type) values ('evt_Forged' || substr(md5(random()::text), 1, 8), 'x') returning id",
    update: "update public.stripe_events set type = 'x' where id = $1 returning id",
    delete: 'delete from public.stripe_events where id = $1 returning id',
    allowed: { select: [], insert: [], update: [], delete: [] },
  },
  'public.mfa_recovery_codes': {
    fixture: async (tx, w) =>
      (await tx.query<{ id: string }>("insert into public.mfa_recovery_codes (user_id, code_hash) values ($1, '$2b$10$' || repeat('a', 53)) returning id", [w.users.author]))[0]!.id,
    select: 'select id from public.mfa_recovery_codes where id = $1::uuid',
    insert: "insert into public.mfa_recovery_codes (user_id, code_hash) values (coalesce($2::uuid, gen_random_uuid()), '$2b$10$' || repeat('b', 53)) returning id",
    update: 'update public.mfa_recovery_codes set used_at = now() where id = $1::uuid returning id',
    delete: 'delete from public.mfa_recovery_codes where id = $1::uuid returning id',
    // The fixture is the author's code: only the author sees that it exists (never its hash);
    // rows change only through private.replace_my_recovery_codes / use_my_recovery_code.
    allowed: { select: ['author'], insert: [], update: [], delete: [] },
  },
};


/**
 * Document control fixtures: a version of a new SOP submitted by the author (fresh password
 * in the claims, as the signing ceremony leaves them) to the approver, inside the service
 * transaction, which then goes back to the service's claims.
 */
async function actAs(tx: Tx, userId: string, run: () => Promise<string>): Promise<string> {
  await tx.query(
    `select set_config('request.jwt.claims', json_build_object('sub', $1::text, 'role', 'authenticated',
       'amr', json_build_array(json_build_object('method', 'password', 'timestamp', floor(extract(epoch from clock_timestamp())))))::text, true)`,
    [userId],
  );
  const id = await run();
  await tx.query(`select set_config('request.jwt.claims', '{"role":"service_role"}', true)`);
  return id;
}

async function fixtureVersion(tx: Tx, w: World): Promise<string> {
  const [sop] = await tx.query<{ id: string }>("insert into public.sops (org_id, title, created_by) values ($1, 'Controlled', $2) returning id", [w.orgA, w.users.author]);
  const [v] = await tx.query<{ id: string }>(
    "insert into public.sop_versions (org_id, sop_id, label, content, source, author_id) values ($1, $2, '0.1', '{\"title\":\"Controlled\"}'::jsonb, 'manual', $3) returning id",
    [w.orgA, sop!.id, w.users.author],
  );
  return v!.id;
}

async function fixtureSubmission(tx: Tx, w: World): Promise<string> {
  await tx.query("update public.profiles set full_name = 'Ana Author' where id = $1", [w.users.author]);
  const versionId = await fixtureVersion(tx, w);
  return actAs(tx, w.users.author, async () =>
    (await tx.query<{ id: string }>("select private.submit_version($1, 'major', 'First issue', repeat('a', 64), '{}', array[$2::uuid]) as id", [versionId, w.users.approver]))[0]!.id,
  );
}

const dcTable = (table: string, fixture: (tx: Tx, w: World) => Promise<string>, insert: string, column: string, readers: readonly Actor[]): TableCase => ({
  fixture,
  select: `select id from public.${table} where id = $1::uuid`,
  insert,
  update: `update public.${table} set ${column} = ${column} where id = $1::uuid returning id`,
  delete: `delete from public.${table} where id = $1::uuid returning id`,
  // Append-only for everyone: rows come only from the document-control functions.
  allowed: { select: readers, insert: [], update: [], delete: [] },
});

const byVersionOf = (table: string, extra = '') => async (tx: Tx, w: World) => {
  const submission = await fixtureSubmission(tx, w);
  return (await tx.query<{ id: string }>(`select id from public.${table} where submission_id = $1 ${extra} limit 1`, [submission]))[0]!.id;
};

Object.assign(TABLES, {
  'public.sop_submissions': dcTable(
    'sop_submissions',
    fixtureSubmission,
    "insert into public.sop_submissions (org_id, sop_id, version_id, round, submitted_by, revision_kind, reason, content_hash, approval_rule, approvals_required) select org_id, sop_id, version_id, 2, coalesce($2, submitted_by), 'major', 'forged', content_hash, 'all', 1 from public.sop_submissions where id = $1::uuid returning id",
    'reason',
    MEMBERS,
  ),
  'public.sop_tasks': dcTable(
    'sop_tasks',
    byVersionOf('sop_tasks'),
    "insert into public.sop_tasks (org_id, sop_id, version_id, submission_id, step, assignee_id) values ($3, gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'approval', coalesce($2, gen_random_uuid())) returning id",
    'assignee_id',
    MEMBERS,
  ),
  'public.sop_signatures': dcTable(
    'sop_signatures',
    byVersionOf('sop_signatures', "and meaning = 'authored'"),
    "insert into public.sop_signatures (org_id, sop_id, version_id, submission_id, signer_id, signer_name, signer_email, meaning, content_hash, auth_method) select org_id, sop_id, version_id, submission_id, coalesce($2, signer_id), 'Forger', 'forger@example.test', 'approved', content_hash, 'password' from public.sop_signatures where id = $1::uuid returning id",
    'meaning',
    MEMBERS,
  ),
  'public.sop_transitions': dcTable(
    'sop_transitions',
    byVersionOf('sop_transitions'),
    "insert into public.sop_transitions (org_id, sop_id, version_id, to_state, reason) select org_id, sop_id, version_id, 'effective', 'forged' from public.sop_transitions where id = $1::uuid returning id",
    'to_state',
    MEMBERS,
  ),
  // The fixtures are the viewer's: they read their own, audit readers read everyone's.
  'public.signing_failures': dcTable(
    'signing_failures',
    async (tx, w) => {
      const versionId = await fixtureVersion(tx, w);
      await actAs(tx, w.users.viewer, async () => String((await tx.query("select * from private.record_signing_failure($1, 'password')", [versionId])).length));
      return (await tx.query<{ id: string }>('select id from public.signing_failures where version_id = $1', [versionId]))[0]!.id;
    },
    "insert into public.signing_failures (org_id, user_id, version_id, method) select org_id, user_id, version_id, 'password' from public.signing_failures where id = $1::uuid returning id",
    'method',
    ['owner', 'admin', 'approver', 'viewer'],
  ),
  'public.signing_lockouts': dcTable(
    'signing_lockouts',
    async (tx, w) =>
      (await tx.query<{ id: string }>('insert into public.signing_lockouts (org_id, user_id, failures, locked_until) values ($1, $2, 5, now()) returning id', [w.orgA, w.users.viewer]))[0]!
        .id,
    "insert into public.signing_lockouts (org_id, user_id, failures, locked_until) values ($3, coalesce($2, gen_random_uuid()), 5, now()) returning id",
    'locked_until',
    ['owner', 'admin', 'approver', 'viewer'],
  ),
} satisfies Record<string, TableCase>);

/**
 * Periodic review and training fixtures (issue 15): a version made effective by the approver,
 * a role assignment (every approver must read it), the approver's task, their acknowledgement, a
 * task closed by unassigning, and the owner's signed "reviewed, no change".
 */
async function fixtureEffective(tx: Tx, w: World): Promise<{ versionId: string; sopId: string }> {
  const submission = await fixtureSubmission(tx, w);
  const [s] = await tx.query<{ version_id: string; sop_id: string }>('select version_id, sop_id from public.sop_submissions where id = $1', [submission]);
  await tx.query("update public.profiles set full_name = 'Paul Approver' where id = $1", [w.users.approver]);
  await actAs(tx, w.users.approver, async () =>
    (await tx.query<{ id: string }>("select private.sign_version($1, 'approved', repeat('a', 64), '') as id", [s!.version_id]))[0]!.id,
  );
  return { versionId: s!.version_id, sopId: s!.sop_id };
}

async function fixtureTrainingTask(tx: Tx, w: World): Promise<{ taskId: string; versionId: string; assignmentId: string }> {
  const { versionId, sopId } = await fixtureEffective(tx, w);
  const [a] = await tx.query<{ id: string }>("insert into public.training_assignments (sop_id, kind, role) values ($1, 'role', 'approver') returning id", [sopId]);
  const [k] = await tx.query<{ id: string }>('select id from public.training_tasks where sop_id = $1 and assignee_id = $2', [sopId, w.users.approver]);
  return { taskId: k!.id, versionId, assignmentId: a!.id };
}

const trainingRecord = (table: string, key: string, fixture: (tx: Tx, w: World) => Promise<string>, insert: string, column: string): TableCase => ({
  fixture,
  select: `select ${key} as id from public.${table} where ${key} = $1::uuid`,
  insert,
  update: `update public.${table} set ${column} = ${column} where ${key} = $1::uuid returning ${key} as id`,
  delete: `delete from public.${table} where ${key} = $1::uuid returning ${key} as id`,
  // Append-only for everyone: rows come only from the training and review functions.
  allowed: { select: MEMBERS, insert: [], update: [], delete: [] },
});

Object.assign(TABLES, {
  'public.training_assignments': {
    fixture: async (tx, w) => (await fixtureTrainingTask(tx, w)).assignmentId,
    select: 'select id from public.training_assignments where id = $1::uuid',
    insert:
      "insert into public.training_assignments (sop_id, kind, department) select sop_id, 'department', 'matrix-' || substr(md5(random()::text), 1, 8) from public.training_assignments where id = $1::uuid returning id",
    update: "update public.training_assignments set department = 'forged' where id = $1::uuid returning id",
    delete: 'delete from public.training_assignments where id = $1::uuid returning id',
    // Every member sees who must read a SOP; owners and admins assign and unassign; nobody edits one in place.
    allowed: { select: MEMBERS, insert: MANAGERS, update: [], delete: MANAGERS },
  },
  'public.training_tasks': trainingRecord(
    'training_tasks',
    'id',
    async (tx, w) => (await fixtureTrainingTask(tx, w)).taskId,
    "insert into public.training_tasks (org_id, sop_id, version_id, major, assignee_id, reason, due_at, created_at) select org_id, sop_id, version_id, major, coalesce($2, assignee_id), 'assigned', now(), now() from public.training_tasks where id = $1::uuid returning id",
    'due_at',
  ),
  'public.training_acknowledgements': trainingRecord(
    'training_acknowledgements',
    'task_id',
    async (tx, w) => {
      const { taskId, versionId } = await fixtureTrainingTask(tx, w);
      // The approver (the viewer collects signing failures in the fixtures above and may be locked out).
      await actAs(tx, w.users.approver, async () => (await tx.query<{ id: string }>("select private.acknowledge_sop($1, repeat('a', 64)) as id", [versionId]))[0]!.id);
      return taskId;
    },
    "insert into public.training_acknowledgements (task_id, org_id, sop_id, version_id, signature_id, acknowledged_at) select k.id, k.org_id, k.sop_id, k.version_id, gen_random_uuid(), now() from public.training_tasks k where k.org_id = $3 returning task_id as id",
    'acknowledged_at',
  ),
  'public.training_task_closures': trainingRecord(
    'training_task_closures',
    'task_id',
    async (tx, w) => {
      const { taskId, assignmentId } = await fixtureTrainingTask(tx, w);
      await tx.query('delete from public.training_assignments where id = $1', [assignmentId]);
      return taskId;
    },
    "insert into public.training_task_closures (task_id, org_id, reason, closed_at) select k.id, k.org_id, 'left', now() from public.training_tasks k where k.org_id = $3 returning task_id as id",
    'reason',
  ),
  'public.sop_periodic_reviews': trainingRecord(
    'sop_periodic_reviews',
    'id',
    async (tx, w) => {
      const { sopId } = await fixtureEffective(tx, w);
      await tx.query("update public.profiles set full_name = 'Olivia Owner' where id = $1", [w.users.owner]);
      return actAs(tx, w.users.owner, async () => (await tx.query<{ id: string }>("select private.confirm_periodic_review($1, repeat('a', 64), '') as id", [sopId]))[0]!.id);
    },
    "insert into public.sop_periodic_reviews (org_id, sop_id, version_id, signature_id, interval_months, reviewed_at, next_review_at) select org_id, sop_id, version_id, gen_random_uuid(), 24, now(), now() from public.sop_periodic_reviews where id = $1::uuid returning id",
    'next_review_at',
  ),
} satisfies Record<string, TableCase>);

/** Schemas whose tables API roles must not reach at all (no grants, whatever the policies). */
export const CLOSED_SCHEMAS = ['private', 'auth', 'embedded', 'sopwright_meta'] as const;
