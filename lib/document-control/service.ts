/**
 * Document control over the database's rules (supabase/migrations/20261202000100_document_control.sql):
 * every function takes the open withUser() transaction and calls one security definer
 * function, which checks role, order, separation of duties and re-authentication and writes
 * the change, its signature and its audit events in that transaction. This layer adds what
 * SQL cannot do: the content hash (RFC 8785 + SHA-256, ./canonical) and the mapping of
 * refusals to AppErrors (./errors).
 *
 * Every step names the version by { orgId, sopId, versionId } as the route has them; a
 * version outside that org or SOP is 404, whatever the caller's rights elsewhere.
 *
 * The signing ceremony built on these (./ceremony.ts: signWithCeremony, submitWithCeremony;
 * never hold the transaction across the auth call):
 *   1. withUser(session claims): signingPrecheck() — 403/409/423 before any password is asked;
 *      tells whether TOTP is needed and the printed name to show.
 *   2. no transaction: verify the password by a password grant to the auth server (and the
 *      TOTP code by an MFA challenge + verify on that new session); check its `sub` is the
 *      session's user; verify the new access token (getClaims).
 *   3a. refused: withUser(session claims): recordFailedSignature(); email `notify` when
 *       `lockoutStarted`; answer 401 (or 423 once locked).
 *   3b. accepted: withUser(the NEW verified claims, whose amr proves the fresh password):
 *       submitVersion() for 'authored', signVersion() for the others.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { contentHash } from './canonical';
import { notFound, refusalsMapped } from './errors';
import { nextRevisionLabel } from './words';

export const VERSION_STATES = ['draft', 'in_review', 'in_approval', 'approved', 'effective', 'superseded', 'rejected', 'withdrawn', 'obsolete'] as const;
export type VersionState = (typeof VERSION_STATES)[number];
export type RevisionKind = 'major' | 'minor';
export type ApprovalRule = 'all' | 'any';
/** What a reviewer or approver signs; 'authored' is signed by submitVersion(). */
export type SignMeaning = 'reviewed' | 'approved' | 'rejected';
/** Signatures outside a routing round, of the effective version: training and periodic review (issue 15). */
export type EffectiveMeaning = 'read_understood' | 'reviewed_no_change';
export type SignatureMeaning = 'authored' | SignMeaning | EffectiveMeaning;
export type Factor = 'password' | 'totp';

export interface VersionRef {
  orgId: string;
  sopId: string;
  versionId: string;
}

export interface Task {
  id: string;
  step: 'review' | 'approval';
  assigneeId: string;
  assigneeName: string;
  assigneeEmail: string;
  /** The assignee signed this round (reviewed, approved or rejected). */
  done: boolean;
}

export interface Round {
  submissionId: string;
  round: number;
  revisionKind: RevisionKind;
  changeReason: string;
  contentHash: string;
  approvalRule: ApprovalRule;
  approvalsRequired: number;
  effectiveFrom: string | null;
  submittedBy: string;
  submittedAt: string;
  tasks: Task[];
}

export interface Lifecycle {
  versionId: string;
  sopId: string;
  orgId: string;
  state: VersionState;
  /** 1.0, 1.1, 2.0 … from approval on; null before. */
  revisionLabel: string | null;
  stateChangedAt: string | null;
  effectiveAt: string | null;
  /** The latest routing round; null for a version never submitted. */
  round: Round | null;
}

export interface Transition {
  id: string;
  fromState: VersionState | null;
  toState: VersionState;
  label: string | null;
  reason: string;
  actorId: string | null;
  actorName: string;
  at: string;
}

export interface Signature {
  id: string;
  versionId: string;
  submissionId: string | null;
  signerId: string;
  /** As it was at signing (11.50), not as the profile says today. */
  signerName: string;
  signerEmail: string;
  meaning: SignatureMeaning;
  comment: string;
  signedAt: string;
  contentHash: string;
  authMethod: 'password' | 'password+totp';
  /** The hash recomputed from the version's stored content still matches (11.70). */
  valid: boolean;
}

