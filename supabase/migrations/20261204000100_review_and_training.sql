/*
 * Periodic review and read-and-understood training (issue 15), on the document-control
 * lifecycle and its signatures (20261202000100_document_control.sql).
 *
 * Periodic review
 *   organizations.review_interval_months   the org's default interval (24);
 *   sops.review_interval_months            a SOP's own interval (null: the org's default);
 *   sops.review_exempt_reason              "no periodic review", with the reason (then no
 *                                          interval applies);
 *   public.sop_periodic_reviews            "reviewed, no change": one row per signed review of
 *                                          the effective version (append-only);
 *   public.sop_review_schedule (view)      per SOP: the effective version, when it became
 *                                          effective, the last review of it, the interval in
 *                                          force and the next review date:
 *                                            next_review_at = greatest(effective_at,
 *                                              last review of that version) + interval.
 *   A revision resets the clock by becoming effective; a signed "reviewed, no change" resets it
 *   without a new version (private.confirm_periodic_review).
 *
 * Read-and-understood training
 *   memberships.department                 the member's department (plain text, <= 120);
 *   organizations.training_due_days        days to acknowledge (14);
 *   public.training_assignments            who must read a SOP: a person, a role or a
 *                                          department (insert/delete by owners and admins);
 *   public.training_tasks                  one per (assignee, SOP, major revision), with its
 *                                          due date (append-only);
 *   public.training_task_closures          a task that ended without an acknowledgement: the
 *                                          person left, was unassigned, a new major revision
 *                                          superseded it, or the SOP became obsolete
 *                                          (append-only);
 *   public.training_acknowledgements       the task completed by a 'read_understood'
 *                                          signature (append-only).
 *   A task is open while it has neither a closure nor an acknowledgement. private.training_sync
 *   keeps the tasks equal to the assignments for every SOP with an effective version: it runs
 *   from triggers when assignments, memberships (join, role or department change, leave) or
 *   the lifecycle (effective, obsolete) change. A major revision (label N.0) becoming
 *   effective closes the open tasks of the previous major revision and gives every assignee a
 *   new one; a minor revision creates none (its assignees' tasks of the same major stay, and
 *   acknowledging the minor revision completes them). Removed members' open tasks are closed,
 *   and their acknowledgements stay in the record. Because tasks, closures and
 *   acknowledgements are never changed, "who had to read which revision, and who had, at time
 *   T" is read from them (not recomputed from today's assignments).
 *
 * Signatures: 'read_understood' (private.acknowledge_sop) and 'reviewed_no_change'
 * (private.confirm_periodic_review) are signatures of the effective version outside any
 * routing round (submission_id null), over the content hash its approval round signed, with
 * the same re-authentication, printed name, lockout and audit as every other signature.
 *
 * Reminders: private.notices_sent remembers every email the scheduled job sent (by a key
 * naming what it was about and when), so running the job twice sends nothing twice.
 */

/* ---------------------------------------------------------------- settings */

alter table public.organizations
  add column review_interval_months integer not null default 24 check (review_interval_months between 1 and 120),
  add column training_due_days integer not null default 14 check (training_due_days between 1 and 365);
grant update (review_interval_months, training_due_days) on table public.organizations to authenticated;

alter table public.sops
  add column review_interval_months integer check (review_interval_months between 1 and 120),
  add column review_exempt_reason text check (char_length(btrim(review_exempt_reason)) between 1 and 500),
  add constraint sops_review_interval_or_exempt check (review_interval_months is null or review_exempt_reason is null);

alter table public.memberships
  add column department text not null default '' check (char_length(department) <= 120);
grant update (department) on table public.memberships to authenticated;

-- The clock is read by the app too (overdue, due soon), so that tests that move it move both.
grant execute on function private.clock() to authenticated, service_role;

/* ---------------------------------------------------------------- signatures outside a round */

do $$
declare c record;
begin
  for c in
    select conname from pg_constraint
    where conrelid = 'public.sop_signatures'::regclass and contype = 'c' and pg_get_constraintdef(oid) like '%read_understood%'
  loop
    execute format('alter table public.sop_signatures drop constraint %I', c.conname);
  end loop;
end $$;
alter table public.sop_signatures
  add constraint sop_signatures_meaning_check
    check (meaning in ('authored', 'reviewed', 'approved', 'rejected', 'read_understood', 'reviewed_no_change')),
  add constraint sop_signatures_round_check
    check ((meaning in ('read_understood', 'reviewed_no_change')) = (submission_id is null));

