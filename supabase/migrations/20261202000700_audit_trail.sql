/*
 * Audit trail an inspector can use (issue 13; 21 CFR 11.10(e), 11.100(a); Annex 11 §9, §12).
 *
 * Owns:
 *   - records outlive the accounts that made them: the purge job (lib/jobs/purge.ts) deletes
 *     an auth user 30 days after the account was deleted. Before this file that delete failed
 *     for anyone who had ever created an SOP, saved a version or started a draft: the
 *     `on delete set null` foreign keys tried to update rows that are immutable (sops.created_by,
 *     sop_versions.author_id, generations.created_by), and the invites' set-null wrote a bogus
 *     "invite.resent" event. Those columns now keep the uuid of who did it, like
 *     sop_signatures.signer_id always has (no foreign key; uuids are never reused, below).
 *     sops.owner_id keeps its set-null: ownership is a live responsibility and losing it is an
 *     audited change of the SOP.
 *   - private.retired_users: a tombstone per erased auth user (id, printed name and email as
 *     they were), written just before the row goes. A new auth user can never take a retired
 *     id (11.100(a): user ids are never reused or reassigned), whatever created it.
 *   - membership events (member.joined / role_changed / removed) carry `person`
 *     {id, name, email} as it was at that moment, so the access report names members who
 *     have since left or been erased. private.audit_row_change() is replaced with the same
 *     body plus that key.
 *   - private.record_audit_export(): the event of an audit-trail export, written in the
 *     exporting transaction, whose return value is the head the export is checkpointed at;
 *     private.audit_people(): names for the people the trail mentions, for its readers;
 *   - private.audit_chain() takes seq under the chain lock (see there).
 */

/* ---------------------------------------------------------------- records outlive accounts */

alter table public.sops drop constraint if exists sops_created_by_fkey;
alter table public.sops drop constraint if exists sops_draft_updated_by_fkey;
alter table public.sop_versions drop constraint if exists sop_versions_author_id_fkey;
alter table public.generations drop constraint if exists generations_created_by_fkey;
alter table public.invites drop constraint if exists invites_invited_by_fkey;
alter table public.invites drop constraint if exists invites_accepted_by_fkey;
alter table public.organizations drop constraint if exists organizations_created_by_fkey;

create table private.retired_users (
  id uuid primary key,
  full_name text not null default '',
  email text not null default '',
  retired_at timestamptz not null default clock_timestamp()
);
revoke all on table private.retired_users from public, anon, authenticated;

create or replace function private.retire_user() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  insert into private.retired_users (id, full_name, email)
  select old.id, coalesce(p.full_name, ''), coalesce(old.email, p.email, '')
  from (select 1) x left join public.profiles p on p.id = old.id
  on conflict (id) do nothing;
  return old;
end $$;
create trigger auth_users_retire before delete on auth.users
  for each row execute function private.retire_user();

create or replace function private.refuse_retired_user_id() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if exists (select 1 from private.retired_users r where r.id = new.id) then
    raise exception 'user id % belonged to an erased account and is never reused', new.id using errcode = '23505';
  end if;
  return new;
end $$;
create trigger auth_users_no_reuse before insert on auth.users
  for each row execute function private.refuse_retired_user_id();
revoke all on function private.retire_user() from public, anon, authenticated;
revoke all on function private.refuse_retired_user_id() from public, anon, authenticated;

/* A person as they are now, or as they were when their account was erased. */
create or replace function private.person_of(p_user uuid) returns jsonb
  language sql stable security definer set search_path = ''
as $$
  select jsonb_build_object('id', p_user,
    'name', coalesce(nullif(p.full_name, ''), r.full_name, ''),
    'email', coalesce(nullif(u.email, ''), nullif(p.email, ''), r.email, ''))
  from (select p_user as id) x
  left join public.profiles p on p.id = x.id
  left join auth.users u on u.id = x.id
  left join private.retired_users r on r.id = x.id
$$;
revoke all on function private.person_of(uuid) from public, anon;

