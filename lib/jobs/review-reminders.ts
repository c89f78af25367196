/**
 * Periodic-review reminders and escalations (issue 15), run by lib/jobs/run.ts. "Now" is the
 * database clock (private.clock()); the schedule is public.sop_review_schedule (effective,
 * non-exempt SOPs only).
 *
 * For each SOP whose review is due within 30 days, its owner (a current member), else the
 * organization's owners and admins, gets the most urgent reminder that applies today, once:
 *   review:30d:<sop>:<due date>    30 … 8 days before the due date
 *   review:7d:<sop>:<due date>     7 … 1 days before
 *   review:due:<sop>:<due date>    on the due date or after it
 * (a SOP first seen 5 days before its due date gets only the 7-day one; to owners and admins
 * the key ends in `:<user id>`, one per person). A new due date (reviewed, or a revision became
 * effective) starts a new series.
 *
 * Every owner and admin of an organization with overdue reviews gets one list of them per ISO
 * week: review-escalation:<org>:<user id>:<ISO week, e.g. 2026-W49>.
 *
 * sendNotices claims each key before sending, so a second run sends nothing twice; an email the
 * provider refused releases its claim and goes out on the next run.
 */
import { escalationEmail, reminderEmail, stageFor, type OverdueSop } from '@/lib/review/emails';
import type { JobContext } from './context';
import { sendNotices, type Notice } from './notices';
import { isoWeek, ownersAndAdmins } from './recipients';

type DueRow = {
  sop_id: string;
  org_id: string;
  org_name: string;
  org_slug: string;
  doc_number: string;
  title: string;
  interval_months: number;
  due_date: string;
  days_left: number;
  overdue: boolean;
  owner_id: string | null;
  owner_email: string | null;
  owner_name: string | null;
};

export async function sendReviewReminders(ctx: JobContext): Promise<{ sent: number; reminders: number; escalations: number }> {
  const { due, admins, week } = await ctx.asService(async (tx) => {
    const due = await tx.query<DueRow>(
      `with now as (select private.clock() as t)
       select r.sop_id, r.org_id, o.name as org_name, o.slug as org_slug, s.doc_number, s.title, r.interval_months,
              to_char(r.next_review_at at time zone 'UTC', 'YYYY-MM-DD') as due_date,
              ((r.next_review_at at time zone 'UTC')::date - (now.t at time zone 'UTC')::date) as days_left,
              r.next_review_at <= now.t as overdue,
              case when m.user_id is not null then p.id end as owner_id,
              case when m.user_id is not null then p.email end as owner_email,
              case when m.user_id is not null then coalesce(nullif(p.full_name, ''), p.email) end as owner_name
         from public.sop_review_schedule r
         cross join now
         join public.sops s on s.id = r.sop_id
         join public.organizations o on o.id = r.org_id
         left join public.profiles p on p.id = s.owner_id and p.deleted_at is null and p.email <> ''
         left join public.memberships m on m.org_id = s.org_id and m.user_id = p.id
        where r.next_review_at is not null
          and ((r.next_review_at at time zone 'UTC')::date - (now.t at time zone 'UTC')::date) <= 30
        order by r.org_id, r.next_review_at, s.doc_number`,
    );
    const admins = await ownersAndAdmins(tx, [...new Set(due.map((d) => d.org_id))]);
    return { due, admins, week: await isoWeek(tx) };
  });

  const adminsOf = (orgId: string) => admins.filter((a) => a.org_id === orgId);
  const sopUrl = (d: DueRow) => `${ctx.appUrl}/o/${d.org_slug}/sops/${d.sop_id}`;

  const reminders: Notice[] = [];
  for (const d of due) {
    const daysLeft = Number(d.days_left);
    const stage = stageFor(daysLeft);
    if (!stage) continue;
    const key = `review:${stage}:${d.sop_id}:${d.due_date}`;
    const base = { stage, docNumber: d.doc_number, title: d.title, orgName: d.org_name, dueDate: d.due_date, daysLeft, intervalMonths: Number(d.interval_months), url: sopUrl(d) };
    if (d.owner_id && d.owner_email) {
      reminders.push({ key, orgId: d.org_id, kind: `review-${stage}`, message: { to: d.owner_email, kind: `review-${stage}`, ...reminderEmail({ ...base, toOwner: true }) } });
    } else {
      for (const a of adminsOf(d.org_id)) {
        reminders.push({ key: `${key}:${a.user_id}`, orgId: d.org_id, kind: `review-${stage}`, message: { to: a.email, kind: `review-${stage}`, ...reminderEmail({ ...base, toOwner: false }) } });
      }
    }
  }

  const escalations: Notice[] = [];
  const overdueByOrg = new Map<string, DueRow[]>();
  for (const d of due) if (d.overdue) overdueByOrg.set(d.org_id, [...(overdueByOrg.get(d.org_id) ?? []), d]);
  for (const [orgId, list] of overdueByOrg) {
    const first = list[0]!;
    const sops: OverdueSop[] = list.map((d) => ({ docNumber: d.doc_number, title: d.title, dueDate: d.due_date, ownerName: d.owner_name ?? '', url: sopUrl(d) }));
    const message = escalationEmail({ orgName: first.org_name, sops, listUrl: `${ctx.appUrl}/o/${first.org_slug}/sops?review=overdue` });
    for (const a of adminsOf(orgId)) {
      escalations.push({ key: `review-escalation:${orgId}:${a.user_id}:${week}`, orgId, kind: 'review-escalation', message: { to: a.email, kind: 'review-escalation', ...message } });
    }
  }

  const sentReminders = await sendNotices(ctx, reminders);
  const sentEscalations = await sendNotices(ctx, escalations);
  return { sent: sentReminders + sentEscalations, reminders: sentReminders, escalations: sentEscalations };
}