/* The major revision number of a label ('2.1' -> 2). */
create or replace function private.label_major(p_label text) returns integer
  language sql immutable set search_path = ''
as $$
  select nullif(split_part(coalesce(p_label, ''), '.', 1), '')::integer
$$;

/* The SOP's effective version and its label, or nothing. */
create or replace function private.dc_effective(p_sop uuid, out version_id uuid, out label text)
  language sql stable security definer set search_path = ''
as $$
  select s.version_id, s.label from private.dc_version_states(p_sop) s where s.state = 'effective' limit 1
$$;

/* Who signs, under which name, how re-authenticated, over which content: decided here, never by the caller. */
create or replace function private.dc_signature_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_sub public.sop_submissions;
begin
  if v_uid is null then
    raise exception 'A signature is made by the signed-in signer, never on someone''s behalf.' using errcode = 'DC403';
  end if;
  select v.org_id, v.sop_id into new.org_id, new.sop_id from public.sop_versions v where v.id = new.version_id;
  if new.org_id is null then
    raise exception 'No such version.' using errcode = 'DC404';
  end if;
  new.signer_id := v_uid;
  select coalesce(btrim(p.full_name), ''), coalesce(u.email, '') into new.signer_name, new.signer_email
  from auth.users u join public.profiles p on p.id = u.id and p.deleted_at is null
  where u.id = v_uid;
  if coalesce(new.signer_name, '') = '' then
    raise exception 'Add your full name to your profile before signing: it is printed with your signature.' using errcode = 'DC422';
  end if;
  perform private.dc_assert_unlocked(v_uid);
  new.auth_method := private.dc_reauthenticated(new.org_id);
  if new.meaning in ('read_understood', 'reviewed_no_change') then
    -- Outside a round: the effective version, over the content its approval round signed.
    if private.dc_state(new.version_id) <> 'effective' then
      raise exception 'Only the effective version of a SOP is acknowledged or reviewed.' using errcode = 'DC409';
    end if;
    v_sub := private.dc_submission(new.version_id);
    new.comment := btrim(coalesce(new.comment, ''));
    if new.content_hash is distinct from v_sub.content_hash then
      raise exception 'What you are signing is not the content that was approved. Reload the SOP and sign again.' using errcode = 'DC409';
    end if;
    new.submission_id := null;
    new.signed_at := private.clock();
    return new;
  end if;
  if new.meaning = 'authored' then
    v_sub := private.dc_submission(new.version_id);
    if v_sub.id is null or v_sub.submitted_by <> v_uid
       or exists (select 1 from public.sop_transitions t where t.submission_id = v_sub.id)
       or exists (select 1 from public.sop_signatures g where g.submission_id = v_sub.id and g.meaning = 'authored') then
      raise exception 'Authorship is signed by the submitter when the version is submitted.' using errcode = 'DC409';
    end if;
  else
    v_sub := private.dc_assert_may_sign(new.version_id, new.meaning, v_uid);
  end if;
  new.comment := btrim(coalesce(new.comment, ''));
  if new.meaning = 'rejected' and new.comment = '' then
    raise exception 'Say why you reject this version: the comment goes to the author and the audit trail.' using errcode = 'DC422';
  end if;
  if new.content_hash is distinct from v_sub.content_hash then
    raise exception 'What you are signing is not the content that was submitted for signature. Reload the version and sign again.' using errcode = 'DC409';
  end if;
  new.submission_id := v_sub.id;
  new.signed_at := private.clock();
  return new;
end $$;

/* ---------------------------------------------------------------- tables */

create table public.sop_periodic_reviews (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  signature_id uuid not null unique references public.sop_signatures (id) on delete restrict,
  interval_months integer not null check (interval_months between 1 and 120),
  reviewed_at timestamptz not null,
  next_review_at timestamptz not null
);
create index sop_periodic_reviews_org_idx on public.sop_periodic_reviews (org_id);
create index sop_periodic_reviews_sop_idx on public.sop_periodic_reviews (sop_id, reviewed_at desc);
comment on table public.sop_periodic_reviews is 'Signed "reviewed, no change" periodic reviews of an effective version (append-only).';

