/*
 * audit_events: the organization's tamper-evident, append-only audit trail (21 CFR 11.10(e)).
 *   - system-generated: triggers on the audited tables write the events in the same
 *     transaction as the change, with the old and new values; application code adds events
 *     that are not row changes (exports, sign-ins to an org) through private.record_event();
 *   - hash chain: each row stores the hash of the previous row of its organization and its
 *     own hash over (prev_hash, org, actor, action, target, data, time), so a deleted or
 *     altered row breaks the chain (private.verify_audit_chain());
 *   - append-only: update and delete are rejected for every role, service role included.
 */

create table public.audit_events (
  id uuid primary key default gen_random_uuid(),
  seq bigint generated always as identity,
  org_id uuid not null references public.organizations (id) on delete restrict,
  actor_id uuid,
  actor_email text not null default '',
  action text not null check (action ~ '^[a-z_]+\.[a-z_.]+$'),
  target_type text not null default '',
  target_id text not null default '',
  data jsonb not null default '{}'::jsonb,
  reason text not null default '',
  created_at timestamptz not null default clock_timestamp(),
  prev_hash text not null default '',
  hash text not null default ''
);
create index audit_events_org_id_seq_idx on public.audit_events (org_id, seq);

alter table public.audit_events enable row level security;
revoke all on table public.audit_events from anon, authenticated, public;
grant select on table public.audit_events to authenticated;
grant select, insert on table public.audit_events to service_role;

create policy "audit_events: members with audit access read their organization's trail"
  on public.audit_events for select to authenticated
  using ((select private.can(org_id, 'audit.read')));
-- No insert/update/delete for API roles: events come from triggers and record_event().

create or replace function private.audit_chain() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare v_prev text;
begin
  -- One writer at a time per organization, so the chain has no forks.
  perform pg_advisory_xact_lock(hashtextextended(new.org_id::text, 7420));
  select a.hash into v_prev from public.audit_events a where a.org_id = new.org_id order by a.seq desc limit 1;
  new.prev_hash := coalesce(v_prev, '');
  new.created_at := clock_timestamp();
  new.hash := encode(sha256(convert_to(concat_ws('|',
      new.prev_hash, new.org_id::text, coalesce(new.actor_id::text, ''), new.action,
      new.target_type, new.target_id, new.data::text, new.reason,
      to_char(new.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')), 'hex');
  return new;
end $$;

create trigger audit_events_chain
  before insert on public.audit_events
  for each row execute function private.audit_chain();

create or replace function private.audit_append_only() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  raise exception 'audit_events is append-only: % is not allowed', lower(tg_op) using errcode = '42501';
end $$;

create trigger audit_events_append_only
  before update or delete on public.audit_events
  for each row execute function private.audit_append_only();
create trigger audit_events_no_truncate
  before truncate on public.audit_events
  for each statement execute function private.audit_append_only();

/* Recompute the chain of one organization; returns the seq of the first broken row, or null. */
create or replace function private.verify_audit_chain(p_org uuid) returns bigint
  language plpgsql stable security definer set search_path = ''
as $$
declare r record; v_prev text := ''; v_hash text;
begin
  for r in select * from public.audit_events where org_id = p_org order by seq loop
    v_hash := encode(sha256(convert_to(concat_ws('|',
        v_prev, r.org_id::text, coalesce(r.actor_id::text, ''), r.action,
        r.target_type, r.target_id, r.data::text, r.reason,
        to_char(r.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')), 'hex');
    if r.prev_hash <> v_prev or r.hash <> v_hash then
      return r.seq;
    end if;
    v_prev := r.hash;
  end loop;
  return null;
end $$;

/* Events that are not row changes (an export, a download), recorded by a member. */
create or replace function private.record_event(p_org uuid, p_action text, p_target_type text, p_target_id text, p_data jsonb default '{}'::jsonb)
returns uuid
  language plpgsql security definer set search_path = ''
as $$
declare v_id uuid;
begin
  if not private.is_member(p_org) then
    raise exception 'not a member of this organization' using errcode = '42501';
  end if;
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data)
  values (p_org, (select auth.uid()), coalesce((select auth.email()), ''), p_action, p_target_type, p_target_id, coalesce(p_data, '{}'::jsonb))
  returning id into v_id;
  return v_id;
end $$;

revoke all on function private.verify_audit_chain(uuid) from public, anon;
revoke all on function private.record_event(uuid, text, text, text, jsonb) from public, anon;
grant execute on function private.verify_audit_chain(uuid) to authenticated;
grant execute on function private.record_event(uuid, text, text, text, jsonb) to authenticated;

/* ---------------------------------------------------------------- audited tables */

create or replace function private.audit_row_change() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_org uuid;
  v_action text;
  v_target text;
  v_data jsonb;
  v_old jsonb := case when tg_op in ('UPDATE', 'DELETE') then to_jsonb(old) - 'token_hash' end;
  v_new jsonb := case when tg_op in ('INSERT', 'UPDATE') then to_jsonb(new) - 'token_hash' end;
begin
  v_org := case tg_table_name when 'organizations' then coalesce(new.id, old.id) else (coalesce(v_new, v_old) ->> 'org_id')::uuid end;
  v_target := coalesce(v_new, v_old) ->> 'id';
  -- An organization being deleted takes its trail with it only through a server process.
  if tg_op = 'DELETE' and tg_table_name <> 'organizations'
     and not exists (select 1 from public.organizations o where o.id = v_org) then
    return old;
  end if;
  v_action := case
    when tg_table_name = 'organizations' and tg_op = 'INSERT' then 'org.created'
    when tg_table_name = 'organizations' then 'org.updated'
    when tg_table_name = 'memberships' and tg_op = 'INSERT' then 'member.joined'
    when tg_table_name = 'memberships' and tg_op = 'UPDATE' then 'member.role_changed'
    when tg_table_name = 'memberships' then 'member.removed'
    when tg_table_name = 'invites' and tg_op = 'INSERT' then 'member.invited'
    when tg_table_name = 'invites' and v_new ->> 'accepted_at' is not null and v_old ->> 'accepted_at' is null then 'invite.accepted'
    when tg_table_name = 'invites' and v_new ->> 'revoked_at' is not null and v_old ->> 'revoked_at' is null then 'invite.revoked'
    when tg_table_name = 'invites' then 'invite.resent'
  end;
  if tg_op = 'UPDATE' then
    select jsonb_object_agg(k, jsonb_build_object('old', v_old -> k, 'new', v_new -> k)) into v_data
    from jsonb_object_keys(v_new) k
    where v_new -> k is distinct from v_old -> k and k <> 'updated_at';
    if v_data is null then
      return new;
    end if;
  else
    v_data := jsonb_build_object(case when tg_op = 'INSERT' then 'new' else 'old' end, coalesce(v_new, v_old));
  end if;
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data)
  values (v_org, (select auth.uid()), coalesce((select auth.email()), ''), v_action, tg_table_name, v_target, v_data);
  return coalesce(new, old);
end $$;

create trigger organizations_audit after insert or update on public.organizations
  for each row execute function private.audit_row_change();
create trigger memberships_audit after insert or update or delete on public.memberships
  for each row execute function private.audit_row_change();
create trigger invites_audit after insert or update on public.invites
  for each row execute function private.audit_row_change();
