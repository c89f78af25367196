/**
 * For the version page (/o/[slug]/sops/[id]/versions/[versionId]) and the SOP page's
 * lifecycle panel: everything document control shows about a version — its lifecycle, round,
 * signatures (each checked against the content as stored), its diff against the effective
 * version — and what the signed-in person may do with it now: sign their pending task, submit
 * the latest version, withdraw, make effective, make obsolete.
 *
 * The signing prechecks run last, each in its own short transaction: a refusal raised by the
 * database ends its transaction, and it is shown as a sentence instead of the form (a viewer,
 * a signer without a printed name, a locked signer "until …").
 */
import 'server-only';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { z } from 'zod';
import type { CurrentUser } from '@/lib/auth/session';
import { withUser } from '@/lib/db';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { loadOrg } from '@/lib/orgs/page-context';
import { roleCan } from '@/lib/orgs/permissions';
import { listMembers, type OrgSummary } from '@/lib/orgs/service';
import { diffContents, type ContentDiff } from '@/lib/sops/diff';
import { listDepartments, listVersions, requireSop, requireVersion, type SopDetail } from '@/lib/sops/service';
import { listRoutingDefaults, routingDefaultFor, type RoutingDefault } from './routing-defaults';
import {
  historyOf,
  lifecycleOf,
  myPendingTasks,
  signaturesOf,
  signingPrecheck,
  type Lifecycle,
  type SignatureMeaning,
  type Signature,
  type Transition,
  type VersionRef,
} from './service';

const ZId = z.uuid();

/** May sign now (with these factors, as this person), or why not, in the database's words. */
export type SignerCheck = { ok: true; needsTotp: boolean; signerName: string; signerEmail: string } | { ok: false; message: string };

export interface Candidate {
  userId: string;
  name: string;
  email: string;
  role: string;
}

export interface EffectiveVersion {
  versionId: string;
  label: string;
  revisionLabel: string | null;
}

export interface VersionActions {
  withdraw: boolean;
  makeEffective: boolean;
  obsolete: boolean;
}

/** The SOP's effective version, if it has one. */
async function effectiveOf(tx: Tx, orgId: string, sopId: string): Promise<EffectiveVersion | null> {
  const [row] = await tx.query<{ version_id: string; label: string; revision_label: string | null }>(
    `select l.version_id, v.label, l.revision_label from public.sop_version_lifecycle l join public.sop_versions v on v.id = l.version_id
      where l.org_id = $1 and l.sop_id = $2 and l.state = 'effective'`,
    [orgId, sopId],
  );
  return row ? { versionId: row.version_id, label: row.label, revisionLabel: row.revision_label } : null;
}

function actionsFor(org: OrgSummary, user: CurrentUser, sop: SopDetail, lifecycle: Lifecycle): VersionActions {
  const control = roleCan(org.role, 'sops.control');
  const inFlight = ['in_review', 'in_approval', 'approved'].includes(lifecycle.state);
  const due = lifecycle.round?.effectiveFrom == null || Date.parse(lifecycle.round.effectiveFrom) <= Date.now();
  return {
    withdraw: inFlight && (control || (roleCan(org.role, 'sops.edit') && lifecycle.round?.submittedBy === user.id)),
    makeEffective: control && lifecycle.state === 'approved' && due,
    obsolete: control && sop.status !== 'obsolete' && lifecycle.state === 'effective',
  };
}

/** The precheck of the ceremony, in its own transaction; a refusal becomes its message. */
export async function checkSigner(user: CurrentUser, ref: VersionRef, meaning: SignatureMeaning): Promise<SignerCheck> {
  try {
    const s = await withUser(user.claims, (tx) => signingPrecheck(tx, { ...ref, meaning }));
    return { ok: true, needsTotp: s.factors.includes('totp'), signerName: s.signerName, signerEmail: s.signerEmail };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

/** The members whose role may approve now: whom the submit form (and its defaults) may name. */
async function approverCandidates(tx: Tx, orgId: string): Promise<Candidate[]> {
  return (await listMembers(tx, orgId))
    .filter((m) => roleCan(m.role, 'sops.approve'))
    .map((m) => ({ userId: m.userId, name: m.fullName || m.email, email: m.email, role: m.role }));
}

/** What the submit form pre-selects: the defaults' people who are still candidates, and whose defaults they are. */
export interface Preselection {
  department: string;
  reviewers: string[];
  approvers: string[];
}

function preselection(d: RoutingDefault, candidates: Candidate[]): Preselection {
  const offered = (ids: string[]) => ids.filter((id) => candidates.some((c) => c.userId === id));
  return { department: d.department, reviewers: offered(d.reviewers), approvers: offered(d.approvers) };
}

async function orNotFound<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof AppError && err.code === 'not_found') notFound();
    throw err;
  }
}