/** The version's content, if it is in this org and SOP and visible to the caller; else 404. */
async function versionContent(tx: Tx, ref: VersionRef): Promise<unknown> {
  const [row] = await tx.query<{ content: unknown }>('select content from public.sop_versions where org_id = $1 and sop_id = $2 and id = $3', [
    ref.orgId,
    ref.sopId,
    ref.versionId,
  ]);
  if (!row) throw notFound();
  return row.content;
}

type LifecycleRow = {
  version_id: string;
  sop_id: string;
  org_id: string;
  state: VersionState;
  revision_label: string | null;
  state_changed_at: Date | null;
  effective_at: Date | null;
  submission_id: string | null;
  round: number | null;
  revision_kind: RevisionKind | null;
  change_reason: string | null;
  content_hash: string | null;
  approval_rule: ApprovalRule | null;
  approvals_required: number | null;
  effective_from: Date | null;
  submitted_by: string | null;
  submitted_at: Date | null;
};

const isoOrNull = (d: unknown) => (d == null ? null : isoTime(d));

export async function lifecycleOf(tx: Tx, ref: VersionRef): Promise<Lifecycle> {
  const [r] = await tx.query<LifecycleRow>('select * from public.sop_version_lifecycle where org_id = $1 and sop_id = $2 and version_id = $3', [
    ref.orgId,
    ref.sopId,
    ref.versionId,
  ]);
  if (!r) throw notFound();
  let round: Round | null = null;
  if (r.submission_id) {
    const tasks = await tx.query<{ id: string; step: Task['step']; assignee_id: string; name: string | null; email: string | null; done: boolean }>(
      `select t.id, t.step, t.assignee_id, p.full_name as name, p.email,
              exists (select 1 from public.sop_signatures g
                       where g.submission_id = t.submission_id and g.signer_id = t.assignee_id
                         and g.meaning in (case t.step when 'review' then 'reviewed' else 'approved' end, 'rejected')) as done
         from public.sop_tasks t left join public.profiles p on p.id = t.assignee_id
        where t.submission_id = $1 order by t.step desc, t.created_at, t.assignee_id`,
      [r.submission_id],
    );
    round = {
      submissionId: r.submission_id,
      round: Number(r.round),
      revisionKind: r.revision_kind!,
      changeReason: r.change_reason ?? '',
      contentHash: r.content_hash!,
      approvalRule: r.approval_rule!,
      approvalsRequired: Number(r.approvals_required),
      effectiveFrom: isoOrNull(r.effective_from),
      submittedBy: r.submitted_by!,
      submittedAt: isoTime(r.submitted_at),
      tasks: tasks.map((t) => ({ id: t.id, step: t.step, assigneeId: t.assignee_id, assigneeName: t.name ?? '', assigneeEmail: t.email ?? '', done: t.done })),
    };
  }
  return {
    versionId: r.version_id,
    sopId: r.sop_id,
    orgId: r.org_id,
    state: r.state,
    revisionLabel: r.revision_label,
    stateChangedAt: isoOrNull(r.state_changed_at),
    effectiveAt: isoOrNull(r.effective_at),
    round,
  };
}

export type TransitionRow = {
  id: string;
  version_id: string | null;
  from_state: VersionState | null;
  to_state: VersionState;
  label: string;
  reason: string;
  actor_id: string | null;
  actor_name: string | null;
  created_at: Date;
};

/** The transitions matching `where` (on alias t), oldest first, with the actor's name. */
export const selectTransitions = (where: string) =>
  `select t.id, t.version_id, t.from_state, t.to_state, t.label, t.reason, t.actor_id,
          coalesce(nullif(p.full_name, ''), p.email) as actor_name, t.created_at
     from public.sop_transitions t left join public.profiles p on p.id = t.actor_id
    where ${where} order by t.seq`;

export const toTransition = (t: TransitionRow): Transition => ({
  id: t.id,
  fromState: t.from_state,
  toState: t.to_state,
  label: t.label || null,
  reason: t.reason,
  actorId: t.actor_id,
  actorName: t.actor_name ?? '',
  at: isoTime(t.created_at),
});

