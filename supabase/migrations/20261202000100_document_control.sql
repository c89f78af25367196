/*
 * Document control with 21 CFR Part 11 electronic signatures (issue 13): review, approval,
 * effective, superseded, obsolete. The database, not the application, enforces it.
 *
 * The model: nothing here is ever updated or deleted. Every fact is a new row, and the
 * current state is read from the newest one:
 *   sop_submissions   one routing round of one version: revision kind (major | minor), the
 *                     reason for change, the SHA-256 of the version's canonical content
 *                     (RFC 8785 JCS, computed by lib/document-control/canonical.ts), the
 *                     approval rule ("all" or "any N"), the requested effective date;
 *   sop_tasks         who is asked to review / approve in that round;
 *   sop_signatures    electronic signatures (authored, reviewed, approved, rejected; room for
 *                     read_understood, issue 15): signer id, printed name and email as they
 *                     were at signing, meaning, comment, time from the database clock, the
 *                     content hash, and how the signer re-authenticated;
 *   sop_transitions   the lifecycle: one row per state change of a version, with the reason
 *                     and the revision label (1.0, 1.1, 2.0 …) once approved;
 *   signing_failures  failed signing attempts (wrong password or code), per user;
 *   signing_lockouts  5 failures in 15 minutes lock signing for that user for 15 minutes.
 * Why append-only rather than a mutable state row per version: a trigger cannot tell a
 * security definer function from the service role (both run as the table owner), so a row
 * that functions may update is a row the service role may update. Rows that nobody may
 * update are immutable for every role without exception.
 *
 * Invariants (each enforced here; tests/db/document-control*.test.ts prove them):
 *   - A version's state moves only along these edges, checked by a trigger on
 *     sop_transitions for every role, service role included (21 CFR 11.10(f)):
 *       draft | withdrawn  -> in_review (reviewers chosen) | in_approval (no reviewers)
 *       in_review          -> in_approval (every reviewer signed) | rejected | withdrawn
 *       in_approval        -> approved (approval rule met) | rejected | withdrawn
 *       approved           -> effective (effective date reached) | withdrawn
 *       effective          -> superseded (another version became effective) | obsolete
 *     rejected, superseded and obsolete are final; a rejected version is revised as a new
 *     version. An obsolete SOP takes no new submission.
 *   - sop_versions rows stay immutable; a version is submitted as it is (no edit after
 *     submission exists to refuse).
 *   - At most one version of a SOP is in flight (in review, in approval or approved);
 *     exactly one is effective once one has been: making a version effective supersedes the
 *     previous one in the same transaction (trigger), a deferred constraint trigger checks it
     again at commit, and sops.effective_version_id names it.
 *   - Reviews complete before approvals open. The author (submitter or the version's author)
 *     never reviews, can never be the only approver, and their approval does not count
 *     toward N. Nobody signs the same round twice with the same meaning, and an approver
 *     gives one verdict (approved or rejected) per round.
 *   - A signature is made by the signed-in person only (signer = auth.uid(), never a
 *     parameter; the service role cannot sign), with a fresh re-authentication proven by the
 *     verified JWT claims (amr 'password' within private.signing_policy().reauth_window, and
 *     'totp' with aal2 when the signer has a verified TOTP factor), while not locked out,
 *     and over the content hash of its round (11.50, 11.70, 11.100, 11.200, 11.300).
 *   - Printed name and email are copied from profiles / auth.users inside the transaction;
 *     a signer without a full name cannot sign (the name is part of the manifestation).
 *   - Every submission, assignment, signature, transition, failed attempt and lockout writes
 *     an audit event from a trigger, in the same transaction, with old and new state and the
 *     reason (11.10(e)); the SOP's status change is audited by the existing sops trigger.
 *   - Transitions happen only through the security definer functions below (granted to
 *     authenticated) or the job (granted to service_role); API roles have select only.
 *
 * Refusals carry their own SQLSTATE so the app maps them without parsing messages; messages
 * are written for people and may be shown as they are:
 *   DC401  re-authentication missing or stale (DETAIL 'password' or 'totp': what to ask for)
 *   DC403  the caller's role or assignment does not allow this
 *   DC404  no such version / SOP in an organization the caller belongs to
 *   DC409  wrong state or order (e.g. approval before review, a second signature)
 *   DC422  bad input (missing reason or comment, invalid routing, no printed name)
 *   DC423  signing locked after repeated failures (DETAIL: locked until, ISO 8601 UTC)
 *
 * Time: everything here reads private.clock(), which is clock_timestamp(). Tests move time
 * by replacing private.clock() in their own throwaway database (tests/db/document-control
 * helpers); nothing in the application can shift it.
 */

/* ---------------------------------------------------------------- vocabulary */

-- The SOP-level word is "obsolete" (the issue's and the eQMS word); "retired" was never used.
alter type public.sop_status rename value 'retired' to 'obsolete';

create type public.version_state as enum (
  'draft', 'in_review', 'in_approval', 'approved', 'effective', 'superseded', 'rejected', 'withdrawn', 'obsolete'
);

-- The SOP's effective version (cache of the transitions, kept by their trigger).
alter table public.sops
  add column effective_version_id uuid references public.sop_versions (id) deferrable initially deferred;
create index sops_effective_version_idx on public.sops (effective_version_id) where effective_version_id is not null;

/* The permission table, as lib/orgs/permissions.ts: sops.control is new (document control). */
create or replace function private.role_can(p_role public.member_role, p_permission text) returns boolean
  language sql immutable set search_path = ''
as $$
  select case p_permission
    when 'org.read'          then true
    when 'org.update'        then p_role in ('owner', 'admin')
    when 'members.read'      then true
    when 'members.manage'    then p_role in ('owner', 'admin')
    when 'invites.manage'    then p_role in ('owner', 'admin')
    when 'ownership.transfer' then p_role = 'owner'
    when 'billing.manage'    then p_role in ('owner', 'admin')
    when 'sops.read'         then true
    when 'sops.edit'         then p_role in ('owner', 'admin', 'author')
    when 'sops.approve'      then p_role in ('owner', 'admin', 'approver')
    when 'sops.control'      then p_role in ('owner', 'admin')
    when 'audit.read'        then p_role in ('owner', 'admin', 'approver')
    else false
  end
$$;

/* ---------------------------------------------------------------- constants and clock */

create or replace function private.clock() returns timestamptz
  language plpgsql volatile set search_path = ''
as $$
begin
  return clock_timestamp();
end $$;

/* The one place the signing rules' numbers live. */
create or replace function private.signing_policy(
  out reauth_window interval, out max_failures integer, out failure_window interval, out lockout interval)
  language sql immutable set search_path = ''
as $$
  select interval '2 minutes', 5, interval '15 minutes', interval '15 minutes'
$$;

/*
 * The factors a signer must present: the password always, and TOTP when they have a verified
 * factor. "Require TOTP at signing for everyone" becomes one org setting by adding
 * `or <org setting>` to the condition (users without a factor are then told to enroll).
 */
create or replace function private.signing_factors(p_org uuid, p_user uuid) returns text[]
  language sql stable security definer set search_path = ''
as $$
  select case
    when exists (
      select 1 from auth.mfa_factors f
      where f.user_id = p_user and f.status = 'verified' and f.factor_type = 'totp'
    ) then array['password', 'totp']
    else array['password']
  end
$$;

/* ---------------------------------------------------------------- tables */

create table public.sop_submissions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  round integer not null check (round >= 1),
  submitted_by uuid not null,
  revision_kind text not null check (revision_kind in ('major', 'minor')),
  reason text not null check (char_length(btrim(reason)) between 1 and 2000),
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  approval_rule text not null check (approval_rule in ('all', 'any')),
  approvals_required integer not null check (approvals_required between 1 and 50),
  effective_from timestamptz,
  created_at timestamptz not null default clock_timestamp(),
  unique (version_id, round)
);
create index sop_submissions_org_idx on public.sop_submissions (org_id);
create index sop_submissions_sop_idx on public.sop_submissions (sop_id);
comment on table public.sop_submissions is 'One routing round of one SOP version (append-only). Written by private.submit_version().';