create table public.training_assignments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  sop_id uuid not null references public.sops (id) on delete cascade,
  kind text not null check (kind in ('person', 'role', 'department')),
  user_id uuid,
  role public.member_role,
  department text check (char_length(btrim(department)) between 1 and 120),
  created_by uuid,
  created_at timestamptz not null default clock_timestamp(),
  check ((kind = 'person') = (user_id is not null)),
  check ((kind = 'role') = (role is not null)),
  check ((kind = 'department') = (department is not null))
);
create unique index training_assignments_person_once on public.training_assignments (sop_id, user_id) where kind = 'person';
create unique index training_assignments_role_once on public.training_assignments (sop_id, role) where kind = 'role';
create unique index training_assignments_department_once on public.training_assignments (sop_id, lower(department)) where kind = 'department';
create index training_assignments_org_idx on public.training_assignments (org_id);
comment on table public.training_assignments is 'Who must read a SOP: a person, everyone with a role, or everyone in a department.';

create table public.training_tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  -- the effective version when the task was created; any version of the same major revision completes it
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  major integer not null check (major >= 1),
  -- no foreign key: training records outlive the people in them (uuids are never reused)
  assignee_id uuid not null,
  reason text not null check (reason in ('assigned', 'new_version')),
  due_at timestamptz not null,
  created_at timestamptz not null
);
create index training_tasks_sop_assignee_idx on public.training_tasks (sop_id, assignee_id, major);
create index training_tasks_org_idx on public.training_tasks (org_id);
create index training_tasks_assignee_idx on public.training_tasks (assignee_id, created_at desc);
create index training_tasks_sop_idx on public.training_tasks (sop_id, created_at);
comment on table public.training_tasks is 'Read-and-understood tasks: who must acknowledge which major revision of a SOP, by when (append-only).';

create table public.training_task_closures (
  task_id uuid primary key references public.training_tasks (id) on delete restrict,
  org_id uuid not null references public.organizations (id) on delete restrict,
  reason text not null check (reason in ('left', 'unassigned', 'superseded', 'obsolete')),
  closed_at timestamptz not null
);
create index training_task_closures_org_idx on public.training_task_closures (org_id);
comment on table public.training_task_closures is 'Training tasks that ended without an acknowledgement, and why (append-only).';

create table public.training_acknowledgements (
  task_id uuid primary key references public.training_tasks (id) on delete restrict,
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  signature_id uuid not null references public.sop_signatures (id) on delete restrict,
  acknowledged_at timestamptz not null
);
create index training_acknowledgements_org_idx on public.training_acknowledgements (org_id);
create index training_acknowledgements_sop_idx on public.training_acknowledgements (sop_id, acknowledged_at);
comment on table public.training_acknowledgements is 'Training tasks completed by a read-and-understood signature (append-only).';

/* Emails the scheduled job has sent, by what they were about: the job's idempotency. Server-only. */
create table private.notices_sent (
  key text primary key check (char_length(key) between 1 and 300),
  org_id uuid not null,
  kind text not null,
  recipient text not null,
  sent_at timestamptz not null default clock_timestamp()
);
create index notices_sent_org_idx on private.notices_sent (org_id, sent_at desc);

do $$
declare t text;
begin
  foreach t in array array['sop_periodic_reviews', 'training_tasks', 'training_task_closures', 'training_acknowledgements'] loop
    execute format('create trigger %1$s_append_only before update or delete on public.%1$I for each row execute function private.dc_append_only()', t);
    execute format('create trigger %1$s_no_truncate before truncate on public.%1$I for each statement execute function private.dc_append_only()', t);
  end loop;
end $$;

/* ---------------------------------------------------------------- who must read a SOP, now */

/* The SOP's assignees now: members (not erased) matched by a person, role or department assignment. */
create or replace function private.training_assignees(p_sop uuid) returns setof uuid
  language sql stable security definer set search_path = ''
as $$
  select distinct m.user_id
  from public.training_assignments a
  join public.memberships m on m.org_id = a.org_id
  join public.profiles p on p.id = m.user_id and p.deleted_at is null
  where a.sop_id = p_sop
    and (   (a.kind = 'person' and m.user_id = a.user_id)
         or (a.kind = 'role' and m.role = a.role)
         or (a.kind = 'department' and lower(btrim(m.department)) = lower(btrim(a.department))))
$$;

