/**
 * Task emails of document control, sent after the signature's transaction has committed:
 *   - submitted: each reviewer is asked to review (with no reviewers, each approver to approve);
 *   - the last review is signed and approval opens: each approver is asked to approve;
 *   - rejected: the submitter is told, with the comment.
 * Each links straight to the version page (/o/{slug}/sops/{id}/versions/{versionId}), where the
 * version, its diff against the effective one and the signing ceremony are. Names, titles,
 * reasons and comments are plain text as typed: escaped in the HTML body.
 *
 * A failure here never undoes or hides the signature: it is logged (sendEmail logs a
 * provider's refusal itself) and the answer stays the signature's.
 */
import 'server-only';
import type { CurrentUser } from '@/lib/auth/session';
import { sendEmail } from '@/lib/email';
import { env } from '@/lib/env';
import { logError } from '@/lib/log';
import { inOrg } from '@/lib/orgs/scope';
import { escapeHtml } from '@/lib/security/escape';
import { requireSop } from '@/lib/sops/service';
import type { Lifecycle, Round, Signature } from './service';

export interface TaskEmailContext {
  orgName: string;
  sopTitle: string;
  docNumber: string;
  submitterName: string;
  submitterEmail: string;
  revisionKind: Round['revisionKind'];
  changeReason: string;
  url: string;
}

type Message = { subject: string; text: string; html: string };

/** The absolute address of a version's page, as every link in an email must be. */
export function versionPageUrl(slug: string, sopId: string, versionId: string): string {
  return `${env().appUrl}/o/${slug}/sops/${sopId}/versions/${versionId}`;
}

const STEP = {
  review: { verb: 'review', cta: 'Read the version and sign it as reviewed' },
  approval: { verb: 'approve', cta: 'Read the version and approve or reject it' },
} as const;

export function taskEmail(step: keyof typeof STEP, c: TaskEmailContext): Message {
  const s = STEP[step];
  const sop = `${c.docNumber} “${c.sopTitle}”`;
  const text = [
    `${c.submitterName} asks you to ${s.verb} ${sop} in ${c.orgName} on SOPwright (${c.revisionKind} revision).`,
    '',
    `Reason for change: ${c.changeReason}`,
    '',
    `${s.cta}: ${c.url}`,
    '',
    'The page shows the version and what changed since the effective one. Signing asks for your password again.',
  ].join('\n');
  const html = `<p>${escapeHtml(c.submitterName)} asks you to ${s.verb} <strong>${escapeHtml(sop)}</strong> in ${escapeHtml(c.orgName)} on SOPwright (${c.revisionKind} revision).</p>
<p>Reason for change: ${escapeHtml(c.changeReason)}</p>
<p><a href="${escapeHtml(c.url)}">${s.cta}</a></p>
<p>The page shows the version and what changed since the effective one. Signing asks for your password again.</p>`;
  return { subject: `Please ${s.verb}: ${c.docNumber} ${c.sopTitle}`, text, html };
}

export function rejectionEmail(c: TaskEmailContext, r: { rejecterName: string; comment: string }): Message {
  const sop = `${c.docNumber} “${c.sopTitle}”`;
  const text = [
    `${r.rejecterName} rejected ${sop} in ${c.orgName} on SOPwright.`,
    '',
    `Their comment: ${r.comment}`,
    '',
    `See the version and its signatures: ${c.url}`,
    '',
    'A rejected version is final: revise the SOP and submit the new version.',
  ].join('\n');
  const html = `<p>${escapeHtml(r.rejecterName)} rejected <strong>${escapeHtml(sop)}</strong> in ${escapeHtml(c.orgName)} on SOPwright.</p>
<p>Their comment: ${escapeHtml(r.comment)}</p>
<p><a href="${escapeHtml(c.url)}">See the version and its signatures</a></p>
<p>A rejected version is final: revise the SOP and submit the new version.</p>`;
  return { subject: `Rejected: ${c.docNumber} ${c.sopTitle}`, text, html };
}

/** The names and words the emails need, read in a short transaction of their own. */
async function contextOf(user: CurrentUser, slug: string, lifecycle: Lifecycle, round: Round): Promise<TaskEmailContext> {
  return inOrg(user, slug, undefined, async ({ tx, org }) => {
    const sop = await requireSop(tx, org.id, lifecycle.sopId);
    const [p] = await tx.query<{ name: string; email: string }>(
      "select coalesce(nullif(btrim(full_name), ''), email, '') as name, coalesce(email, '') as email from public.profiles where id = $1",
      [round.submittedBy],
    );
    return {
      orgName: org.name,
      sopTitle: sop.title,
      docNumber: sop.docNumber,
      submitterName: p?.name ?? '',
      submitterEmail: p?.email ?? '',
      revisionKind: round.revisionKind,
      changeReason: round.changeReason,
      url: versionPageUrl(org.slug, lifecycle.sopId, lifecycle.versionId),
    };
  });
}

async function askAssignees(step: 'review' | 'approval', round: Round, c: TaskEmailContext): Promise<void> {
  const to = [...new Set(round.tasks.filter((t) => t.step === step && t.assigneeEmail).map((t) => t.assigneeEmail))];
  const message = taskEmail(step, c);
  await Promise.all(to.map((address) => sendEmail({ to: address, ...message, kind: `task-${step}` })));
}

async function safely(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    logError(`document-control ${what} emails could not be sent`, { err });
  }
}

/** After a submission: the reviewers, or the approvers when nobody reviews. */
export async function sendSubmissionEmails(user: CurrentUser, slug: string, lifecycle: Lifecycle): Promise<void> {
  const round = lifecycle.round;
  if (!round) return;
  await safely('submission', async () => {
    const step = lifecycle.state === 'in_review' ? 'review' : lifecycle.state === 'in_approval' ? 'approval' : null;
    if (step) await askAssignees(step, round, await contextOf(user, slug, lifecycle, round));
  });
}

/** After a signature: approval opened (the last review) → the approvers; rejected → the submitter. */
export async function sendSignatureEmails(user: CurrentUser, slug: string, signed: { signature: Signature; lifecycle: Lifecycle }): Promise<void> {
  const { signature, lifecycle } = signed;
  const round = lifecycle.round;
  if (!round) return;
  await safely('signature', async () => {
    if (signature.meaning === 'reviewed' && lifecycle.state === 'in_approval') {
      await askAssignees('approval', round, await contextOf(user, slug, lifecycle, round));
    } else if (signature.meaning === 'rejected') {
      const c = await contextOf(user, slug, lifecycle, round);
      if (c.submitterEmail) await sendEmail({ to: c.submitterEmail, ...rejectionEmail(c, { rejecterName: signature.signerName, comment: signature.comment }), kind: 'version-rejected' });
    }
  });
}
