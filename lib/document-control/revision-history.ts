/**
 * The revision history of one SOP as an auditor reads it: per version its revision label
 * (1.0, 1.1, 2.0 once approved), its state, the reason for change given at submission, who
 * submitted, reviewed, approved or rejected it (printed names and UTC times as signed, each
 * signature checked against the content as stored now), when it became effective and when it
 * was superseded or made obsolete, and every state change.
 *
 * A fixed number of queries whatever the length of the history (one per table: versions,
 * submissions, transitions, signatures, and the content of the signed versions to recheck
 * their hashes), all under the caller's RLS: another organization's SOP has no rows here.
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { listVersions, type VersionMeta } from '@/lib/sops/service';
import { contentHash } from './canonical';
import {
  selectTransitions,
  toSignature,
  toTransition,
  versionHref,
  type RevisionKind,
  type Signature,
  type SignatureRow,
  type Transition,
  type TransitionRow,
  type VersionState,
} from './service';

export interface Submission {
  round: number;
  revisionKind: RevisionKind;
  changeReason: string;
  submittedAt: string;
  /** Requested effective date; null means on approval. */
  effectiveFrom: string | null;
}

export interface VersionRevision {
  version: VersionMeta;
  state: VersionState;
  /** 1.0, 1.1, 2.0 … from approval on; null before (and after a withdrawal from approved). */
  revisionLabel: string | null;
  /** The latest round; null for a version never submitted. */
  submission: Submission | null;
  /** Signatures of the latest round, oldest first ("authored" is the submission). */
  signatures: Signature[];
  /** Signatures of earlier rounds (withdrawn or resubmitted), oldest first. */
  earlierSignatures: Signature[];
  /** Every state change of the version, oldest first. */
  transitions: Transition[];
  approvedAt: string | null;
  effectiveAt: string | null;
  supersededAt: string | null;
  obsoleteAt: string | null;
  /** The version page (read, compare with the effective version, sign). */
  href: string;
}

export interface RevisionHistory {
  /** Newest version first, as the version list. */
  versions: VersionRevision[];
  /** The SOP was made obsolete (with or without an effective version at the time). */
  obsolete: Transition | null;
}

type SubmissionRow = {
  id: string;
  version_id: string;
  round: number;
  revision_kind: RevisionKind;
  reason: string;
  created_at: Date;
  effective_from: Date | null;
};

function groupBy<T>(items: T[], key: (t: T) => string | null): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const lastAt = (transitions: Transition[], state: VersionState) => transitions.findLast((t) => t.toState === state)?.at ?? null;

/** The SOP's revision history; the caller has checked the SOP exists in this org (requireSop). */
export async function revisionHistory(tx: Tx, args: { orgId: string; orgSlug: string; sopId: string }): Promise<RevisionHistory> {
  const { orgId, sopId } = args;
  const versions = await listVersions(tx, orgId, sopId);
  const submissions = await tx.query<SubmissionRow>(
    `select id, version_id, round, revision_kind, reason, created_at, effective_from from public.sop_submissions
      where org_id = $1 and sop_id = $2 order by version_id, round`,
    [orgId, sopId],
  );
  const transitionRows = await tx.query<TransitionRow>(selectTransitions('t.org_id = $1 and t.sop_id = $2'), [orgId, sopId]);
  const signatureRows = await tx.query<SignatureRow>('select * from public.sop_signatures where org_id = $1 and sop_id = $2 and submission_id is not null order by signed_at, id', [orgId, sopId]);
  const signed = await tx.query<{ id: string; content: unknown }>(
    `select v.id, v.content from public.sop_versions v
      where v.org_id = $1 and v.sop_id = $2 and exists (select 1 from public.sop_signatures g where g.version_id = v.id)`,
    [orgId, sopId],
  );
  const hashes = new Map(signed.map((v) => [v.id, contentHash(v.content)]));
  const latestRound = new Map(submissions.map((s) => [s.version_id, s])); // ordered by round: the last one wins
  const allTransitions = transitionRows.map((row) => ({ versionId: row.version_id, transition: toTransition(row) }));
  const transitionsOf = groupBy(allTransitions, (t) => t.versionId);
  const signaturesOf = groupBy(signatureRows, (g) => g.version_id);

  return {
    versions: versions.map((version) => {
      const transitions = (transitionsOf.get(version.id) ?? []).map((t) => t.transition);
      const last = transitions.at(-1);
      const sub = latestRound.get(version.id);
      const signatures = (signaturesOf.get(version.id) ?? []).map((g) => toSignature(g, hashes.get(version.id) ?? ''));
      return {
        version,
        state: last?.toState ?? 'draft',
        revisionLabel: last?.label ?? null,
        submission: sub
          ? {
              round: Number(sub.round),
              revisionKind: sub.revision_kind,
              changeReason: sub.reason,
              submittedAt: isoTime(sub.created_at),
              effectiveFrom: sub.effective_from == null ? null : isoTime(sub.effective_from),
            }
          : null,
        signatures: signatures.filter((g) => g.submissionId === sub?.id),
        earlierSignatures: signatures.filter((g) => g.submissionId !== null && g.submissionId !== sub?.id),
        transitions,
        approvedAt: lastAt(transitions, 'approved'),
        effectiveAt: lastAt(transitions, 'effective'),
        supersededAt: lastAt(transitions, 'superseded'),
        obsoleteAt: lastAt(transitions, 'obsolete'),
        href: versionHref(args.orgSlug, sopId, version.id),
      };
    }),
    obsolete: allTransitions.find((t) => t.transition.toState === 'obsolete')?.transition ?? null,
  };
}

/** Each version's state and revision label (the version list of the API): one query. */
export async function versionStates(tx: Tx, orgId: string, sopId: string): Promise<Map<string, { state: VersionState; revisionLabel: string | null }>> {
  const rows = await tx.query<{ version_id: string; state: VersionState; revision_label: string | null }>(
    'select version_id, state, revision_label from public.sop_version_lifecycle where org_id = $1 and sop_id = $2',
    [orgId, sopId],
  );
  return new Map(rows.map((r) => [r.version_id, { state: r.state, revisionLabel: r.revision_label }]));
}