/*
 * Make the SOP's training tasks match its assignments and its effective version (p_sop null:
 * every SOP of p_org with an assignment or an open task). Idempotent. Closes open tasks of an
 * earlier major revision (superseded), of people no longer assigned (unassigned) or no longer
 * members (left), and all open tasks of a SOP with no effective version (obsolete); creates a
 * task for each assignee who has none for the current major revision.
 */
create or replace function private.training_sync(p_org uuid, p_sop uuid default null) returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  r record;
  v_eff record;
  v_major integer;
  v_now timestamptz := private.clock();
  v_due_days integer;
begin
  select o.training_due_days into v_due_days from public.organizations o where o.id = p_org;
  if v_due_days is null then
    return;
  end if;
  for r in
    select s.id from public.sops s
    where s.org_id = p_org and (p_sop is null or s.id = p_sop)
      and (exists (select 1 from public.training_assignments a where a.sop_id = s.id)
           or exists (select 1 from public.training_tasks k where k.sop_id = s.id))
  loop
    select * into v_eff from private.dc_effective(r.id);
    v_major := private.label_major(v_eff.label);
    insert into public.training_task_closures (task_id, org_id, reason, closed_at)
    select k.id, k.org_id,
           case
             when v_eff.version_id is null then 'obsolete'
             when k.major <> v_major then 'superseded'
             when not exists (select 1 from public.memberships m where m.org_id = k.org_id and m.user_id = k.assignee_id) then 'left'
             else 'unassigned'
           end,
           v_now
    from public.training_tasks k
    where k.sop_id = r.id
      and not exists (select 1 from public.training_task_closures c where c.task_id = k.id)
      and not exists (select 1 from public.training_acknowledgements a where a.task_id = k.id)
      and (v_eff.version_id is null or k.major <> v_major
           or k.assignee_id not in (select private.training_assignees(r.id)));
    if v_eff.version_id is not null then
      insert into public.training_tasks (org_id, sop_id, version_id, major, assignee_id, reason, due_at, created_at)
      select p_org, r.id, v_eff.version_id, v_major, x,
             case when exists (select 1 from public.training_tasks k where k.sop_id = r.id and k.assignee_id = x and k.major < v_major)
                  then 'new_version' else 'assigned' end,
             v_now + make_interval(days => v_due_days), v_now
      from private.training_assignees(r.id) x
      where not exists (
        select 1 from public.training_tasks k
        where k.sop_id = r.id and k.assignee_id = x and k.major = v_major
          and (exists (select 1 from public.training_acknowledgements a where a.task_id = k.id)
               or not exists (select 1 from public.training_task_closures c where c.task_id = k.id))
      );
    end if;
  end loop;
end $$;

create or replace function private.training_sync_trigger() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare v_row jsonb := to_jsonb(coalesce(new, old));
begin
  if tg_table_name = 'memberships' then
    if not exists (select 1 from public.organizations o where o.id = (v_row ->> 'org_id')::uuid) then
      return null; -- the organization itself is being deleted
    end if;
    perform private.training_sync((v_row ->> 'org_id')::uuid, null);
  elsif tg_table_name = 'training_assignments' then
    if not exists (select 1 from public.sops s where s.id = (v_row ->> 'sop_id')::uuid) then
      return null; -- the SOP is being deleted
    end if;
    perform private.training_sync((v_row ->> 'org_id')::uuid, (v_row ->> 'sop_id')::uuid);
  else
    perform private.training_sync(new.org_id, new.sop_id);
  end if;
  return null;
end $$;

create trigger memberships_training after insert or delete or update of role, department on public.memberships
  for each row execute function private.training_sync_trigger();
create trigger training_assignments_sync after insert or delete on public.training_assignments
  for each row execute function private.training_sync_trigger();
-- Named to fire after sop_transitions_after_insert (which supersedes the previous version).
create trigger sop_transitions_training after insert on public.sop_transitions
  for each row when (new.to_state in ('effective', 'obsolete')) execute function private.training_sync_trigger();

/* ---------------------------------------------------------------- the review schedule */

