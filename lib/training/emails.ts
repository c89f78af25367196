/**
 * The read-and-understood emails of the scheduled job (lib/jobs/training-reminders.ts), as
 * pure builders: plain text, and HTML with every name, title and department escaped. Dates
 * are UTC days ("2026-12-15"), links absolute.
 */
import { escapeHtml } from '@/lib/security/escape';

export interface TaskMailFacts {
  orgName: string;
  docNumber: string;
  sopTitle: string;
  revision: string;
  dueAt: Date | string;
  /** Absolute address of the SOP page, where the ceremony is. */
  url: string;
}

export interface OverdueRow {
  personName: string;
  docNumber: string;
  sopTitle: string;
  revision: string;
  dueAt: Date | string;
  url: string;
}

type Message = { subject: string; text: string; html: string };

/** "2026-12-15": the UTC day. */
export const utcDay = (d: Date | string) => new Date(d).toISOString().slice(0, 10);

const sopLine = (f: { docNumber: string; sopTitle: string; revision: string }) => `${f.docNumber} ${f.sopTitle}, revision ${f.revision}`;

/** (a) A new task: "Read and understood: SOP-0001 Line clearance, revision 2.0, due 2026-12-15". */
export function assignedEmail(f: TaskMailFacts): Message {
  const due = utcDay(f.dueAt);
  const subject = `Read and understood: ${sopLine(f)}, due ${due}`;
  const text = [
    `${f.orgName} asks you to read ${f.docNumber} “${f.sopTitle}”, revision ${f.revision}, and sign it as read and understood by ${due} (UTC).`,
    '',
    `Read it and sign: ${f.url}`,
    '',
    'Signing asks for your password again (and your authenticator code when you have one).',
  ].join('\n');
  const html = `<p>${escapeHtml(f.orgName)} asks you to read <strong>${escapeHtml(`${f.docNumber} “${f.sopTitle}”`)}</strong>, revision ${escapeHtml(f.revision)}, and sign it as read and understood by <strong>${due}</strong> (UTC).</p>
<p><a href="${escapeHtml(f.url)}">Read it and sign</a></p>
<p>Signing asks for your password again (and your authenticator code when you have one).</p>`;
  return { subject, text, html };
}

/** (b) An open task past its due date: "Overdue: read and understood SOP-0001 Line clearance, revision 2.0, was due 2026-12-15". */
export function overdueEmail(f: TaskMailFacts): Message {
  const due = utcDay(f.dueAt);
  const subject = `Overdue: read and understood ${sopLine(f)}, was due ${due}`;
  const text = [
    `Your read-and-understood signature for ${f.docNumber} “${f.sopTitle}”, revision ${f.revision}, in ${f.orgName} was due on ${due} (UTC) and is overdue.`,
    '',
    `Read it and sign now: ${f.url}`,
  ].join('\n');
  const html = `<p>Your read-and-understood signature for <strong>${escapeHtml(`${f.docNumber} “${f.sopTitle}”`)}</strong>, revision ${escapeHtml(f.revision)}, in ${escapeHtml(f.orgName)} was due on <strong>${due}</strong> (UTC) and is overdue.</p>
<p><a href="${escapeHtml(f.url)}">Read it and sign now</a></p>`;
  return { subject, text, html };
}

/** (c) The weekly escalation to an owner or admin: "Overdue training at Plant A: 3 acknowledgements". */
export function escalationEmail(orgName: string, rows: readonly OverdueRow[], matrixUrl: string): Message {
  const n = rows.length;
  const subject = `Overdue training at ${orgName}: ${n} acknowledgement${n === 1 ? '' : 's'}`;
  const text = [
    `${n} read-and-understood acknowledgement${n === 1 ? ' is' : 's are'} overdue in ${orgName}:`,
    '',
    ...rows.map((r) => `- ${r.personName}: ${sopLine(r)}, due ${utcDay(r.dueAt)} — ${r.url}`),
    '',
    `Training matrix, overdue only: ${matrixUrl}`,
    '',
    'You get this summary once a week while acknowledgements are overdue.',
  ].join('\n');
  const items = rows
    .map((r) => `<li>${escapeHtml(r.personName)}: <a href="${escapeHtml(r.url)}">${escapeHtml(sopLine(r))}</a>, due ${utcDay(r.dueAt)}</li>`)
    .join('\n');
  const html = `<p>${n} read-and-understood acknowledgement${n === 1 ? ' is' : 's are'} overdue in ${escapeHtml(orgName)}:</p>
<ul>
${items}
</ul>
<p><a href="${escapeHtml(matrixUrl)}">Training matrix, overdue only</a></p>
<p>You get this summary once a week while acknowledgements are overdue.</p>`;
  return { subject, text, html };
}