create table public.sop_tasks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  submission_id uuid not null references public.sop_submissions (id) on delete restrict,
  step text not null check (step in ('review', 'approval')),
  assignee_id uuid not null,
  created_at timestamptz not null default clock_timestamp(),
  unique (submission_id, step, assignee_id)
);
create index sop_tasks_org_idx on public.sop_tasks (org_id);
create index sop_tasks_assignee_idx on public.sop_tasks (assignee_id, created_at desc);
comment on table public.sop_tasks is 'Who is asked to review or approve in a round (append-only); done = their signature exists.';

create table public.sop_signatures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  submission_id uuid references public.sop_submissions (id) on delete restrict,
  -- No foreign key to auth.users: signatures outlive their signers (uuids are never reused).
  signer_id uuid not null,
  signer_name text not null check (char_length(signer_name) between 1 and 200),
  signer_email text not null check (char_length(signer_email) <= 255),
  meaning text not null check (meaning in ('authored', 'reviewed', 'approved', 'rejected', 'read_understood')),
  comment text not null default '' check (char_length(comment) <= 2000),
  content_hash text not null check (content_hash ~ '^[0-9a-f]{64}$'),
  auth_method text not null check (auth_method in ('password', 'password+totp')),
  signed_at timestamptz not null default clock_timestamp(),
  check ((meaning = 'read_understood') = (submission_id is null)),
  check (meaning <> 'rejected' or char_length(btrim(comment)) > 0)
);
create index sop_signatures_org_idx on public.sop_signatures (org_id);
create index sop_signatures_version_idx on public.sop_signatures (version_id, signed_at);
create unique index sop_signatures_once_per_meaning on public.sop_signatures (submission_id, signer_id, meaning);
create unique index sop_signatures_one_verdict on public.sop_signatures (submission_id, signer_id)
  where meaning in ('approved', 'rejected');
comment on table public.sop_signatures is 'Electronic signatures (21 CFR 11.50/11.70), append-only for every role.';

create table public.sop_transitions (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  org_id uuid not null references public.organizations (id) on delete restrict,
  sop_id uuid not null references public.sops (id) on delete restrict,
  -- null only for making a SOP obsolete that never had an effective version
  version_id uuid references public.sop_versions (id) on delete restrict,
  submission_id uuid references public.sop_submissions (id) on delete restrict,
  from_state public.version_state,
  to_state public.version_state not null,
  label text not null default '' check (label ~ '^([0-9]{1,4}\.[0-9]{1,4})?$'),
  reason text not null default '' check (char_length(reason) <= 2000),
  actor_id uuid,
  created_at timestamptz not null default clock_timestamp()
);
create index sop_transitions_org_idx on public.sop_transitions (org_id);
create index sop_transitions_version_idx on public.sop_transitions (version_id, seq desc);
create index sop_transitions_sop_idx on public.sop_transitions (sop_id, seq desc);
create index sop_transitions_approved_idx on public.sop_transitions (submission_id) where to_state = 'approved';
comment on table public.sop_transitions is 'The lifecycle of SOP versions: one row per state change (append-only); the newest row is the state.';

create table public.signing_failures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  user_id uuid not null,
  version_id uuid not null references public.sop_versions (id) on delete restrict,
  method text not null check (method in ('password', 'totp')),
  attempted_at timestamptz not null default clock_timestamp()
);
create index signing_failures_org_idx on public.signing_failures (org_id);
create index signing_failures_user_idx on public.signing_failures (user_id, attempted_at desc);

create table public.signing_lockouts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete restrict,
  user_id uuid not null,
  failures integer not null check (failures >= 1),
  locked_at timestamptz not null default clock_timestamp(),
  locked_until timestamptz not null
);
create index signing_lockouts_org_idx on public.signing_lockouts (org_id);
create index signing_lockouts_user_idx on public.signing_lockouts (user_id, locked_until desc);

/* ---------------------------------------------------------------- append-only, every role */

create or replace function private.dc_append_only() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, lower(tg_op) using errcode = '42501';
end $$;

do $$
declare t text;
begin
  foreach t in array array['sop_submissions', 'sop_tasks', 'sop_signatures', 'sop_transitions', 'signing_failures', 'signing_lockouts'] loop
    execute format('create trigger %1$s_append_only before update or delete on public.%1$I for each row execute function private.dc_append_only()', t);
    execute format('create trigger %1$s_no_truncate before truncate on public.%1$I for each statement execute function private.dc_append_only()', t);
  end loop;
end $$;

/* ---------------------------------------------------------------- reading the state */

create or replace function private.dc_state(p_version uuid) returns public.version_state
  language sql stable security definer set search_path = ''
as $$
  select coalesce(
    (select t.to_state from public.sop_transitions t where t.version_id = p_version order by t.seq desc limit 1),
    'draft'::public.version_state)
$$;

create or replace function private.dc_submission(p_version uuid) returns public.sop_submissions
  language sql stable security definer set search_path = ''
as $$
  select s.* from public.sop_submissions s where s.version_id = p_version order by s.round desc limit 1
$$;

/* The current state of every version of a SOP that has one. */
create or replace function private.dc_version_states(p_sop uuid)
returns table (version_id uuid, state public.version_state, label text)
  language sql stable security definer set search_path = ''
as $$
  select distinct on (t.version_id) t.version_id, t.to_state, t.label
  from public.sop_transitions t
  where t.sop_id = p_sop and t.version_id is not null
  order by t.version_id, t.seq desc
$$;