create view public.sop_review_schedule with (security_invoker = true) as
select s.id as sop_id, s.org_id, s.owner_id,
       s.review_interval_months as sop_interval_months,
       s.review_exempt_reason,
       case when s.review_exempt_reason is null then coalesce(s.review_interval_months, o.review_interval_months) end as interval_months,
       s.effective_version_id,
       e.effective_at,
       r.reviewed_at as last_reviewed_at,
       case when s.review_exempt_reason is null and s.effective_version_id is not null and s.status = 'effective' then
         greatest(e.effective_at, r.reviewed_at) + make_interval(months => coalesce(s.review_interval_months, o.review_interval_months))
       end as next_review_at
from public.sops s
join public.organizations o on o.id = s.org_id
left join lateral (
  select t.created_at as effective_at from public.sop_transitions t
  where t.version_id = s.effective_version_id and t.to_state = 'effective' order by t.seq desc limit 1
) e on true
left join lateral (
  select max(p.reviewed_at) as reviewed_at from public.sop_periodic_reviews p where p.version_id = s.effective_version_id
) r on true;

/*
 * Training status now, the one definition the matrix, My tasks and the overview share: for
 * every current member and every SOP with an effective version, the member's latest task for
 * the current major revision and its state:
 *   current       acknowledged (any revision of the current major revision);
 *   overdue       open and past its due date (private.clock());
 *   pending       open, not yet due;
 *   not_assigned  no open or completed task for the current major revision.
 * Members who left, and accounts being erased, are not in it (their records stay in the tables).
 */
create view public.training_status with (security_invoker = true) as
select s.org_id, s.id as sop_id, m.user_id, s.effective_version_id as version_id, e.label, e.major,
       k.id as task_id, k.created_at as assigned_at, k.due_at,
       a.acknowledged_at, a.version_id as acknowledged_version_id, a.signature_id,
       case
         when a.task_id is not null then 'current'
         when k.id is not null and c.task_id is null and k.due_at <= private.clock() then 'overdue'
         when k.id is not null and c.task_id is null then 'pending'
         else 'not_assigned'
       end as status
from public.sops s
join lateral (
  select t.label, private.label_major(t.label) as major from public.sop_transitions t
  where t.version_id = s.effective_version_id order by t.seq desc limit 1
) e on true
join public.memberships m on m.org_id = s.org_id
join public.profiles pr on pr.id = m.user_id and pr.deleted_at is null
left join lateral (
  select x.* from public.training_tasks x
  where x.sop_id = s.id and x.assignee_id = m.user_id and x.major = e.major
  order by x.created_at desc limit 1
) k on true
left join public.training_acknowledgements a on a.task_id = k.id
left join public.training_task_closures c on c.task_id = k.id
where s.effective_version_id is not null and s.status = 'effective';

/* ---------------------------------------------------------------- the API */

/* The SOP, locked, if the caller is a member and its owner, an owner or an admin; else DC404 / DC403 ("… can <p_doing>."). */
create or replace function private.sop_for_review(p_sop_id uuid, p_doing text) returns public.sops
  language plpgsql volatile security definer set search_path = ''
as $$
declare s public.sops;
begin
  select * into s from public.sops x where x.id = p_sop_id for update;
  if s.id is null or not private.is_member(s.org_id) then
    raise exception 'No such SOP in your organizations.' using errcode = 'DC404';
  end if;
  if not (private.can(s.org_id, 'sops.control') or s.owner_id = (select auth.uid())) then
    raise exception 'Only the SOP''s owner, an owner or an admin can %.', p_doing using errcode = 'DC403';
  end if;
  return s;
end $$;

/* The caller's open read-and-understood tasks for a SOP (no closure, no acknowledgement). */
create or replace function private.my_open_training_tasks(p_sop_id uuid) returns setof public.training_tasks
  language sql stable security definer set search_path = ''
as $$
  select k.* from public.training_tasks k
  where k.sop_id = p_sop_id and k.assignee_id = (select auth.uid())
    and not exists (select 1 from public.training_task_closures c where c.task_id = k.id)
    and not exists (select 1 from public.training_acknowledgements a where a.task_id = k.id)
$$;

/*
 * Set a SOP's review interval: p_months (1–120), or null for the organization's default, or
 * p_exempt_reason for "no periodic review" (then p_months must be null). Owners, admins and
 * the SOP's owner. Audited with the old and new setting.
 */
create or replace function private.set_review_interval(p_sop_id uuid, p_months integer, p_exempt_reason text)
returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  s public.sops := private.sop_for_review(p_sop_id, 'change its review interval');
  v_reason text := nullif(btrim(coalesce(p_exempt_reason, '')), '');