/** Every state change of the version, oldest first (the revision history's lifecycle part). */
export async function historyOf(tx: Tx, ref: VersionRef): Promise<Transition[]> {
  await versionContent(tx, ref);
  const rows = await tx.query<TransitionRow>(selectTransitions('t.version_id = $1'), [ref.versionId]);
  return rows.map(toTransition);
}

export type SignatureRow = {
  id: string;
  version_id: string;
  submission_id: string | null;
  signer_id: string;
  signer_name: string;
  signer_email: string;
  meaning: SignatureMeaning;
  comment: string;
  signed_at: Date;
  content_hash: string;
  auth_method: Signature['authMethod'];
};

export const toSignature = (g: SignatureRow, hash: string): Signature => ({
  id: g.id,
  versionId: g.version_id,
  submissionId: g.submission_id,
  signerId: g.signer_id,
  signerName: g.signer_name,
  signerEmail: g.signer_email,
  meaning: g.meaning,
  comment: g.comment,
  signedAt: isoTime(g.signed_at),
  contentHash: g.content_hash,
  authMethod: g.auth_method,
  valid: g.content_hash === hash,
});

/** The version's signatures, oldest first, each checked against the content as stored now. */
export async function signaturesOf(tx: Tx, ref: VersionRef): Promise<Signature[]> {
  const hash = contentHash(await versionContent(tx, ref));
  // The routing rounds' signatures; acknowledgements and periodic reviews have their own lists (issue 15).
  const rows = await tx.query<SignatureRow>('select * from public.sop_signatures where version_id = $1 and submission_id is not null order by signed_at, id', [ref.versionId]);
  return rows.map((g) => toSignature(g, hash));
}

/**
 * Submit the version for review (or straight to approval when there are no reviewers) and
 * sign it as its author. Needs fresh re-authentication in the claims (step 3b above).
 * approvalsRequired is N for rule 'any' (default 1); rule 'all' needs every approver.
 * effectiveFrom: when the approved version becomes effective (the job does it); absent or
 * past means on approval. Refusals: 401, 403, 404, 409, 422, 423.
 */
export async function submitVersion(
  tx: Tx,
  args: VersionRef & {
    revisionKind: RevisionKind;
    reason: string;
    reviewers: readonly string[];
    approvers: readonly string[];
    approvalRule?: ApprovalRule;
    approvalsRequired?: number;
    effectiveFrom?: Date | string | null;
  },
): Promise<Lifecycle> {
  const hash = contentHash(await versionContent(tx, args));
  await refusalsMapped(() =>
    tx.query('select private.submit_version($1, $2, $3, $4, $5::uuid[], $6::uuid[], $7, $8, $9::timestamptz)', [
      args.versionId,
      args.revisionKind,
      args.reason,
      hash,
      [...args.reviewers],
      [...args.approvers],
      args.approvalRule ?? 'all',
      args.approvalsRequired ?? null,
      args.effectiveFrom == null ? null : new Date(args.effectiveFrom).toISOString(),
    ]),
  );
  return lifecycleOf(tx, args);
}

/**
 * Sign as reviewer or approver, or reject (comment required), over the content as stored.
 * Needs fresh re-authentication in the claims. Refusals: 401, 403, 404, 409, 422, 423.
 */
export async function signVersion(tx: Tx, args: VersionRef & { meaning: SignMeaning; comment?: string }): Promise<{ signature: Signature; lifecycle: Lifecycle }> {
  const hash = contentHash(await versionContent(tx, args));
  const [row] = await refusalsMapped(() =>
    tx.query<{ id: string }>('select private.sign_version($1, $2, $3, $4) as id', [args.versionId, args.meaning, hash, args.comment ?? '']),
  );
  const [g] = await tx.query<SignatureRow>('select * from public.sop_signatures where id = $1', [row!.id]);
  return { signature: toSignature(g!, hash), lifecycle: await lifecycleOf(tx, args) };
}

export interface SigningContext {
  /** Ask for these, in this order, at this signature. */
  factors: Factor[];
  /** Shown in the ceremony: "You are signing as …". */
  signerName: string;
  signerEmail: string;
}

