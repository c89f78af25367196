/*
 * Organizations own everything. Membership rows carry a role; RLS policies call small
 * security definer helpers in the private schema (pinned search_path, granted to
 * authenticated only) so that the membership lookup itself is not subject to RLS recursion.
 *
 * Roles and what they may do (lib/orgs/permissions.ts holds the same table; a test checks
 * that private.role_can() agrees with it cell by cell):
 *   owner     everything, incl. billing and transferring ownership
 *   admin     manage members and invites, org settings, billing; edit and approve SOPs
 *   author    create and edit SOPs
 *   approver  review and approve SOPs
 *   viewer    read
 *
 * Invariants enforced here, not in application code:
 *   - an organization always has at least one owner (the last owner cannot leave or be
 *     demoted; ownership is transferred with private.transfer_ownership);
 *   - only owners may create or change owner memberships;
 *   - server-only columns (plan, billing, deleted_at) cannot be written by API roles;
 *   - every change to organizations, memberships and invites writes an audit event in the
 *     same transaction (see 20261122000500_audit_events.sql).
 */

create type public.member_role as enum ('owner', 'admin', 'author', 'approver', 'viewer');

create table public.organizations (
  id uuid primary key default gen_random_uuid(),
  name text not null check (char_length(name) between 1 and 120),
  slug text not null unique check (slug ~ '^[a-z0-9][a-z0-9-]{1,46}[a-z0-9]$'),
  created_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- server-only (billing issue, deletion)
  plan text not null default 'free',
  deleted_at timestamptz
);
comment on table public.organizations is 'A tenant. Everything else hangs off organizations.id.';

create table public.memberships (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  user_id uuid not null references auth.users (id) on delete cascade,
  role public.member_role not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (org_id, user_id)
);
create index memberships_org_id_idx on public.memberships (org_id);
create index memberships_user_id_org_id_idx on public.memberships (user_id, org_id) include (role);

create table public.invites (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references public.organizations (id) on delete cascade,
  email text not null check (email = lower(email) and char_length(email) between 3 and 255),
  role public.member_role not null check (role <> 'owner'),
  token_hash text not null check (token_hash ~ '^[0-9a-f]{64}$'),
  invited_by uuid references auth.users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null default now() + interval '7 days',
  accepted_at timestamptz,
  accepted_by uuid references auth.users (id) on delete set null,
  revoked_at timestamptz,
  last_sent_at timestamptz not null default now()
);
create index invites_org_id_idx on public.invites (org_id);
create unique index invites_one_open_per_email on public.invites (org_id, email)
  where accepted_at is null and revoked_at is null;

/* ---------------------------------------------------------------- helpers */

create or replace function private.is_member(p_org uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.memberships m
    join public.profiles p on p.id = m.user_id and p.deleted_at is null
    where m.org_id = p_org and m.user_id = (select auth.uid())
  )
$$;

create or replace function private.has_role(p_org uuid, p_roles public.member_role[]) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.memberships m
    join public.profiles p on p.id = m.user_id and p.deleted_at is null
    where m.org_id = p_org and m.user_id = (select auth.uid()) and m.role = any (p_roles)
  )
$$;

/* The permission table, the same as lib/orgs/permissions.ts. */
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
    when 'audit.read'        then p_role in ('owner', 'admin', 'approver')
    else false
  end
$$;

create or replace function private.can(p_org uuid, p_permission text) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select coalesce((
    select private.role_can(m.role, p_permission)
    from public.memberships m
    join public.profiles p on p.id = m.user_id and p.deleted_at is null
    where m.org_id = p_org and m.user_id = (select auth.uid())
  ), false)
$$;

revoke all on function private.is_member(uuid) from public, anon;
revoke all on function private.has_role(uuid, public.member_role[]) from public, anon;
revoke all on function private.role_can(public.member_role, text) from public, anon;
revoke all on function private.can(uuid, text) from public, anon;
grant execute on function private.is_member(uuid) to authenticated;
grant execute on function private.has_role(uuid, public.member_role[]) to authenticated;
grant execute on function private.role_can(public.member_role, text) to authenticated;
grant execute on function private.can(uuid, text) to authenticated;

/* ---------------------------------------------------------------- RLS: organizations */

alter table public.organizations enable row level security;
revoke all on table public.organizations from anon, authenticated, public;
grant select on table public.organizations to authenticated;
grant update (name, slug) on table public.organizations to authenticated;
grant all on table public.organizations to service_role;

create policy "organizations: members read their organizations"
  on public.organizations for select to authenticated
  using ((select private.is_member(id)) and deleted_at is null);

create policy "organizations: owners and admins update settings"
  on public.organizations for update to authenticated
  using ((select private.can(id, 'org.update')))
  with check ((select private.can(id, 'org.update')));