export const loadVersionPage = cache(async (slug: string, sopId: string, versionId: string) => {
  const { user, org } = await loadOrg(slug);
  if (!ZId.safeParse(sopId).success || !ZId.safeParse(versionId).success) notFound();
  const ref: VersionRef = { orgId: org.id, sopId, versionId };
  const page = await orNotFound(() =>
    withUser(user.claims, async (tx) => {
      const sop = await requireSop(tx, org.id, sopId);
      const version = await requireVersion(tx, org.id, sopId, versionId);
      const lifecycle = await lifecycleOf(tx, ref);
      const effective = await effectiveOf(tx, org.id, sopId);
      const compared = effective && effective.versionId !== versionId ? await requireVersion(tx, org.id, sopId, effective.versionId) : null;
      const diff: ContentDiff | null = compared ? diffContents(compared.content, version.content) : null;
      const [latest] = await listVersions(tx, org.id, sopId);
      const task = (await myPendingTasks(tx, org.id)).find((t) => t.versionId === versionId) ?? null;
      const submittable = latest?.id === versionId && version.complete && roleCan(org.role, 'sops.edit') && ['draft', 'withdrawn'].includes(lifecycle.state) && sop.status !== 'obsolete';
      const candidates: Candidate[] = submittable ? await approverCandidates(tx, org.id) : [];
      const routing = submittable ? routingDefaultFor(await listRoutingDefaults(tx, org.id), sop.department) : null;
      return {
        sop,
        version,
        lifecycle,
        history: await historyOf(tx, ref),
        signatures: await signaturesOf(tx, ref),
        effective,
        diff,
        task,
        submittable,
        candidates,
        routing: routing && preselection(routing, candidates),
        actions: actionsFor(org, user, sop, lifecycle),
      };
    }),
  );
  const taskMeaning = page.task ? (page.task.step === 'review' ? 'reviewed' : 'approved') : null;
  return {
    user,
    org,
    ...page,
    /** The author cannot review their own version (as private.submit_version). */
    notReviewers: [user.id, page.version.authorId].filter((x): x is string => !!x),
    signer: taskMeaning ? await checkSigner(user, ref, taskMeaning) : null,
    submitter: page.submittable ? await checkSigner(user, ref, 'authored') : null,
  };
});

export type VersionPageData = Awaited<ReturnType<typeof loadVersionPage>>;

export interface SopLifecycle {
  latest: { versionId: string; label: string; lifecycle: Lifecycle } | null;
  effective: (EffectiveVersion & { signatures: Signature[]; history: Transition[] }) | null;
  canObsolete: boolean;
}

/** The SOP page's lifecycle panel: its latest version's state and its effective version with the signatures. */
export async function loadSopLifecycle(user: CurrentUser, org: OrgSummary, sop: SopDetail): Promise<SopLifecycle> {
  return withUser(user.claims, async (tx) => {
    const [latest] = await listVersions(tx, org.id, sop.id);
    const effective = await effectiveOf(tx, org.id, sop.id);
    const eref = effective && { orgId: org.id, sopId: sop.id, versionId: effective.versionId };
    return {
      latest: latest ? { versionId: latest.id, label: latest.label, lifecycle: await lifecycleOf(tx, { orgId: org.id, sopId: sop.id, versionId: latest.id }) } : null,
      effective: effective && eref ? { ...effective, signatures: await signaturesOf(tx, eref), history: await historyOf(tx, eref) } : null,
      canObsolete: roleCan(org.role, 'sops.control') && sop.status !== 'obsolete',
    };
  });
}

/** For the "My tasks" page: the organization and the signed-in user's tasks waiting in it. */
export const loadMyTasks = cache(async (slug: string) => {
  const { user, org } = await loadOrg(slug);
  return { user, org, tasks: await withUser(user.claims, (tx) => myPendingTasks(tx, org.id)) };
});

/** For the settings page's "Review and approval defaults": the entries, whom they may name, and the SOPs' departments. */
export async function loadRoutingDefaults(user: CurrentUser, org: OrgSummary): Promise<{ defaults: RoutingDefault[]; people: Candidate[]; departments: string[] }> {
  return withUser(user.claims, async (tx) => ({ defaults: await listRoutingDefaults(tx, org.id), people: await approverCandidates(tx, org.id), departments: await listDepartments(tx, org.id) }));
}