/** Step 1 of the ceremony: refuses (403, 404, 409, 422, 423) before any password is asked. */
export async function signingPrecheck(tx: Tx, args: VersionRef & { meaning: SignatureMeaning }): Promise<SigningContext> {
  await versionContent(tx, args);
  const [row] = await refusalsMapped(() =>
    tx.query<{ factors: Factor[]; signer_name: string; signer_email: string }>('select * from private.signing_precheck($1, $2)', [args.versionId, args.meaning]),
  );
  return { factors: row!.factors, signerName: row!.signer_name, signerEmail: row!.signer_email };
}

export interface FailedSignature {
  /** Failures counted toward the lockout (within the window, since the last lockout). */
  failures: number;
  lockedUntil: string | null;
  /** This failure started a lockout: email `notify` (the organization's owners) now. */
  lockoutStarted: boolean;
  orgName: string;
  notify: string[];
}

/** Step 3a: the auth server refused the password or the code. Audited; may start a lockout. */
export async function recordFailedSignature(tx: Tx, args: VersionRef & { method: Factor }): Promise<FailedSignature> {
  await versionContent(tx, args);
  const [row] = await refusalsMapped(() =>
    tx.query<{ failures: number; locked_until: Date | null; lockout_started: boolean; org_name: string; notify_emails: string[] }>(
      'select * from private.record_signing_failure($1, $2)',
      [args.versionId, args.method],
    ),
  );
  return {
    failures: Number(row!.failures),
    lockedUntil: isoOrNull(row!.locked_until),
    lockoutStarted: row!.lockout_started,
    orgName: row!.org_name,
    notify: row!.notify_emails,
  };
}

/** Back to draft from review, approval or approved-not-yet-effective; a reason is required. */
export async function withdrawVersion(tx: Tx, args: VersionRef & { reason: string }): Promise<Lifecycle> {
  await versionContent(tx, args);
  await refusalsMapped(() => tx.query('select private.withdraw_version($1, $2)', [args.versionId, args.reason]));
  return lifecycleOf(tx, args);
}

/** An owner or admin makes an approved version effective once its date has come (the job does the same). */
export async function makeVersionEffective(tx: Tx, args: VersionRef): Promise<Lifecycle> {
  await versionContent(tx, args);
  await refusalsMapped(() => tx.query('select private.make_version_effective($1)', [args.versionId]));
  return lifecycleOf(tx, args);
}

/** An owner or admin makes the SOP obsolete (its effective version too); a reason is required. */
export async function obsoleteSop(tx: Tx, args: { orgId: string; sopId: string; reason: string }): Promise<void> {
  const [sop] = await tx.query('select 1 from public.sops where org_id = $1 and id = $2', [args.orgId, args.sopId]);
  if (!sop) throw notFound('No such SOP in this organization.');
  await refusalsMapped(() => tx.query('select private.obsolete_sop($1, $2)', [args.sopId, args.reason]));
}

export interface PendingTask {
  taskId: string;
  orgId: string;
  orgSlug: string;
  orgName: string;
  sopId: string;
  sopTitle: string;
  docNumber: string;
  versionId: string;
  /** The saved version's own label (0.3 …). */
  versionLabel: string;
  revisionKind: RevisionKind;
  /** The revision the version will be once approved (1.0, 1.1, 2.0 …), from the SOP's effective revision now. */
  resultingRevision: string;
  step: 'review' | 'approval';
  round: number;
  /** The printed name the submitter signed with (their "authored" signature). */
  submittedBy: { id: string; name: string };
  submittedAt: string;
  changeReason: string;
  /** Requested effective date; null means on approval. */
  effectiveFrom: string | null;
  assignedAt: string;
  /** The page where the version is read, diffed against the effective one and signed. */
  href: string;
}

type PendingTaskRow = {
  task_id: string;
  org_id: string;
  org_slug: string;
  org_name: string;
  sop_id: string;
  sop_title: string;
  doc_number: string;
  version_id: string;
  version_label: string;
  revision_kind: RevisionKind;
  effective_label: string | null;
  step: PendingTask['step'];
  round: number;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Date;
  change_reason: string;
  effective_from: Date | null;
  created_at: Date;
};