-- No insert policy: organizations are created by private.create_organization(), which also
-- makes the creator its owner. No delete policy: deletion is a server-side process.

/* ---------------------------------------------------------------- RLS: memberships */

alter table public.memberships enable row level security;
revoke all on table public.memberships from anon, authenticated, public;
grant select, delete on table public.memberships to authenticated;
grant update (role) on table public.memberships to authenticated;
grant all on table public.memberships to service_role;

create policy "memberships: members see who else is in their organizations"
  on public.memberships for select to authenticated
  using ((select private.is_member(org_id)));

create policy "memberships: owners and admins change roles"
  on public.memberships for update to authenticated
  using ((select private.can(org_id, 'members.manage')))
  with check ((select private.can(org_id, 'members.manage')));

create policy "memberships: owners and admins remove members; anyone may leave"
  on public.memberships for delete to authenticated
  using ((select private.can(org_id, 'members.manage')) or user_id = (select auth.uid()));
-- No insert policy: people join through private.create_organization() or
-- private.accept_invite().

/* ---------------------------------------------------------------- RLS: invites */

alter table public.invites enable row level security;
revoke all on table public.invites from anon, authenticated, public;
grant select, insert on table public.invites to authenticated;
grant update (revoked_at, last_sent_at, token_hash, expires_at) on table public.invites to authenticated;
grant all on table public.invites to service_role;

create policy "invites: owners and admins see their organization's invites"
  on public.invites for select to authenticated
  using ((select private.can(org_id, 'invites.manage')));

create policy "invites: owners and admins invite"
  on public.invites for insert to authenticated
  with check ((select private.can(org_id, 'invites.manage')) and invited_by = (select auth.uid()));

create policy "invites: owners and admins revoke and resend"
  on public.invites for update to authenticated
  using ((select private.can(org_id, 'invites.manage')))
  with check ((select private.can(org_id, 'invites.manage')));

/* ---------------------------------------------------------------- guards */

create or replace function private.guard_organization_server_columns() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon')
     and (new.plan is distinct from old.plan
          or new.deleted_at is distinct from old.deleted_at
          or new.created_by is distinct from old.created_by
          or new.id is distinct from old.id) then
    raise exception 'organizations.plan, deleted_at, created_by are set by the server only' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;

create trigger organizations_guard_server_columns
  before update on public.organizations
  for each row execute function private.guard_organization_server_columns();

/*
 * Owner rules, for every role (service included): an org keeps at least one owner, and
 * only an owner may grant, change or remove an owner membership.
 */
create or replace function private.guard_membership_owners() returns trigger
  language plpgsql security definer set search_path = ''
as $$
declare
  v_org uuid := coalesce(new.org_id, old.org_id);
  v_api boolean := current_setting('role', true) in ('authenticated', 'anon')
                   or coalesce((select auth.role()), '') in ('authenticated', 'anon');
begin
  if tg_op = 'UPDATE' and (new.org_id <> old.org_id or new.user_id <> old.user_id) then
    raise exception 'a membership cannot move to another organization or user' using errcode = '42501';
  end if;
  if v_api and ((tg_op in ('UPDATE', 'DELETE') and old.role = 'owner') or (tg_op = 'UPDATE' and new.role = 'owner'))
     and not private.has_role(v_org, array['owner']::public.member_role[]) then
    raise exception 'only an owner can grant, change or remove ownership' using errcode = '42501';
  end if;
  if tg_op in ('UPDATE', 'DELETE') and old.role = 'owner'
     and (tg_op = 'DELETE' or new.role <> 'owner')
     and not exists (
       select 1 from public.memberships m
       where m.org_id = v_org and m.role = 'owner' and m.id <> old.id
     )
     -- cascades from deleting the organization or the (purged) user itself are allowed
     and exists (select 1 from public.organizations o where o.id = v_org)
     and exists (select 1 from auth.users u where u.id = old.user_id) then
    raise exception 'the last owner cannot leave or be demoted; transfer ownership first' using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' then
    new.updated_at := now();
    return new;
  end if;
  return old;
end $$;

create trigger memberships_guard_owners
  before update or delete on public.memberships
  for each row execute function private.guard_membership_owners();

create or replace function private.guard_invite_columns() returns trigger
  language plpgsql set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') then
    if tg_op = 'INSERT' and (new.accepted_at is not null or new.accepted_by is not null or new.revoked_at is not null) then
      raise exception 'a new invite cannot be accepted or revoked already' using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' and (old.accepted_at is not null or old.revoked_at is not null) then
      raise exception 'an accepted or revoked invite cannot change' using errcode = '42501';
    end if;
  end if;
  return new;
end $$;

create trigger invites_guard_columns
  before insert or update on public.invites
  for each row execute function private.guard_invite_columns();