begin
  if p_months is not null and v_reason is not null then
    raise exception 'Choose an interval or "no periodic review", not both.' using errcode = 'DC422';
  end if;
  if p_months is not null and p_months not between 1 and 120 then
    raise exception 'The review interval is 1 to 120 months.' using errcode = 'DC422';
  end if;
  if v_reason is not null and char_length(v_reason) > 500 then
    raise exception 'The reason for no periodic review is at most 500 characters.' using errcode = 'DC422';
  end if;
  if s.review_interval_months is not distinct from p_months and s.review_exempt_reason is not distinct from v_reason then
    return;
  end if;
  update public.sops x set review_interval_months = p_months, review_exempt_reason = v_reason where x.id = p_sop_id;
  perform private.dc_audit(s.org_id, 'sop.review_interval_set', 'sops', s.id,
    jsonb_build_object('sop_id', s.id,
      'old', jsonb_build_object('interval_months', s.review_interval_months, 'exempt_reason', s.review_exempt_reason),
      'new', jsonb_build_object('interval_months', p_months, 'exempt_reason', v_reason)),
    coalesce(v_reason, ''));
end $$;

/*
 * "Reviewed, no change": the SOP's owner (or an owner or admin) signs the effective version
 * over its approved content; the next review is due one interval from now. No new version.
 * Returns the review's id.
 */
create or replace function private.confirm_periodic_review(p_sop_id uuid, p_content_hash text, p_comment text default '')
returns uuid
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  s public.sops := private.sop_for_review(p_sop_id, 'sign its periodic review');
  v_eff record;
  v_sig public.sop_signatures;
  v_months integer;
  v_id uuid;
begin
  select * into v_eff from private.dc_effective(p_sop_id);
  if v_eff.version_id is null then
    raise exception 'This SOP has no effective version to review.' using errcode = 'DC409';
  end if;
  if s.review_exempt_reason is not null then
    raise exception 'This SOP is exempt from periodic review.' using errcode = 'DC409';
  end if;
  if char_length(coalesce(p_comment, '')) > 2000 then
    raise exception 'The comment is at most 2000 characters.' using errcode = 'DC422';
  end if;
  insert into public.sop_signatures (version_id, meaning, comment, content_hash)
  values (v_eff.version_id, 'reviewed_no_change', coalesce(p_comment, ''), p_content_hash)
  returning * into v_sig;
  select coalesce(s.review_interval_months, o.review_interval_months) into v_months from public.organizations o where o.id = s.org_id;
  insert into public.sop_periodic_reviews (org_id, sop_id, version_id, signature_id, interval_months, reviewed_at, next_review_at)
  values (s.org_id, s.id, v_eff.version_id, v_sig.id, v_months, v_sig.signed_at, v_sig.signed_at + make_interval(months => v_months))
  returning id into v_id;
  perform private.dc_audit(s.org_id, 'sop.periodic_review_signed', 'sop_periodic_reviews', v_id,
    jsonb_build_object('sop_id', s.id, 'version_id', v_eff.version_id, 'label', v_eff.label, 'signature_id', v_sig.id,
      'reviewed_at', v_sig.signed_at, 'next_review_at', v_sig.signed_at + make_interval(months => v_months),
      'signer', jsonb_build_object('id', v_sig.signer_id, 'name', v_sig.signer_name, 'email', v_sig.signer_email)),
    v_sig.comment);
  return v_id;
end $$;

/*
 * "Read and understood": the caller signs the SOP's effective version (p_version_id must be
 * it) over its approved content, completing their open training task for it. Returns the
 * signature's id.
 */
create or replace function private.acknowledge_sop(p_version_id uuid, p_content_hash text)
returns uuid
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.sop_versions := private.dc_version_for_caller(p_version_id);
  v_sig public.sop_signatures;
begin
  if private.dc_state(p_version_id) <> 'effective' then
    raise exception 'Only the effective version of a SOP is acknowledged.' using errcode = 'DC409';
  end if;
  if not exists (select 1 from private.my_open_training_tasks(v.sop_id)) then
    raise exception 'You have nothing to acknowledge for this SOP: you are not assigned to it, or you have already read this revision.' using errcode = 'DC409';
  end if;
  insert into public.sop_signatures (version_id, meaning, content_hash)
  values (p_version_id, 'read_understood', p_content_hash)
  returning * into v_sig;
  insert into public.training_acknowledgements (task_id, org_id, sop_id, version_id, signature_id, acknowledged_at)
  select k.id, k.org_id, k.sop_id, p_version_id, v_sig.id, v_sig.signed_at
  from private.my_open_training_tasks(v.sop_id) k;
  return v_sig.id;