/* ---------------------------------------------------------------- membership events name the person */

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
  if tg_table_name = 'memberships' then
    v_data := v_data || jsonb_build_object('person', private.person_of((coalesce(v_new, v_old) ->> 'user_id')::uuid));
  end if;
  insert into public.audit_events (org_id, actor_id, actor_email, action, target_type, target_id, data)
  values (v_org, (select auth.uid()), coalesce((select auth.email()), ''), v_action, tg_table_name, v_target, v_data);
  return coalesce(new, old);
end $$;

/* ---------------------------------------------------------------- audit exports */

/*
 * Record that the caller exported the trail (audit.read required), in the caller's
 * transaction. Returns the event's seq and hash: the export includes this event, and the
 * checkpoint signs it as the head of the chain.
 */
create or replace function private.record_audit_export(p_org uuid, p_format text, p_filters jsonb)
returns table (seq bigint, hash text)
  language plpgsql security definer set search_path = ''
as $$
declare v_id uuid;
begin
  if not private.can(p_org, 'audit.read') then
    raise exception 'Your role cannot read the audit trail of this organization.' using errcode = '42501';
  end if;
  if p_format not in ('csv', 'docx', 'access_csv') then
    raise exception 'unknown export format %', p_format using errcode = '22023';
  end if;
  v_id := private.record_event(p_org, 'audit.exported', 'organizations', p_org::text,
    jsonb_build_object('format', p_format, 'filters', coalesce(p_filters, '{}'::jsonb)));
  return query select a.seq, a.hash from public.audit_events a where a.id = v_id;
end $$;
revoke all on function private.record_audit_export(uuid, text, jsonb) from public, anon;
grant execute on function private.record_audit_export(uuid, text, jsonb) to authenticated;

/*
 * The people an organization's trail names (actors, and members in membership events), as
 * they are now or as they were when erased, for readers of the trail (audit.read). Profiles
 * alone are not enough: people who left the organization or were erased are not visible.
 */
create or replace function private.audit_people(p_org uuid)
returns table (id uuid, name text, email text)
  language sql stable security definer set search_path = ''
as $$
  with ids as (
    select a.actor_id as id from public.audit_events a where a.org_id = p_org and a.actor_id is not null
    union
    select nullif(coalesce(a.data -> 'new' ->> 'user_id', a.data -> 'old' ->> 'user_id'), '')::uuid
    from public.audit_events a where a.org_id = p_org and a.target_type = 'memberships' and a.action like 'member.%'
    union
    select nullif(a.data ->> 'to', '')::uuid from public.audit_events a where a.org_id = p_org and a.action = 'org.ownership_transferred'
    union
    select nullif(a.data -> 'accepted_by' ->> 'new', '')::uuid from public.audit_events a where a.org_id = p_org and a.action = 'invite.accepted'
    union
    select m.user_id from public.memberships m where m.org_id = p_org
  )
  select i.id, p.person ->> 'name', p.person ->> 'email'
  from ids i, lateral (select private.person_of(i.id) as person) p
  where i.id is not null and private.can(p_org, 'audit.read')
$$;
revoke all on function private.audit_people(uuid) from public, anon;
grant execute on function private.audit_people(uuid) to authenticated;

/*
 * The chain in seq order, also on a busy server: seq used to be taken (identity default)
 * before the per-organization lock, so two concurrent writers could chain in the opposite
 * order of their seqs, and private.verify_audit_chain() (and any export, which lists by seq)
 * would report a break that is not one. Now seq is taken under the lock. Same hash as before.
 */
create or replace function private.audit_chain() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare v_prev text;
begin
  -- One writer at a time per organization, so the chain has no forks.
  perform pg_advisory_xact_lock(hashtextextended(new.org_id::text, 7420));
  new.seq := nextval(pg_get_serial_sequence('public.audit_events', 'seq'));
  select a.hash into v_prev from public.audit_events a where a.org_id = new.org_id order by a.seq desc limit 1;
  new.prev_hash := coalesce(v_prev, '');
  new.created_at := clock_timestamp();
  new.hash := encode(sha256(convert_to(concat_ws('|',
      new.prev_hash, new.org_id::text, coalesce(new.actor_id::text, ''), new.action,
      new.target_type, new.target_id, new.data::text, new.reason,
      to_char(new.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')), 'UTF8')), 'hex');
  return new;
end $$;