create or replace function private.dc_sop_obsolete(p_sop uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select exists (select 1 from public.sop_transitions t where t.sop_id = p_sop and t.to_state = 'obsolete')
$$;

create or replace function private.dc_sop_status(p_sop uuid) returns public.sop_status
  language sql stable security definer set search_path = ''
as $$
  select case
    when private.dc_sop_obsolete(p_sop) then 'obsolete'
    when exists (select 1 from private.dc_version_states(p_sop) s where s.state = 'effective') then 'effective'
    when exists (select 1 from private.dc_version_states(p_sop) s where s.state = 'approved') then 'approved'
    when exists (select 1 from private.dc_version_states(p_sop) s where s.state in ('in_review', 'in_approval')) then 'in_review'
    else 'draft'
  end::public.sop_status
$$;

/* "Authors" for separation of duties: whoever submitted the round and whoever saved the version. */
create or replace function private.dc_is_author(p_submission uuid, p_user uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1 from public.sop_submissions s join public.sop_versions v on v.id = s.version_id
    where s.id = p_submission and (s.submitted_by = p_user or v.author_id = p_user)
  )
$$;

create or replace function private.dc_reviews_complete(p_submission uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select not exists (
    select 1 from public.sop_tasks t
    where t.submission_id = p_submission and t.step = 'review'
      and not exists (
        select 1 from public.sop_signatures g
        where g.submission_id = p_submission and g.signer_id = t.assignee_id and g.meaning = 'reviewed'
      )
  )
$$;

/* Rule 'all': every approver signed and the non-author approvals reach N; 'any': N non-author approvals. */
create or replace function private.dc_approvals_complete(p_submission uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  with a as (
    select private.dc_is_author(p_submission, t.assignee_id) as is_author,
           exists (
             select 1 from public.sop_signatures g
             where g.submission_id = p_submission and g.signer_id = t.assignee_id and g.meaning = 'approved'
           ) as signed
    from public.sop_tasks t
    where t.submission_id = p_submission and t.step = 'approval'
  )
  select coalesce((
    select (s.approval_rule = 'any' or bool_and(a.signed))
           and count(*) filter (where a.signed and not a.is_author) >= s.approvals_required
    from public.sop_submissions s, a
    where s.id = p_submission
    group by s.approval_rule, s.approvals_required
  ), false)
$$;

/* The label a version gets when approved: from the SOP's latest effective revision. */
create or replace function private.dc_next_label(p_sop uuid, p_kind text) returns text
  language sql stable security definer set search_path = ''
as $$
  with base as (
    select split_part(t.label, '.', 1)::int as major, split_part(t.label, '.', 2)::int as minor
    from public.sop_transitions t
    where t.sop_id = p_sop and t.to_state = 'effective' and t.label <> ''
    order by t.seq desc limit 1
  )
  select coalesce(
    (select case when p_kind = 'major' then (major + 1) || '.0' else major || '.' || (minor + 1) end from base),
    '1.0')
$$;

/* ---------------------------------------------------------------- audit */

create or replace function private.dc_audit(p_org uuid, p_action text, p_target_type text, p_target_id uuid, p_data jsonb, p_reason text default '')
returns void
  language sql volatile security definer set search_path = ''
as $$
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data, reason)
  values (p_org, (select auth.uid()), coalesce((select auth.email()), ''), p_action, p_target_type, coalesce(p_target_id::text, ''),
          coalesce(p_data, '{}'::jsonb), coalesce(p_reason, ''))
$$;

create or replace function private.dc_person(p_user uuid) returns jsonb
  language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('id', p_user, 'name', coalesce(p.full_name, ''), 'email', coalesce(u.email, p.email, ''))
  from (select p_user as id) x
  left join public.profiles p on p.id = x.id
  left join auth.users u on u.id = x.id
$$;

/* ---------------------------------------------------------------- signing checks */

create or replace function private.dc_assert_unlocked(p_user uuid) returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare v_until timestamptz;
begin
  select max(l.locked_until) into v_until
  from public.signing_lockouts l
  where l.user_id = p_user and l.locked_until > private.clock();
  if v_until is not null then
    raise exception 'Signing is locked after repeated failed attempts. Try again after % UTC; the organization''s owners have been told.',
      to_char(v_until at time zone 'UTC', 'YYYY-MM-DD HH24:MI')
      using errcode = 'DC423', detail = to_char(v_until at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"');
  end if;
end $$;

/*
 * The re-authentication the verified JWT claims prove: an amr entry 'password' whose
 * timestamp is within the window, plus 'totp' and aal2 when the signer needs TOTP.
 * Returns the method to record ('password' or 'password+totp').
 */
create or replace function private.dc_reauthenticated(p_org uuid) returns text
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_claims jsonb := coalesce((select auth.jwt()), '{}'::jsonb);
  v_now timestamptz := private.clock();
  v_window interval := (private.signing_policy()).reauth_window;
  v_needs text[] := private.signing_factors(p_org, (select auth.uid()));
  v_fresh text[];
begin
  select coalesce(array_agg(distinct e ->> 'method'), '{}') into v_fresh
  from jsonb_array_elements(case when jsonb_typeof(v_claims -> 'amr') = 'array' then v_claims -> 'amr' else '[]'::jsonb end) e
  where jsonb_typeof(e) = 'object' and jsonb_typeof(e -> 'timestamp') = 'number'
    and to_timestamp((e ->> 'timestamp')::double precision) between v_now - v_window and v_now + v_window;
  if not ('password' = any (v_fresh)) then
    raise exception 'Signing needs your password, entered for this signature.' using errcode = 'DC401', detail = 'password';
  end if;
  if 'totp' = any (v_needs) and (not ('totp' = any (v_fresh)) or coalesce(v_claims ->> 'aal', '') <> 'aal2') then
    raise exception 'Signing needs the code from your authenticator app as well as your password.' using errcode = 'DC401', detail = 'totp';
  end if;
  return array_to_string(v_needs, '+');
end $$;

/* The version can start a new round: draft or withdrawn, complete, SOP not obsolete, nothing else in flight. */
create or replace function private.dc_assert_submittable(p_version uuid) returns void
  language plpgsql stable security definer set search_path = ''
as $$
declare
  v_sop uuid;
  v_complete boolean;
  v_state public.version_state := private.dc_state(p_version);
begin
  select v.sop_id, v.complete into v_sop, v_complete from public.sop_versions v where v.id = p_version;
  if private.dc_sop_obsolete(v_sop) then
    raise exception 'This SOP is obsolete: it takes no new revisions.' using errcode = 'DC409';
  end if;
  if v_state not in ('draft', 'withdrawn') then
    raise exception 'This version is %: only a draft or a withdrawn version can be submitted.', replace(v_state::text, '_', ' ') using errcode = 'DC409';
  end if;
  if not v_complete then
    raise exception 'This version is an incomplete draft: save a complete version and submit that.' using errcode = 'DC409';
  end if;
  if exists (select 1 from private.dc_version_states(v_sop) s where s.version_id <> p_version and s.state in ('in_review', 'in_approval', 'approved')) then
    raise exception 'Another version of this SOP is already in review or approved: it must become effective or be withdrawn first.' using errcode = 'DC409';
  end if;
end $$;

/*
 * May p_user sign p_version with this meaning now (state, assignment, not signed yet)?
 * Returns the round it belongs to. 'authored' is checked by the signature trigger itself.
 */
create or replace function private.dc_assert_may_sign(p_version uuid, p_meaning text, p_user uuid) returns public.sop_submissions
  language plpgsql stable security definer set search_path = ''
as $$
declare
  v_state public.version_state := private.dc_state(p_version);
  v_sub public.sop_submissions := private.dc_submission(p_version);
  v_step text;
begin
  if p_meaning = 'reviewed' and v_state <> 'in_review' then
    raise exception 'This version is %: reviews are signed while it is in review.', replace(v_state::text, '_', ' ') using errcode = 'DC409';
  elsif p_meaning = 'approved' and v_state = 'in_review' then
    raise exception 'Approvals open once every reviewer has signed; this version is still in review.' using errcode = 'DC409';
  elsif p_meaning = 'approved' and v_state <> 'in_approval' then
    raise exception 'This version is %: approvals are signed while it is in approval.', replace(v_state::text, '_', ' ') using errcode = 'DC409';
  elsif p_meaning = 'rejected' and v_state not in ('in_review', 'in_approval') then
    raise exception 'This version is %: only a version in review or in approval can be rejected.', replace(v_state::text, '_', ' ') using errcode = 'DC409';
  end if;
  v_step := case when p_meaning = 'reviewed' or v_state = 'in_review' then 'review' else 'approval' end;
  if not exists (select 1 from public.sop_tasks t where t.submission_id = v_sub.id and t.step = v_step and t.assignee_id = p_user) then
    raise exception 'You are not asked to % this version.', case v_step when 'review' then 'review' else 'approve' end using errcode = 'DC403';
  end if;
  if exists (select 1 from public.sop_signatures g where g.submission_id = v_sub.id and g.signer_id = p_user and g.meaning = p_meaning) then
    raise exception 'You have already signed this version as %.', p_meaning using errcode = 'DC409';
  end if;
  if p_meaning in ('approved', 'rejected') and exists (
    select 1 from public.sop_signatures g where g.submission_id = v_sub.id and g.signer_id = p_user and g.meaning in ('approved', 'rejected')
  ) then
    raise exception 'You have already given your verdict on this version.' using errcode = 'DC409';
  end if;
  return v_sub;
end $$;

/* ---------------------------------------------------------------- row triggers */

create or replace function private.dc_submission_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  select v.org_id, v.sop_id into new.org_id, new.sop_id from public.sop_versions v where v.id = new.version_id;
  if new.org_id is null then
    raise exception 'No such version.' using errcode = 'DC404';
  end if;
  new.submitted_by := (select auth.uid());
  if new.submitted_by is null then
    raise exception 'A version is submitted by a signed-in person.' using errcode = 'DC403';
  end if;
  perform private.dc_assert_submittable(new.version_id);
  select coalesce(max(s.round), 0) + 1 into new.round from public.sop_submissions s where s.version_id = new.version_id;
  new.reason := btrim(new.reason);
  new.created_at := private.clock();
  return new;
end $$;
create trigger sop_submissions_before_insert before insert on public.sop_submissions
  for each row execute function private.dc_submission_before_insert();

create or replace function private.dc_task_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare v_sub public.sop_submissions;
begin
  select * into v_sub from public.sop_submissions s where s.id = new.submission_id;
  if v_sub.id is null or v_sub.id is distinct from (private.dc_submission(v_sub.version_id)).id
     or exists (select 1 from public.sop_transitions t where t.submission_id = v_sub.id) then
    raise exception 'Reviewers and approvers are chosen when a version is submitted.' using errcode = 'DC409';
  end if;
  new.org_id := v_sub.org_id;
  new.sop_id := v_sub.sop_id;
  new.version_id := v_sub.version_id;
  new.created_at := private.clock();
  return new;
end $$;
create trigger sop_tasks_before_insert before insert on public.sop_tasks
  for each row execute function private.dc_task_before_insert();

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
  if new.meaning = 'read_understood' then
    raise exception 'Read-and-understood signatures are not taken yet.' using errcode = 'DC409';
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
create trigger sop_signatures_before_insert before insert on public.sop_signatures
  for each row execute function private.dc_signature_before_insert();

/* Sequencing (11.10(f)) for every role: the edge must exist and its precondition must hold. */
create or replace function private.dc_transition_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_sub public.sop_submissions;
  v_fresh boolean;
begin
  if new.version_id is not null then
    select v.org_id, v.sop_id into new.org_id, new.sop_id from public.sop_versions v where v.id = new.version_id;
    if new.org_id is null then
      raise exception 'No such version.' using errcode = 'DC404';
    end if;
    new.from_state := private.dc_state(new.version_id);
    v_sub := private.dc_submission(new.version_id);
    new.submission_id := v_sub.id;
  else
    select s.org_id into new.org_id from public.sops s where s.id = new.sop_id;
    if new.org_id is null then
      raise exception 'No such SOP.' using errcode = 'DC404';
    end if;
    new.from_state := null;
    new.submission_id := null;
  end if;
  perform 1 from public.sops s where s.id = new.sop_id for update;
  new.actor_id := (select auth.uid());
  new.reason := btrim(coalesce(new.reason, ''));
  new.created_at := private.clock();

  if new.version_id is null and new.to_state <> 'obsolete' then
    raise exception 'Only making a SOP obsolete is a change of the SOP rather than of one of its versions.' using errcode = 'DC409';
  elsif new.version_id is not null and (new.from_state, new.to_state) not in (
       ('draft', 'in_review'), ('draft', 'in_approval'), ('withdrawn', 'in_review'), ('withdrawn', 'in_approval'),
       ('in_review', 'in_approval'), ('in_review', 'rejected'), ('in_review', 'withdrawn'),
       ('in_approval', 'approved'), ('in_approval', 'rejected'), ('in_approval', 'withdrawn'),
       ('approved', 'effective'), ('approved', 'withdrawn'),
       ('effective', 'superseded'), ('effective', 'obsolete')) then
    raise exception 'A version that is % cannot become %.', replace(coalesce(new.from_state::text, 'none'), '_', ' '), replace(new.to_state::text, '_', ' ')
      using errcode = 'DC409';
  end if;

  v_fresh := v_sub.id is not null and not exists (select 1 from public.sop_transitions t where t.submission_id = v_sub.id);
  case
    when new.from_state in ('draft', 'withdrawn') then
      if not v_fresh or not exists (select 1 from public.sop_signatures g where g.submission_id = v_sub.id and g.meaning = 'authored') then
        raise exception 'A version enters review through a submission signed by its author.' using errcode = 'DC409';
      end if;
      if not exists (select 1 from public.sop_tasks t where t.submission_id = v_sub.id and t.step = 'approval') then
        raise exception 'A submission needs at least one approver.' using errcode = 'DC409';
      end if;
      if (new.to_state = 'in_review') <> exists (select 1 from public.sop_tasks t where t.submission_id = v_sub.id and t.step = 'review') then
        raise exception 'A submission with reviewers starts in review; one without starts in approval.' using errcode = 'DC409';
      end if;
    when new.to_state = 'in_approval' then
      if not private.dc_reviews_complete(v_sub.id) then
        raise exception 'Approvals open once every reviewer has signed.' using errcode = 'DC409';
      end if;
    when new.to_state = 'approved' then
      if not private.dc_approvals_complete(v_sub.id) then
        raise exception 'This version does not have every required approval yet.' using errcode = 'DC409';
      end if;
      new.label := private.dc_next_label(new.sop_id, v_sub.revision_kind);
    when new.to_state = 'effective' then
      if v_sub.effective_from is not null and v_sub.effective_from > new.created_at then
        raise exception 'This version becomes effective on % UTC, not before.', to_char(v_sub.effective_from at time zone 'UTC', 'YYYY-MM-DD HH24:MI')
          using errcode = 'DC409';
      end if;
    when new.to_state = 'rejected' then
      if not exists (select 1 from public.sop_signatures g where g.submission_id = v_sub.id and g.meaning = 'rejected') then
        raise exception 'A version is rejected by a reviewer''s or approver''s signed rejection.' using errcode = 'DC409';
      end if;
    when new.to_state = 'superseded' then
      if not exists (select 1 from private.dc_version_states(new.sop_id) s where s.version_id <> new.version_id and s.state = 'effective') then
        raise exception 'A version is superseded only by another version becoming effective.' using errcode = 'DC409';
      end if;
    when new.to_state = 'obsolete' then
      if private.dc_sop_obsolete(new.sop_id) then
        raise exception 'This SOP is already obsolete.' using errcode = 'DC409';
      end if;
      if exists (select 1 from private.dc_version_states(new.sop_id) s where s.state in ('in_review', 'in_approval', 'approved')) then
        raise exception 'A version of this SOP is in review or approved: withdraw it before making the SOP obsolete.' using errcode = 'DC409';
      end if;
      if new.version_id is null and exists (select 1 from private.dc_version_states(new.sop_id) s where s.state = 'effective') then
        raise exception 'Make the effective version obsolete, not the SOP beside it.' using errcode = 'DC409';
      end if;
    else
      null;
  end case;
  if new.to_state in ('withdrawn', 'rejected', 'obsolete') and new.reason = '' then
    raise exception 'A reason is required to make a version %.', new.to_state using errcode = 'DC422';
  end if;
  if new.to_state in ('effective', 'superseded', 'obsolete') and new.version_id is not null then
    select s.label into new.label from private.dc_version_states(new.sop_id) s where s.version_id = new.version_id;
  end if;
  return new;
end $$;
create trigger sop_transitions_before_insert before insert on public.sop_transitions
  for each row execute function private.dc_transition_before_insert();

/* After a transition: supersede the previous effective version, refresh the SOP's cache, audit. */
create or replace function private.dc_transition_after_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  r record;
  v_status public.sop_status;
  v_effective uuid;
begin
  perform private.dc_audit(new.org_id,
    case when new.version_id is null then 'sop.obsoleted' else 'sop.version_' || new.to_state::text end,
    case when new.version_id is null then 'sops' else 'sop_versions' end,
    coalesce(new.version_id, new.sop_id),
    jsonb_build_object('sop_id', new.sop_id, 'version_id', new.version_id, 'submission_id', new.submission_id,
      'transition_id', new.id, 'label', nullif(new.label, ''),
      'old', jsonb_build_object('state', new.from_state), 'new', jsonb_build_object('state', new.to_state)),
    new.reason);
  if new.to_state = 'effective' then
    for r in select s.version_id from private.dc_version_states(new.sop_id) s where s.state = 'effective' and s.version_id <> new.version_id loop
      insert into public.sop_transitions (sop_id, version_id, to_state, reason)
      values (new.sop_id, r.version_id, 'superseded', 'Superseded by revision ' || new.label);
    end loop;
  end if;
  v_status := private.dc_sop_status(new.sop_id);
  select s.version_id into v_effective from private.dc_version_states(new.sop_id) s where s.state = 'effective';
  update public.sops s set status = v_status, effective_version_id = v_effective
  where s.id = new.sop_id and (s.status is distinct from v_status or s.effective_version_id is distinct from v_effective);
  return null;
end $$;
create trigger sop_transitions_after_insert after insert on public.sop_transitions
  for each row execute function private.dc_transition_after_insert();

/* At commit, whatever wrote the transitions: a SOP never has two effective versions. */
create or replace function private.dc_one_effective() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if (select count(*) from private.dc_version_states(new.sop_id) s where s.state = 'effective') > 1 then
    raise exception 'A SOP has exactly one effective version.' using errcode = 'DC409';
  end if;
  return null;
end $$;
create constraint trigger sop_transitions_one_effective after insert on public.sop_transitions
  deferrable initially deferred for each row when (new.to_state = 'effective')
  execute function private.dc_one_effective();

create or replace function private.dc_audit_row() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  case tg_table_name
    when 'sop_submissions' then
      perform private.dc_audit(new.org_id, 'sop.version_submitted', 'sop_versions', new.version_id,
        jsonb_build_object('sop_id', new.sop_id, 'submission_id', new.id, 'round', new.round,
          'revision_kind', new.revision_kind, 'approval_rule', new.approval_rule,
          'approvals_required', new.approvals_required, 'effective_from', new.effective_from,
          'content_hash', new.content_hash),
        new.reason);
    when 'sop_tasks' then
      perform private.dc_audit(new.org_id, 'sop.task_assigned', 'sop_tasks', new.id,
        jsonb_build_object('sop_id', new.sop_id, 'version_id', new.version_id, 'submission_id', new.submission_id,
          'step', new.step, 'assignee', private.dc_person(new.assignee_id)));
    when 'sop_signatures' then
      perform private.dc_audit(new.org_id, 'signature.signed', 'sop_signatures', new.id,
        jsonb_build_object('sop_id', new.sop_id, 'version_id', new.version_id, 'submission_id', new.submission_id,
          'meaning', new.meaning, 'signer', jsonb_build_object('id', new.signer_id, 'name', new.signer_name, 'email', new.signer_email),
          'signed_at', new.signed_at, 'content_hash', new.content_hash, 'auth_method', new.auth_method),
        new.comment);
    when 'signing_failures' then
      perform private.dc_audit(new.org_id, 'signature.failed', 'sop_versions', new.version_id,
        jsonb_build_object('user', private.dc_person(new.user_id), 'method', new.method, 'attempted_at', new.attempted_at));
    when 'signing_lockouts' then
      perform private.dc_audit(new.org_id, 'signature.locked', 'signing_lockouts', new.id,
        jsonb_build_object('user', private.dc_person(new.user_id), 'failures', new.failures,
          'locked_at', new.locked_at, 'locked_until', new.locked_until));
  end case;
  return null;
end $$;

create trigger sop_submissions_audit after insert on public.sop_submissions for each row execute function private.dc_audit_row();
create trigger sop_tasks_audit after insert on public.sop_tasks for each row execute function private.dc_audit_row();
create trigger sop_signatures_audit after insert on public.sop_signatures for each row execute function private.dc_audit_row();
create trigger signing_failures_audit after insert on public.signing_failures for each row execute function private.dc_audit_row();
create trigger signing_lockouts_audit after insert on public.signing_lockouts for each row execute function private.dc_audit_row();

create or replace function private.dc_failure_before_insert() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if tg_table_name = 'signing_failures' then
    new.attempted_at := private.clock();
  else
    new.locked_at := private.clock();
    new.locked_until := new.locked_at + (private.signing_policy()).lockout;
  end if;
  return new;
end $$;
create trigger signing_failures_before_insert before insert on public.signing_failures
  for each row execute function private.dc_failure_before_insert();
create trigger signing_lockouts_before_insert before insert on public.signing_lockouts
  for each row execute function private.dc_failure_before_insert();

/* ---------------------------------------------------------------- the API: transitions */

/* The version, if the caller is a member of its organization; else DC404. Locks its SOP. */
create or replace function private.dc_version_for_caller(p_version uuid) returns public.sop_versions
  language plpgsql volatile security definer set search_path = ''
as $$
declare v public.sop_versions;
begin
  select * into v from public.sop_versions x where x.id = p_version;
  if v.id is null or not private.is_member(v.org_id) then
    raise exception 'No such version in your organizations.' using errcode = 'DC404';
  end if;
  perform 1 from public.sops s where s.id = v.sop_id for update;
  return v;
end $$;

/*
 * Submit a version for review and approval, signing it as its author. Reviewers and
 * approvers must be members whose role has sops.approve; the author may not review, may
 * approve only beside someone else, and does not count toward N. p_approvals_required is N
 * for rule 'any' (null means 1) and ignored for 'all'. Returns the submission id.
 */
create or replace function private.submit_version(
  p_version_id uuid, p_revision_kind text, p_reason text, p_content_hash text,
  p_reviewers uuid[], p_approvers uuid[], p_approval_rule text default 'all',
  p_approvals_required integer default null, p_effective_from timestamptz default null)
returns uuid
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v public.sop_versions := private.dc_version_for_caller(p_version_id);
  v_reviewers uuid[] := array(select distinct x from unnest(coalesce(p_reviewers, '{}')) x where x is not null);
  v_approvers uuid[] := array(select distinct x from unnest(coalesce(p_approvers, '{}')) x where x is not null);
  v_bad integer;
  v_others integer;
  v_required integer;
  v_sub uuid;
begin
  if not private.can(v.org_id, 'sops.edit') then
    raise exception 'Your role cannot submit SOPs for approval in this organization.' using errcode = 'DC403';
  end if;
  perform private.dc_assert_unlocked(v_uid);
  perform private.dc_reauthenticated(v.org_id);
  if p_revision_kind is null or p_revision_kind not in ('major', 'minor') then
    raise exception 'Choose a major or a minor revision.' using errcode = 'DC422';
  end if;
  if char_length(btrim(coalesce(p_reason, ''))) not between 1 and 2000 then
    raise exception 'Give the reason for change (up to 2000 characters): it goes into the revision history and the audit trail.' using errcode = 'DC422';
  end if;
  if p_content_hash is null or p_content_hash !~ '^[0-9a-f]{64}$' then
    raise exception 'The content hash must be 64 lowercase hex digits (SHA-256).' using errcode = 'DC422';
  end if;
  if coalesce(p_approval_rule, '') not in ('all', 'any') then
    raise exception 'The approval rule is "all" or "any".' using errcode = 'DC422';
  end if;
  if cardinality(v_reviewers) > 20 or cardinality(v_approvers) > 20 then
    raise exception 'At most 20 reviewers and 20 approvers.' using errcode = 'DC422';
  end if;
  select count(*) into v_bad
  from unnest(v_reviewers || v_approvers) x
  where not exists (
    select 1 from public.memberships m join public.profiles p on p.id = m.user_id and p.deleted_at is null
    where m.org_id = v.org_id and m.user_id = x and private.role_can(m.role, 'sops.approve')
  );
  if v_bad > 0 then
    raise exception 'Reviewers and approvers must be members of this organization whose role may approve SOPs.' using errcode = 'DC422';
  end if;
  if v_uid = any (v_reviewers) or v.author_id = any (v_reviewers) then
    raise exception 'The author cannot review their own version.' using errcode = 'DC422';
  end if;
  select count(*) into v_others from unnest(v_approvers) x where x <> v_uid and x is distinct from v.author_id;
  if v_others = 0 then
    raise exception 'Choose at least one approver other than the author: the author can never be the only approver.' using errcode = 'DC422';
  end if;
  v_required := case when p_approval_rule = 'all' then v_others else coalesce(p_approvals_required, 1) end;
  if v_required < 1 or v_required > v_others then
    raise exception 'N must be between 1 and the number of approvers other than the author (%).', v_others using errcode = 'DC422';
  end if;

  insert into public.sop_submissions (version_id, revision_kind, reason, content_hash, approval_rule, approvals_required, effective_from)
  values (p_version_id, p_revision_kind, p_reason, p_content_hash, p_approval_rule, v_required, p_effective_from)
  returning id into v_sub;
  insert into public.sop_tasks (submission_id, step, assignee_id)
  select v_sub, 'review', x from unnest(v_reviewers) x
  union all
  select v_sub, 'approval', x from unnest(v_approvers) x;
  insert into public.sop_signatures (version_id, meaning, content_hash) values (p_version_id, 'authored', p_content_hash);
  insert into public.sop_transitions (sop_id, version_id, to_state, reason)
  values (v.sop_id, p_version_id, case when cardinality(v_reviewers) > 0 then 'in_review' else 'in_approval' end::public.version_state, p_reason);
  return v_sub;
end $$;

/* What becomes of a version after a signature or the clock: review → approval → approved → effective. */
create or replace function private.dc_advance(p_version uuid) returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_sop uuid := (select v.sop_id from public.sop_versions v where v.id = p_version);
  v_sub public.sop_submissions := private.dc_submission(p_version);
  v_state public.version_state := private.dc_state(p_version);
begin
  if v_state = 'in_review' and private.dc_reviews_complete(v_sub.id) then
    insert into public.sop_transitions (sop_id, version_id, to_state, reason) values (v_sop, p_version, 'in_approval', 'Every reviewer signed');
    v_state := 'in_approval';
  end if;
  if v_state = 'in_approval' and private.dc_approvals_complete(v_sub.id) then
    insert into public.sop_transitions (sop_id, version_id, to_state, reason) values (v_sop, p_version, 'approved', 'Every required approval signed');
    v_state := 'approved';
  end if;
  if v_state = 'approved' and (v_sub.effective_from is null or v_sub.effective_from <= private.clock()) then
    insert into public.sop_transitions (sop_id, version_id, to_state, reason)
    values (v_sop, p_version, 'effective', case when v_sub.effective_from is null then 'Approved' else 'Effective date reached' end);
  end if;
end $$;

/*
 * Sign a version in review or approval: meaning 'reviewed', 'approved' or 'rejected'
 * (a comment is required to reject). p_content_hash is the hash of the content the signer
 * was shown. Moves the version on when the signature completes a step. Returns its id.
 */
create or replace function private.sign_version(p_version_id uuid, p_meaning text, p_content_hash text, p_comment text default '')
returns uuid
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.sop_versions := private.dc_version_for_caller(p_version_id);
  v_id uuid;
begin
  if p_meaning is null or p_meaning not in ('reviewed', 'approved', 'rejected') then
    raise exception 'The meaning of a signature is reviewed, approved or rejected (authored is signed at submission).' using errcode = 'DC422';
  end if;
  if not private.can(v.org_id, 'sops.approve') then
    raise exception 'Your role cannot review or approve SOPs in this organization.' using errcode = 'DC403';
  end if;
  insert into public.sop_signatures (version_id, meaning, comment, content_hash)
  values (p_version_id, p_meaning, coalesce(p_comment, ''), p_content_hash)
  returning id into v_id;
  if p_meaning = 'rejected' then
    insert into public.sop_transitions (sop_id, version_id, to_state, reason) values (v.sop_id, p_version_id, 'rejected', p_comment);
  else
    perform private.dc_advance(p_version_id);
  end if;
  return v_id;
end $$;

/*
 * Before asking for the password: may the caller sign this version with this meaning at all
 * ('authored' = submit)? Raises what signing would raise except re-authentication, so a
 * viewer gets 403 and a locked signer 423 without their password being checked or counted.
 */
create or replace function private.signing_precheck(p_version_id uuid, p_meaning text)
returns table (org_id uuid, sop_id uuid, factors text[], signer_name text, signer_email text)
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v public.sop_versions := private.dc_version_for_caller(p_version_id);
begin
  if p_meaning is null or p_meaning not in ('authored', 'reviewed', 'approved', 'rejected') then
    raise exception 'The meaning of a signature is authored, reviewed, approved or rejected.' using errcode = 'DC422';
  end if;
  if not private.can(v.org_id, case when p_meaning = 'authored' then 'sops.edit' else 'sops.approve' end) then
    raise exception 'Your role cannot % SOPs in this organization.', case when p_meaning = 'authored' then 'submit' else 'review or approve' end
      using errcode = 'DC403';
  end if;
  if not exists (select 1 from public.profiles p where p.id = v_uid and btrim(p.full_name) <> '') then
    raise exception 'Add your full name to your profile before signing: it is printed with your signature.' using errcode = 'DC422';
  end if;
  perform private.dc_assert_unlocked(v_uid);
  if p_meaning = 'authored' then
    perform private.dc_assert_submittable(p_version_id);
  else
    perform private.dc_assert_may_sign(p_version_id, p_meaning, v_uid);
  end if;
  return query
    select v.org_id, v.sop_id, private.signing_factors(v.org_id, v_uid), coalesce(btrim(p.full_name), ''), coalesce(u.email, '')::text
    from auth.users u left join public.profiles p on p.id = u.id
    where u.id = v_uid;
end $$;

/*
 * A failed signing attempt (the auth layer refused the password or the code). Counts it; the
 * failure that reaches private.signing_policy().max_failures within failure_window locks
 * signing for that user for lockout. lockout_started tells the app to email notify_emails
 * (the organization's owners); it is true once per lockout.
 */
create or replace function private.record_signing_failure(p_version_id uuid, p_method text)
returns table (failures integer, locked_until timestamptz, lockout_started boolean, org_id uuid, org_name text, notify_emails text[])
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_org uuid;
  v_policy record;
  v_now timestamptz;
  v_since timestamptz;
  v_count integer;
  v_until timestamptz;
  v_started boolean := false;
begin
  select x.org_id into v_org from public.sop_versions x where x.id = p_version_id;
  if v_org is null or v_uid is null or not private.is_member(v_org) then
    raise exception 'No such version in your organizations.' using errcode = 'DC404';
  end if;
  if p_method is null or p_method not in ('password', 'totp') then
    raise exception 'The failed factor is password or totp.' using errcode = 'DC422';
  end if;
  select * into v_policy from private.signing_policy();
  perform pg_advisory_xact_lock(hashtextextended(v_uid::text, 7431));
  insert into public.signing_failures (org_id, user_id, version_id, method) values (v_org, v_uid, p_version_id, p_method);
  v_now := private.clock();
  select max(l.locked_until) into v_until from public.signing_lockouts l where l.user_id = v_uid and l.locked_until > v_now;
  -- Failures count within the window and after the last lockout ended (a lockout is not renewed by old failures).
  select greatest(v_now - v_policy.failure_window, coalesce(max(l.locked_until), '-infinity'::timestamptz)) into v_since
  from public.signing_lockouts l where l.user_id = v_uid and l.locked_until <= v_now;
  select count(*) into v_count from public.signing_failures f where f.user_id = v_uid and f.attempted_at > v_since;
  if v_until is null and v_count >= v_policy.max_failures then
    insert into public.signing_lockouts (org_id, user_id, failures) values (v_org, v_uid, v_count) returning signing_lockouts.locked_until into v_until;
    v_started := true;
  end if;
  return query
    select v_count, v_until, v_started, v_org, o.name,
           case when v_started then array(
             select coalesce(u.email, p.email)::text
             from public.memberships m join public.profiles p on p.id = m.user_id and p.deleted_at is null
             left join auth.users u on u.id = m.user_id
             where m.org_id = v_org and m.role = 'owner' order by 1)
           else '{}'::text[] end
    from public.organizations o where o.id = v_org;
end $$;

/* Withdraw a version from review, approval or approved-not-yet-effective, back to draft. */
create or replace function private.withdraw_version(p_version_id uuid, p_reason text)
returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v public.sop_versions := private.dc_version_for_caller(p_version_id);
  v_state public.version_state := private.dc_state(p_version_id);
  v_control boolean := private.can(v.org_id, 'sops.control');
begin
  if not (v_control or private.can(v.org_id, 'sops.edit')) then
    raise exception 'Your role cannot withdraw SOP versions in this organization.' using errcode = 'DC403';
  end if;
  if v_state not in ('in_review', 'in_approval', 'approved') then
    raise exception 'This version is %: only a version in review, in approval or approved and not yet effective can be withdrawn.',
      replace(v_state::text, '_', ' ') using errcode = 'DC409';
  end if;
  if not v_control and (private.dc_submission(p_version_id)).submitted_by <> (select auth.uid()) then
    raise exception 'Only the person who submitted this version, an owner or an admin can withdraw it.' using errcode = 'DC403';
  end if;
  insert into public.sop_transitions (sop_id, version_id, to_state, reason) values (v.sop_id, p_version_id, 'withdrawn', p_reason);
end $$;

/* Make an approved version effective now that its effective date has come (document control). */
create or replace function private.make_version_effective(p_version_id uuid)
returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare v public.sop_versions := private.dc_version_for_caller(p_version_id);
begin
  if not private.can(v.org_id, 'sops.control') then
    raise exception 'Only an owner or an admin can make a version effective.' using errcode = 'DC403';
  end if;
  if private.dc_state(p_version_id) <> 'approved' then
    raise exception 'This version is %: only an approved version can become effective.', replace(private.dc_state(p_version_id)::text, '_', ' ')
      using errcode = 'DC409';
  end if;
  insert into public.sop_transitions (sop_id, version_id, to_state, reason) values (v.sop_id, p_version_id, 'effective', 'Made effective');
end $$;

/* Make a SOP obsolete: its effective version (if any) becomes obsolete; nothing may be in flight. */
create or replace function private.obsolete_sop(p_sop_id uuid, p_reason text)
returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_org uuid;
  v_effective uuid;
begin
  select s.org_id into v_org from public.sops s where s.id = p_sop_id for update;
  if v_org is null or not private.is_member(v_org) then
    raise exception 'No such SOP in your organizations.' using errcode = 'DC404';
  end if;
  if not private.can(v_org, 'sops.control') then
    raise exception 'Only an owner or an admin can make a SOP obsolete.' using errcode = 'DC403';
  end if;
  select s.version_id into v_effective from private.dc_version_states(p_sop_id) s where s.state = 'effective';
  insert into public.sop_transitions (sop_id, version_id, to_state, reason) values (p_sop_id, v_effective, 'obsolete', p_reason);
end $$;

/*
 * The scheduled job: approved versions whose effective date has come become effective.
 * Idempotent (a second run finds nothing to do); each change is a transition and an audit
 * event with no actor. Returns what it did.
 */
create or replace function private.make_due_versions_effective()
returns table (version_id uuid, sop_id uuid, org_id uuid, revision_label text, effective_at timestamptz)
  language plpgsql volatile security definer set search_path = ''
as $$
declare r record;
begin
  for r in
    select t.version_id, t.sop_id
    from public.sop_transitions t join public.sop_submissions s on s.id = t.submission_id
    where t.to_state = 'approved' and s.effective_from <= private.clock()
      and not exists (select 1 from public.sop_transitions x where x.version_id = t.version_id and x.seq > t.seq)
    order by s.effective_from, t.seq
  loop
    perform 1 from public.sops x where x.id = r.sop_id for update;
    if private.dc_state(r.version_id) = 'approved' then
      insert into public.sop_transitions as n (sop_id, version_id, to_state, reason)
      values (r.sop_id, r.version_id, 'effective', 'Effective date reached')
      returning n.version_id, n.sop_id, n.org_id, n.label, n.created_at
      into version_id, sop_id, org_id, revision_label, effective_at;
      return next;
    end if;
  end loop;
end $$;

/* ---------------------------------------------------------------- views for the app */

/* Each version's current state and round (RLS of the underlying tables applies). */
create view public.sop_version_lifecycle with (security_invoker = true) as
select v.id as version_id, v.org_id, v.sop_id,
       coalesce(t.to_state, 'draft') as state,
       nullif(t.label, '') as revision_label,
       t.created_at as state_changed_at,
       s.id as submission_id, s.round, s.revision_kind, s.reason as change_reason, s.content_hash,
       s.approval_rule, s.approvals_required, s.effective_from, s.submitted_by, s.created_at as submitted_at,
       (select e.created_at from public.sop_transitions e where e.version_id = v.id and e.to_state = 'effective' order by e.seq desc limit 1) as effective_at
from public.sop_versions v
left join lateral (select x.* from public.sop_transitions x where x.version_id = v.id order by x.seq desc limit 1) t on true
left join lateral (select y.* from public.sop_submissions y where y.version_id = v.id order by y.round desc limit 1) s on true;

/* Tasks waiting for their assignee: the version is at their step and they have not signed. */
create view public.sop_pending_tasks with (security_invoker = true) as
select k.id as task_id, k.org_id, k.sop_id, k.version_id, k.submission_id, k.step, k.assignee_id, k.created_at
from public.sop_tasks k
join public.sop_version_lifecycle l on l.submission_id = k.submission_id
where ((k.step = 'review' and l.state = 'in_review') or (k.step = 'approval' and l.state = 'in_approval'))
  and not exists (
    select 1 from public.sop_signatures g
    where g.submission_id = k.submission_id and g.signer_id = k.assignee_id
      and g.meaning in (case k.step when 'review' then 'reviewed' else 'approved' end, 'rejected')
  );

/* ---------------------------------------------------------------- RLS and grants */

do $$
declare t text;
begin
  foreach t in array array['sop_submissions', 'sop_tasks', 'sop_signatures', 'sop_transitions'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from anon, authenticated, service_role, public', t);
    execute format('grant select on table public.%I to authenticated, service_role', t);
    execute format('create policy "%1$s: members read their organization''s document control" on public.%1$I for select to authenticated using ((select private.is_member(org_id)))', t);
  end loop;
  foreach t in array array['signing_failures', 'signing_lockouts'] loop
    execute format('alter table public.%I enable row level security', t);
    execute format('revoke all on table public.%I from anon, authenticated, service_role, public', t);
    execute format('grant select on table public.%I to authenticated, service_role', t);
    execute format('create policy "%1$s: the user and audit readers" on public.%1$I for select to authenticated using (user_id = (select auth.uid()) or (select private.can(org_id, ''audit.read'')))', t);
  end loop;
end $$;
-- No insert/update/delete for API roles: rows come from the functions above.

revoke all on table public.sop_version_lifecycle, public.sop_pending_tasks from anon, authenticated, service_role, public;
grant select on table public.sop_version_lifecycle, public.sop_pending_tasks to authenticated, service_role;

do $$
declare f text;
begin
  -- internal helpers: no API role calls them directly
  foreach f in array array[
    'private.clock()', 'private.signing_policy()', 'private.signing_factors(uuid, uuid)',
    'private.dc_append_only()', 'private.dc_state(uuid)', 'private.dc_submission(uuid)', 'private.dc_version_states(uuid)',
    'private.dc_sop_obsolete(uuid)', 'private.dc_sop_status(uuid)', 'private.dc_is_author(uuid, uuid)',
    'private.dc_reviews_complete(uuid)', 'private.dc_approvals_complete(uuid)', 'private.dc_next_label(uuid, text)',
    'private.dc_audit(uuid, text, text, uuid, jsonb, text)', 'private.dc_person(uuid)', 'private.dc_assert_unlocked(uuid)',
    'private.dc_reauthenticated(uuid)', 'private.dc_assert_submittable(uuid)', 'private.dc_assert_may_sign(uuid, text, uuid)',
    'private.dc_submission_before_insert()', 'private.dc_task_before_insert()', 'private.dc_signature_before_insert()',
    'private.dc_transition_before_insert()', 'private.dc_transition_after_insert()', 'private.dc_one_effective()', 'private.dc_audit_row()',
    'private.dc_failure_before_insert()', 'private.dc_version_for_caller(uuid)', 'private.dc_advance(uuid)',
    'private.make_due_versions_effective()'
  ] loop
    execute format('revoke all on function %s from public, anon, authenticated', f);
  end loop;
  -- the API
  foreach f in array array[
    'private.submit_version(uuid, text, text, text, uuid[], uuid[], text, integer, timestamptz)',
    'private.sign_version(uuid, text, text, text)', 'private.signing_precheck(uuid, text)',
    'private.record_signing_failure(uuid, text)', 'private.withdraw_version(uuid, text)',
    'private.make_version_effective(uuid)', 'private.obsolete_sop(uuid, text)'
  ] loop
    execute format('revoke all on function %s from public, anon', f);
    execute format('grant execute on function %s to authenticated', f);
  end loop;
end $$;
grant execute on function private.make_due_versions_effective() to service_role;