end $$;

/*
 * Before asking for the password (as private.signing_precheck, which it extends with
 * 'read_understood' and 'reviewed_no_change'): may the caller sign this version so at all?
 */
create or replace function private.signing_precheck(p_version_id uuid, p_meaning text)
returns table (org_id uuid, sop_id uuid, factors text[], signer_name text, signer_email text)
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v public.sop_versions := private.dc_version_for_caller(p_version_id);
  v_owner uuid;
begin
  if p_meaning is null or p_meaning not in ('authored', 'reviewed', 'approved', 'rejected', 'read_understood', 'reviewed_no_change') then
    raise exception 'The meaning of a signature is authored, reviewed, approved, rejected, read_understood or reviewed_no_change.' using errcode = 'DC422';
  end if;
  if p_meaning in ('authored', 'reviewed', 'approved', 'rejected')
     and not private.can(v.org_id, case when p_meaning = 'authored' then 'sops.edit' else 'sops.approve' end) then
    raise exception 'Your role cannot % SOPs in this organization.', case when p_meaning = 'authored' then 'submit' else 'review or approve' end
      using errcode = 'DC403';
  end if;
  if p_meaning = 'reviewed_no_change' then
    select s.owner_id into v_owner from public.sops s where s.id = v.sop_id;
    if not (private.can(v.org_id, 'sops.control') or v_owner = v_uid) then
      raise exception 'Only the SOP''s owner, an owner or an admin can sign its periodic review.' using errcode = 'DC403';
    end if;
  end if;
  if not exists (select 1 from public.profiles p where p.id = v_uid and btrim(p.full_name) <> '') then
    raise exception 'Add your full name to your profile before signing: it is printed with your signature.' using errcode = 'DC422';
  end if;
  perform private.dc_assert_unlocked(v_uid);
  if p_meaning = 'authored' then
    perform private.dc_assert_submittable(p_version_id);
  elsif p_meaning in ('read_understood', 'reviewed_no_change') then
    if private.dc_state(p_version_id) <> 'effective' then
      raise exception 'Only the effective version of a SOP is acknowledged or reviewed.' using errcode = 'DC409';
    end if;
    if p_meaning = 'read_understood' and not exists (select 1 from private.my_open_training_tasks(v.sop_id)) then
      raise exception 'You have nothing to acknowledge for this SOP: you are not assigned to it, or you have already read this revision.' using errcode = 'DC409';
    end if;
    if p_meaning = 'reviewed_no_change' and exists (select 1 from public.sops s where s.id = v.sop_id and s.review_exempt_reason is not null) then
      raise exception 'This SOP is exempt from periodic review.' using errcode = 'DC409';
    end if;
  else
    perform private.dc_assert_may_sign(p_version_id, p_meaning, v_uid);
  end if;
  return query
    select v.org_id, v.sop_id, private.signing_factors(v.org_id, v_uid), coalesce(btrim(p.full_name), ''), coalesce(u.email, '')::text
    from auth.users u left join public.profiles p on p.id = u.id
    where u.id = v_uid;
end $$;

/* ---------------------------------------------------------------- audit of training records */

create or replace function private.training_audit_row() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare v_task public.training_tasks;
begin
  case tg_table_name
    when 'training_assignments' then
      if tg_op = 'DELETE' and not exists (select 1 from public.sops s where s.id = old.sop_id) then
        return null;
      end if;
      perform private.dc_audit(coalesce(new.org_id, old.org_id),
        case when tg_op = 'INSERT' then 'training.assigned' else 'training.unassigned' end,
        'training_assignments', coalesce(new.id, old.id),
        jsonb_build_object('sop_id', coalesce(new.sop_id, old.sop_id), 'kind', coalesce(new.kind, old.kind),
          'person', case when coalesce(new.user_id, old.user_id) is not null then private.dc_person(coalesce(new.user_id, old.user_id)) end,
          'role', coalesce(new.role, old.role), 'department', coalesce(new.department, old.department)));
    when 'training_tasks' then
      perform private.dc_audit(new.org_id, 'training.task_created', 'training_tasks', new.id,
        jsonb_build_object('sop_id', new.sop_id, 'version_id', new.version_id, 'major', new.major,
          'assignee', private.dc_person(new.assignee_id), 'reason', new.reason, 'due_at', new.due_at));
    when 'training_task_closures' then
      select * into v_task from public.training_tasks k where k.id = new.task_id;
      perform private.dc_audit(new.org_id, 'training.task_closed', 'training_tasks', new.task_id,
        jsonb_build_object('sop_id', v_task.sop_id, 'version_id', v_task.version_id, 'major', v_task.major,
          'assignee', private.dc_person(v_task.assignee_id), 'reason', new.reason));
  end case;
  return null;
