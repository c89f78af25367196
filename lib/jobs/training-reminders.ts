/**
 * Read-and-understood emails (issue 15), idempotent through private.notices_sent
 * (./notices.ts: a key is claimed before its email goes out; a refused send releases it, so
 * the next run tries again):
 *   (a) each open task, once, to its assignee            training:assigned:<task id>
 *   (b) an open task past its due date, once             training:overdue:<task id>
 *   (c) each owner and admin of an org with overdue      training-escalation:<org id>:<admin id>:<ISO week>
 *       acknowledgements, once per ISO week: the list of all of them (person, SOP, due date).
 * "Open" and "overdue" are public.training_status (current members, effective SOPs) against the
 * database clock (private.clock()). Only tasks whose key has not been sent are read.
 */
import { assignedEmail, escalationEmail, overdueEmail, type OverdueRow } from '@/lib/training/emails';
import type { JobContext } from './context';
import { sendNotices, type Notice } from './notices';
import { isoWeek, ownersAndAdmins } from './recipients';

type TaskRow = {
  task_id: string;
  org_id: string;
  org_name: string;
  slug: string;
  sop_id: string;
  doc_number: string;
  title: string;
  label: string;
  due_at: Date;
  overdue: boolean;
  email: string;
  person_name: string;
};

const OPEN_TASKS = `
  select st.task_id, st.org_id, o.name as org_name, o.slug, st.sop_id, s.doc_number, s.title, st.label, st.due_at,
         st.status = 'overdue' as overdue, coalesce(nullif(p.email, ''), u.email, '') as email,
         coalesce(nullif(btrim(p.full_name), ''), nullif(p.email, ''), u.email, 'A member') as person_name
    from public.training_status st
    join public.organizations o on o.id = st.org_id and o.deleted_at is null
    join public.sops s on s.id = st.sop_id
    join auth.users u on u.id = st.user_id
    left join public.profiles p on p.id = st.user_id
   where st.status in ('pending', 'overdue') and (p.id is null or p.deleted_at is null)`;

export async function sendTrainingReminders(ctx: JobContext): Promise<{ sent: number; assigned: number; overdue: number; escalations: number }> {
  const sopUrl = (r: TaskRow) => `${ctx.appUrl}/o/${r.slug}/sops/${r.sop_id}`;
  const facts = (r: TaskRow) => ({ orgName: r.org_name, docNumber: r.doc_number, sopTitle: r.title, revision: r.label, dueAt: r.due_at, url: sopUrl(r) });
  const { fresh, late, overdueAll, week, admins } = await ctx.asService(async (tx) => {
    const week = await isoWeek(tx);
    const fresh = await tx.query<TaskRow>(
      `${OPEN_TASKS} and not exists (select 1 from private.notices_sent n where n.key = 'training:assigned:' || st.task_id::text) order by st.due_at, st.task_id`,
    );
    const late = await tx.query<TaskRow>(
      `${OPEN_TASKS} and st.status = 'overdue' and not exists (select 1 from private.notices_sent n where n.key = 'training:overdue:' || st.task_id::text) order by st.due_at, st.task_id`,
    );
    const overdueAll = await tx.query<TaskRow>(`${OPEN_TASKS} and st.status = 'overdue' order by st.org_id, st.due_at, s.doc_number, person_name`);
    const admins = await ownersAndAdmins(tx, [...new Set(overdueAll.map((r) => r.org_id))]);
    return { fresh, late, overdueAll, week, admins };
  });

  const assigned: Notice[] = fresh
    .filter((r) => r.email)
    .map((r) => ({ key: `training:assigned:${r.task_id}`, orgId: r.org_id, kind: 'training-assigned', message: { to: r.email, kind: 'training-assigned', ...assignedEmail(facts(r)) } }));
  const overdue: Notice[] = late
    .filter((r) => r.email)
    .map((r) => ({ key: `training:overdue:${r.task_id}`, orgId: r.org_id, kind: 'training-overdue', message: { to: r.email, kind: 'training-overdue', ...overdueEmail(facts(r)) } }));
  const escalations: Notice[] = admins.map((a) => {
    const mine = overdueAll.filter((r) => r.org_id === a.org_id);
    const rows: OverdueRow[] = mine.map((r) => ({ personName: r.person_name, docNumber: r.doc_number, sopTitle: r.title, revision: r.label, dueAt: r.due_at, url: sopUrl(r) }));
    const msg = escalationEmail(mine[0]!.org_name, rows, `${ctx.appUrl}/o/${mine[0]!.slug}/training?status=overdue`);
    return { key: `training-escalation:${a.org_id}:${a.user_id}:${week}`, orgId: a.org_id, kind: 'training-escalation', message: { to: a.email, kind: 'training-escalation', ...msg } };
  });
  const sent = { assigned: await sendNotices(ctx, assigned), overdue: await sendNotices(ctx, overdue), escalations: await sendNotices(ctx, escalations) };
  return { sent: sent.assigned + sent.overdue + sent.escalations, ...sent };
}