/** The link to a version's page (read, diff against the effective version, sign). */
export const versionHref = (orgSlug: string, sopId: string, versionId: string) => `/o/${orgSlug}/sops/${sopId}/versions/${versionId}`;

/**
 * The signed-in user's tasks waiting for them ("My tasks"), oldest first, optionally in one
 * organization: one query, whatever the number of tasks. The resulting revision comes from
 * nextRevisionLabel() over the SOP's latest effective label, the rule private.dc_next_label()
 * applies at approval; tests/db/my-tasks.test.ts checks that both agree.
 */
export async function myPendingTasks(tx: Tx, orgId?: string): Promise<PendingTask[]> {
  const rows = await tx.query<PendingTaskRow>(
    `select k.task_id, k.org_id, o.slug as org_slug, o.name as org_name, k.sop_id, s.title as sop_title, s.doc_number,
            k.version_id, v.label as version_label, b.revision_kind, k.step, b.round, b.submitted_by,
            coalesce(nullif(g.signer_name, ''), nullif(p.full_name, ''), p.email, '') as submitted_by_name,
            b.created_at as submitted_at, b.reason as change_reason, b.effective_from, k.created_at,
            e.label as effective_label
       from public.sop_pending_tasks k
       join public.sop_submissions b on b.id = k.submission_id
       join public.sops s on s.id = k.sop_id
       join public.sop_versions v on v.id = k.version_id
       join public.organizations o on o.id = k.org_id
       left join public.sop_signatures g on g.submission_id = k.submission_id and g.meaning = 'authored'
       left join public.profiles p on p.id = b.submitted_by
       left join lateral (
         select t.label from public.sop_transitions t
          where t.sop_id = k.sop_id and t.to_state = 'effective' and t.label <> ''
          order by t.seq desc limit 1
       ) e on true
      where k.assignee_id = (select auth.uid()) and ($1::uuid is null or k.org_id = $1::uuid)
      order by k.created_at, k.task_id`,
    [orgId ?? null],
  );
  return rows.map((r) => ({
    taskId: r.task_id,
    orgId: r.org_id,
    orgSlug: r.org_slug,
    orgName: r.org_name,
    sopId: r.sop_id,
    sopTitle: r.sop_title,
    docNumber: r.doc_number,
    versionId: r.version_id,
    versionLabel: r.version_label,
    revisionKind: r.revision_kind,
    resultingRevision: nextRevisionLabel(r.effective_label, r.revision_kind),
    step: r.step,
    round: Number(r.round),
    submittedBy: { id: r.submitted_by, name: r.submitted_by_name },
    submittedAt: isoTime(r.submitted_at),
    changeReason: r.change_reason,
    effectiveFrom: isoOrNull(r.effective_from),
    assignedAt: isoTime(r.created_at),
    href: versionHref(r.org_slug, r.sop_id, r.version_id),
  }));
}

/**
 * How many tasks wait for the signed-in user, per organization id (the nav badges): one query.
 * Review and approval tasks, and open read-and-understood tasks (pending or overdue, issue 15).
 */
export async function myPendingTaskCounts(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx.query<{ org_id: string; n: number }>(
    `select org_id, count(*)::int as n from (
       select org_id from public.sop_pending_tasks where assignee_id = (select auth.uid())
       union all
       select org_id from public.training_status where user_id = (select auth.uid()) and status in ('pending', 'overdue')
     ) x group by org_id`,
  );
  return Object.fromEntries(rows.map((r) => [r.org_id, Number(r.n)]));
}

export interface MadeEffective {
  versionId: string;
  sopId: string;
  orgId: string;
  revisionLabel: string;
  effectiveAt: string;
}

/** The scheduled job (run it in asService): approved versions whose date has come become effective. Idempotent. */
export async function makeDueVersionsEffective(tx: Tx): Promise<MadeEffective[]> {
  const rows = await tx.query<{ version_id: string; sop_id: string; org_id: string; revision_label: string; effective_at: Date }>(
    'select * from private.make_due_versions_effective()',
  );
  return rows.map((r) => ({ versionId: r.version_id, sopId: r.sop_id, orgId: r.org_id, revisionLabel: r.revision_label, effectiveAt: isoTime(r.effective_at) }));
}