end $$;

create trigger training_assignments_audit after insert or delete on public.training_assignments
  for each row execute function private.training_audit_row();
create trigger training_tasks_audit after insert on public.training_tasks
  for each row execute function private.training_audit_row();
create trigger training_task_closures_audit after insert on public.training_task_closures
  for each row execute function private.training_audit_row();
-- Acknowledgements are audited by their signature ('signature.signed', meaning read_understood).

/* Assignments take the org from their SOP and the creator from the session. */
create or replace function private.training_assignment_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  select s.org_id into new.org_id from public.sops s where s.id = new.sop_id;
  if new.org_id is null then
    raise exception 'No such SOP.' using errcode = 'DC404';
  end if;
  new.created_by := (select auth.uid());
  new.created_at := private.clock();
  new.department := nullif(btrim(coalesce(new.department, '')), '');
  if new.kind = 'person' and not exists (select 1 from public.memberships m where m.org_id = new.org_id and m.user_id = new.user_id) then
    raise exception 'Assign people who are members of this organization.' using errcode = 'DC422';
  end if;
  return new;
end $$;
create trigger training_assignments_before_insert before insert on public.training_assignments
  for each row execute function private.training_assignment_before_insert();

/* ---------------------------------------------------------------- RLS and grants */

do $$
declare t text;
begin
  foreach t in array array['sop_periodic_reviews', 'training_tasks', 'training_task_closures', 'training_acknowledgements'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from anon, authenticated, service_role, public', t);
    execute format('grant select on table public.%I to authenticated, service_role', t);
    execute format('create policy "%1$s: members read their organization''s records" on public.%1$I for select to authenticated using ((select private.is_member(org_id)))', t);
  end loop;
end $$;

alter table public.training_assignments enable row level security;
revoke all on table public.training_assignments from anon, authenticated, service_role, public;
grant select, delete on table public.training_assignments to authenticated, service_role;
grant insert (sop_id, kind, user_id, role, department) on table public.training_assignments to authenticated;
grant insert on table public.training_assignments to service_role;
create policy "training_assignments: members read" on public.training_assignments
  for select to authenticated using ((select private.is_member(org_id)));
create policy "training_assignments: document controllers assign" on public.training_assignments
  for insert to authenticated with check ((select private.can(org_id, 'sops.control')));
create policy "training_assignments: document controllers unassign" on public.training_assignments
  for delete to authenticated using ((select private.can(org_id, 'sops.control')));

alter table private.notices_sent enable row level security;
revoke all on table private.notices_sent from public, anon, authenticated;

revoke all on table public.sop_review_schedule, public.training_status from anon, authenticated, service_role, public;
grant select on table public.sop_review_schedule, public.training_status to authenticated, service_role;

do $$
declare f text;
begin
  foreach f in array array[
    'private.dc_effective(uuid)', 'private.training_assignees(uuid)',
    'private.training_sync(uuid, uuid)', 'private.training_sync_trigger()', 'private.training_audit_row()',
    'private.training_assignment_before_insert()', 'private.sop_for_review(uuid, text)', 'private.my_open_training_tasks(uuid)'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', f);
  end loop;
  foreach f in array array[
    'private.set_review_interval(uuid, integer, text)', 'private.confirm_periodic_review(uuid, text, text)',
    'private.acknowledge_sop(uuid, text)'
  ] loop
    execute format('revoke all on function %s from public, anon', f);
    execute format('grant execute on function %s to authenticated', f);
  end loop;
end $$;
grant execute on function private.training_sync(uuid, uuid) to service_role;
grant execute on function private.label_major(text) to authenticated, service_role; -- read by public.training_status
