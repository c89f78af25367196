/**
 * The periodic-review emails of the scheduled job (lib/jobs/review-reminders.ts), as pure
 * functions: plain text and HTML with every name, title and org escaped, and absolute links.
 *
 * Subjects:
 *   Periodic review due in 30 days: SOP-0001 Line clearance   (the days left when it is sent: 30, or fewer when first seen later)
 *   Periodic review due in 7 days: SOP-0001 Line clearance    (7 … 1)
 *   Periodic review due today: SOP-0001 Line clearance
 *   Periodic review overdue: SOP-0001 Line clearance          (first run after the due day)
 *   Overdue periodic reviews at Plant A: 3 SOPs               (weekly, to owners and admins)
 */
import { escapeHtml } from '@/lib/security/escape';

export type ReminderStage = '30d' | '7d' | 'due';

export interface ReminderInput {
  stage: ReminderStage;
  docNumber: string;
  title: string;
  orgName: string;
  /** YYYY-MM-DD (UTC). */
  dueDate: string;
  /** Whole UTC days from today to the due date (negative once past). */
  daysLeft: number;
  intervalMonths: number;
  /** Absolute link to the SOP page. */
  url: string;
  /** false: the SOP has no owner, so its owners and admins get the reminder. */
  toOwner: boolean;
}

export interface Message {
  subject: string;
  text: string;
  html: string;
}

const days = (n: number) => `${n} day${n === 1 ? '' : 's'}`;

/** Which reminder applies with this many days left: the most urgent one (null: more than 30 days to go). */
export function stageFor(daysLeft: number): ReminderStage | null {
  if (daysLeft <= 0) return 'due';
  if (daysLeft <= 7) return '7d';
  if (daysLeft <= 30) return '30d';
  return null;
}

export function reminderSubject(r: Pick<ReminderInput, 'daysLeft' | 'docNumber' | 'title'>): string {
  const sop = `${r.docNumber} ${r.title}`;
  if (r.daysLeft < 0) return `Periodic review overdue: ${sop}`;
  if (r.daysLeft === 0) return `Periodic review due today: ${sop}`;
  return `Periodic review due in ${days(r.daysLeft)}: ${sop}`;
}

export function reminderEmail(r: ReminderInput): Message {
  const sop = `${r.docNumber} “${r.title}”`;
  const when = r.daysLeft < 0 ? `was due on ${r.dueDate} and is overdue` : r.daysLeft === 0 ? `is due today (${r.dueDate})` : `is due on ${r.dueDate}, in ${days(r.daysLeft)}`;
  const why = r.toOwner ? 'You are its owner.' : 'It has no owner, so its organization’s owners and admins are told.';
  const lead = `The periodic review of ${sop} in ${r.orgName} ${when} (every ${r.intervalMonths} months).`;
  const what =
    'Read the effective revision. If it is still correct, sign “Reviewed, no change” on the SOP page (your password is asked): the next review is then due one interval from that day. If it needs changes, start a revision: the clock restarts when the revision becomes effective.';
  const text = [lead, why, '', what, '', `Open the SOP: ${r.url}`].join('\n');
  const html = `<p>The periodic review of <strong>${escapeHtml(sop)}</strong> in ${escapeHtml(r.orgName)} ${escapeHtml(when)} (every ${r.intervalMonths} months).</p>
<p>${escapeHtml(why)}</p>
<p>${escapeHtml(what)}</p>
<p><a href="${escapeHtml(r.url)}">Open the SOP</a></p>`;
  return { subject: reminderSubject(r), text, html };
}

export interface OverdueSop {
  docNumber: string;
  title: string;
  /** YYYY-MM-DD (UTC). */
  dueDate: string;
  ownerName: string;
  url: string;
}

export function escalationSubject(orgName: string, count: number): string {
  return `Overdue periodic reviews at ${orgName}: ${count} SOP${count === 1 ? '' : 's'}`;
}

/** The weekly list of an organization's overdue reviews, for its owners and admins. */
export function escalationEmail(e: { orgName: string; sops: readonly OverdueSop[]; listUrl: string }): Message {
  const n = e.sops.length;
  const lead = `${n === 1 ? 'One SOP' : `${n} SOPs`} in ${e.orgName} ${n === 1 ? 'is' : 'are'} past ${n === 1 ? 'its' : 'their'} periodic review date:`;
  const line = (s: OverdueSop) => `${s.docNumber} “${s.title}”: due ${s.dueDate}, owner ${s.ownerName || 'none'}`;
  const close = 'Each needs a signed “Reviewed, no change” or a revision. You receive this list once a week while reviews are overdue.';
  const text = [lead, '', ...e.sops.map((s) => `- ${line(s)}\n  ${s.url}`), '', close, '', `All overdue SOPs: ${e.listUrl}`].join('\n');
  const html = `<p>${escapeHtml(lead)}</p>
<ul>
${e.sops.map((s) => `<li><a href="${escapeHtml(s.url)}">${escapeHtml(`${s.docNumber} “${s.title}”`)}</a>: due ${escapeHtml(s.dueDate)}, owner ${escapeHtml(s.ownerName || 'none')}</li>`).join('\n')}
</ul>
<p>${escapeHtml(close)}</p>
<p><a href="${escapeHtml(e.listUrl)}">All overdue SOPs</a></p>`;
  return { subject: escalationSubject(e.orgName, n), text, html };
}
