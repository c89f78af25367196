/**
 * The evidence behind a framework's coverage, for an auditor: clause → SOP → the SOP's
 * effective revision, when it became effective, who approved it (printed names, signature
 * times in UTC, meaning), training completion for that revision (public.training_status, the
 * one definition) and the next periodic review (public.sop_review_schedule). Coverage itself is
 * lib/compliance/coverage.ts; nothing here decides a status.
 *
 * Read in the route's transaction (with the audit event, compliance.evidence_exported), then
 * rendered after the commit (lib/compliance/evidence-export.ts).
 */
import { isoTime } from '@/lib/db/rows';
import type { Tx } from '@/lib/db/types';
import { AppError } from '@/lib/errors';
import { exportingPerson } from '@/lib/training/matrix';
import { COVERAGE_WORDS, frameworkCoverage, type CoverageSop, type CoverageStatus, type FrameworkCoverage } from './coverage';

export const EVIDENCE_FORMATS = ['xlsx', 'docx', 'csv'] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

export interface Approval {
  name: string;
  email: string;
  /** The signature's meaning ('approved'). */
  meaning: string;
  signedAt: string;
}

export interface SopEvidence {
  sopId: string;
  /** The effective version's approval round: its approvers' signatures, in time order. */
  approvals: Approval[];
  /** When the effective version became effective. */
  effectiveAt: string | null;
  nextReviewAt: string | null;
  /** Training for the effective revision (current + pending + overdue = required). */
  training: { current: number; pending: number; overdue: number; required: number };
}

export interface EvidenceRow {
  clauseId: string;
  clauseTitle: string;
  coverage: CoverageStatus;
  /** null: the clause is not covered (one row says so). */
  sop: CoverageSop | null;
  evidence: SopEvidence | null;
}

export interface Evidence {
  coverage: FrameworkCoverage;
  rows: EvidenceRow[];
  orgName: string;
  /** The database clock at the export, ISO. */
  generatedAt: string;
  generatedBy: { name: string; email: string };
}

type ApprovalRow = { sop_id: string; signer_name: string; signer_email: string; meaning: string; signed_at: Date };
type SopRow = { sop_id: string; effective_at: Date | null; next_review_at: Date | null; current: number; pending: number; overdue: number };

/** The evidence of SOPs in effect (keyed by SOP id): three queries, whatever the number of SOPs. */
async function sopEvidence(tx: Tx, orgId: string, sops: CoverageSop[]): Promise<Map<string, SopEvidence>> {
  const ids = [...new Set(sops.filter((s) => s.inEffect).map((s) => s.sopId))];
  if (!ids.length) return new Map();
  const facts = await tx.query<SopRow>(
    `select s.id as sop_id, r.effective_at, r.next_review_at,
            count(*) filter (where ts.status = 'current')::int as current,
            count(*) filter (where ts.status = 'pending')::int as pending,
            count(*) filter (where ts.status = 'overdue')::int as overdue
       from public.sops s
       left join public.sop_review_schedule r on r.sop_id = s.id
       left join public.training_status ts on ts.sop_id = s.id and ts.org_id = s.org_id
      where s.org_id = $1 and s.id = any($2::uuid[])
      group by s.id, r.effective_at, r.next_review_at`,
    [orgId, ids],
  );
  // The approvals of the round that approved the effective version (an earlier, rejected round's do not count).
  const approvals = await tx.query<ApprovalRow>(
    `select s.id as sop_id, g.signer_name, g.signer_email, g.meaning, g.signed_at
       from public.sops s
       join lateral (
         select t.submission_id from public.sop_transitions t
          where t.version_id = s.effective_version_id and t.to_state = 'approved' order by t.seq desc limit 1
       ) a on true
       join public.sop_signatures g on g.submission_id = a.submission_id and g.meaning = 'approved'
      where s.org_id = $1 and s.id = any($2::uuid[])
      order by g.signed_at, g.signer_name`,
    [orgId, ids],
  );
  const out = new Map<string, SopEvidence>();
  for (const f of facts) {
    const required = f.current + f.pending + f.overdue;
    out.set(f.sop_id, {
      sopId: f.sop_id,
      approvals: [],
      effectiveAt: f.effective_at ? isoTime(f.effective_at) : null,
      nextReviewAt: f.next_review_at ? isoTime(f.next_review_at) : null,
      training: { current: f.current, pending: f.pending, overdue: f.overdue, required },
    });
  }
  for (const a of approvals) out.get(a.sop_id)?.approvals.push({ name: a.signer_name, email: a.signer_email, meaning: a.meaning, signedAt: isoTime(a.signed_at) });
  return out;
}

/** One row per counted clause × mapped SOP (SOPs in effect first), and one "Not covered" row per clause without a mapping. */
export function evidenceRows(c: FrameworkCoverage, evidence: Map<string, SopEvidence>): EvidenceRow[] {
  return c.clauses.flatMap((clause): EvidenceRow[] => {
    if (clause.status === null) return [];
    if (!clause.sops.length) return [{ clauseId: clause.id, clauseTitle: clause.title, coverage: clause.status, sop: null, evidence: null }];
    const sops = [...clause.sops].sort((a, b) => Number(b.inEffect) - Number(a.inEffect));
    return sops.map((sop) => ({ clauseId: clause.id, clauseTitle: clause.title, coverage: clause.status!, sop, evidence: sop.inEffect ? (evidence.get(sop.sopId) ?? null) : null }));
  });
}

/** Everything an evidence export prints, read as the signed-in member; 404 for a code the library does not have. */
export async function readEvidence(tx: Tx, org: { id: string; name: string }, code: string): Promise<Evidence> {
  const coverage = await frameworkCoverage(tx, org.id, code);
  if (!coverage) throw new AppError('not_found', 'No such framework in the library.');
  const evidence = await sopEvidence(tx, org.id, coverage.clauses.flatMap((c) => c.sops));
  return { coverage, rows: evidenceRows(coverage, evidence), orgName: org.name, generatedAt: coverage.asOf, generatedBy: await exportingPerson(tx) };
}

/** Record the export in the audit trail (compliance.evidence_exported), in the exporting transaction. */
export async function recordEvidenceExport(tx: Tx, orgId: string, format: EvidenceFormat, e: Evidence): Promise<void> {
  const s = e.coverage.summary;
  const data = { framework: s.framework, format, clauses: s.total, effective: s.effective, draft: s.draft, none: s.none, as_of: e.generatedAt };
  await tx.query("select private.record_event($1::uuid, 'compliance.evidence_exported', 'organizations', $2::text, $3::jsonb)", [orgId, orgId, JSON.stringify(data)]);
}

/** "3 of 4 current, 1 overdue"; "nobody assigned" when no one is required to read it. */
export function trainingWords(t: SopEvidence['training']): string {
  if (!t.required) return 'Nobody assigned';
  const rest = [t.pending ? `${t.pending} pending` : '', t.overdue ? `${t.overdue} overdue` : ''].filter(Boolean);
  return [`${t.current} of ${t.required} current`, ...rest].join(', ');
}

export { COVERAGE_WORDS };
