/*
 * Policies in one vocabulary that Postgres can plan (issue 17), and every guard's final
 * definition in one place.
 *
 * Why: `(select private.can(org_id, 'x'))` reads as "once per statement", but it names a
 * column of the row, so Postgres plans it as a correlated SubPlan and calls the security
 * definer function once per row (and `private.shares_org_with(id)` on profiles was not even
 * wrapped). Every read through withUser() paid that per row: on the SOP list it was most of
 * the query. A policy can only be evaluated once per statement when its function call names
 * nothing of the row.
 *
 * The vocabulary, for every policy of every table in public (tests/db/policies-vocabulary.test.ts
 * keeps it so):
 *   - an org-scoped row:   org_id = any ((select private.orgs_where_can('<permission>'))::uuid[])
 *       the organizations where the signed-in user, whose profile is not deleted, holds a
 *       role with that permission (private.role_can, the table in lib/orgs/permissions.ts):
 *       one InitPlan per statement, then an array test per row. "Members read" is
 *       'sops.read' (document control, training, compliance rows), 'org.read'
 *       (organizations) or 'members.read' (memberships); all three are every role, which is
 *       exactly what private.is_member() was.
 *   - a person's row:      user_id = (select auth.uid())
 *   - a profile:           id = any ((select private.org_peer_ids())::uuid[]) — the people who share
 *       an organization with the signed-in user, as private.shares_org_with() said row by row.
 * Nothing of the row goes inside `(select private.…(…))`; arguments are literals. The cast is
 * needed: `any ((select …))` alone would read as "any row of the subquery" (uuid = uuid[]).
 *
 * Results are the same as before, row for row: the helpers read the same tables with the same
 * joins as private.can / is_member / shares_org_with (which stay, for the functions and
 * services that call them with one org), and a stable function sees one snapshot per
 * statement either way. The isolation and permission matrices are unchanged.
 *
 * Guards: whether a change comes straight from an API role (authenticated, anon) or from the
 * server (the service role, a security definer function, a cascade) is private.is_api_role()
 * and nothing else. It reads current_user, so it is security invoker and every guard that
 * calls it is too. private.guard_membership_owners was security definer and asked the role
 * setting and the JWT instead; it is now invoker like the others, and the part that must read
 * every membership (an organization keeps an owner) is its own security definer trigger,
 * private.memberships_keep_an_owner, fired after it as before. The one security definer path
 * that changes memberships, private.transfer_ownership, checks for an owner itself.
 * The final definitions of the guards on profiles, organizations, memberships and invites are
 * the ones below; earlier files' versions are history.
 */

/* ---------------------------------------------------------------- the vocabulary */

create or replace function private.orgs_where_can(p_permission text) returns uuid[]
  language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(m.org_id), '{}'::uuid[])
  from public.memberships m
  join public.profiles p on p.id = m.user_id and p.deleted_at is null
  where m.user_id = (select auth.uid()) and private.role_can(m.role, p_permission)
$$;
comment on function private.orgs_where_can(text) is
  'The organizations where the signed-in user may do p_permission. Policies: org_id = any ((select private.orgs_where_can(''…''))::uuid[]).';

create or replace function private.org_peer_ids() returns uuid[]
  language sql stable security definer set search_path = ''
as $$
  select coalesce(array_agg(distinct theirs.user_id), '{}'::uuid[])
  from public.memberships mine
  join public.profiles me on me.id = mine.user_id and me.deleted_at is null
  join public.memberships theirs on theirs.org_id = mine.org_id
  where mine.user_id = (select auth.uid())
$$;
comment on function private.org_peer_ids() is
  'The people who share an organization with the signed-in user (none when their account is deleted).';

revoke all on function private.orgs_where_can(text) from public, anon;
revoke all on function private.org_peer_ids() from public, anon;
grant execute on function private.orgs_where_can(text) to authenticated;
grant execute on function private.org_peer_ids() to authenticated;

/* Straight from an API role, not the server, a security definer function or a cascade. */
create or replace function private.is_api_role() returns boolean
  language sql stable set search_path = ''
as $$
  select current_user in ('authenticated', 'anon')
$$;
comment on function private.is_api_role() is
  'True when the statement runs as an API role itself. Security invoker on purpose: current_user is the caller''s.';
revoke all on function private.is_api_role() from public;
grant execute on function private.is_api_role() to anon, authenticated, service_role;

/* ---------------------------------------------------------------- policies */

-- profiles
drop policy "profiles: a user reads their own row" on public.profiles;
drop policy "profiles: a user inserts only their own row" on public.profiles;
drop policy "profiles: a user updates only their own row" on public.profiles;
drop policy "profiles: members read the profiles of people in their organizations" on public.profiles;
create policy "profiles: a user reads their own row"
  on public.profiles for select to authenticated
  using (id = (select auth.uid()));
create policy "profiles: a user inserts only their own row"
  on public.profiles for insert to authenticated
  with check (id = (select auth.uid()));
create policy "profiles: a user updates only their own row"
  on public.profiles for update to authenticated
  using (id = (select auth.uid()))
  with check (id = (select auth.uid()));
create policy "profiles: members read the profiles of people in their organizations"
  on public.profiles for select to authenticated
  using (id = any ((select private.org_peer_ids())::uuid[]));

-- organizations
drop policy "organizations: members read their organizations" on public.organizations;
drop policy "organizations: owners and admins update settings" on public.organizations;
create policy "organizations: members read their organizations"
  on public.organizations for select to authenticated
  using (id = any ((select private.orgs_where_can('org.read'))::uuid[]) and deleted_at is null);
create policy "organizations: owners and admins update settings"
  on public.organizations for update to authenticated
  using (id = any ((select private.orgs_where_can('org.update'))::uuid[]))
  with check (id = any ((select private.orgs_where_can('org.update'))::uuid[]));

-- memberships
drop policy "memberships: members see who else is in their organizations" on public.memberships;
drop policy "memberships: owners and admins change roles" on public.memberships;
drop policy "memberships: owners and admins remove members; anyone may leave" on public.memberships;
create policy "memberships: members see who else is in their organizations"
  on public.memberships for select to authenticated
  using (org_id = any ((select private.orgs_where_can('members.read'))::uuid[]));
create policy "memberships: owners and admins change roles"
  on public.memberships for update to authenticated
  using (org_id = any ((select private.orgs_where_can('members.manage'))::uuid[]))
  with check (org_id = any ((select private.orgs_where_can('members.manage'))::uuid[]));
create policy "memberships: owners and admins remove members; anyone may leave"
  on public.memberships for delete to authenticated
  using (org_id = any ((select private.orgs_where_can('members.manage'))::uuid[]) or user_id = (select auth.uid()));

-- invites
drop policy "invites: owners and admins see their organization's invites" on public.invites;
drop policy "invites: owners and admins invite" on public.invites;
drop policy "invites: owners and admins revoke and resend" on public.invites;
create policy "invites: owners and admins see their organization's invites"
  on public.invites for select to authenticated
  using (org_id = any ((select private.orgs_where_can('invites.manage'))::uuid[]));
create policy "invites: owners and admins invite"
  on public.invites for insert to authenticated
  with check (org_id = any ((select private.orgs_where_can('invites.manage'))::uuid[]) and invited_by = (select auth.uid()));
create policy "invites: owners and admins revoke and resend"
  on public.invites for update to authenticated
  using (org_id = any ((select private.orgs_where_can('invites.manage'))::uuid[]))
  with check (org_id = any ((select private.orgs_where_can('invites.manage'))::uuid[]));

-- audit_events
drop policy "audit_events: members with audit access read their organization's trail" on public.audit_events;
create policy "audit_events: members with audit access read their organization's trail"
  on public.audit_events for select to authenticated
  using (org_id = any ((select private.orgs_where_can('audit.read'))::uuid[]));

-- sops
drop policy "sops: members read their organization's SOPs" on public.sops;
drop policy "sops: editors create SOPs" on public.sops;
drop policy "sops: editors change SOPs" on public.sops;
create policy "sops: members read their organization's SOPs"
  on public.sops for select to authenticated
  using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "sops: editors create SOPs"
  on public.sops for insert to authenticated
  with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]) and created_by = (select auth.uid()));
create policy "sops: editors change SOPs"
  on public.sops for update to authenticated
  using (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]))
  with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));

-- sop_versions
drop policy "sop_versions: members read their organization's versions" on public.sop_versions;
drop policy "sop_versions: editors save versions as themselves" on public.sop_versions;
create policy "sop_versions: members read their organization's versions"
  on public.sop_versions for select to authenticated
  using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "sop_versions: editors save versions as themselves"
  on public.sop_versions for insert to authenticated
  with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]) and author_id = (select auth.uid()));

-- generations
drop policy "generations: members read their organization's generations" on public.generations;
drop policy "generations: editors start generations as themselves" on public.generations;
drop policy "generations: editors update and cancel generations" on public.generations;
create policy "generations: members read their organization's generations"
  on public.generations for select to authenticated
  using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "generations: editors start generations as themselves"
  on public.generations for insert to authenticated
  with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]) and created_by = (select auth.uid()));
create policy "generations: editors update and cancel generations"
  on public.generations for update to authenticated
  using (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]))
  with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));

-- document control and training records: read by members, written by functions only
do $$
declare t text;
begin
  foreach t in array array['sop_submissions', 'sop_tasks', 'sop_signatures', 'sop_transitions'] loop
    execute format('drop policy "%1$s: members read their organization''s document control" on public.%1$I', t);
    execute format('create policy "%1$s: members read their organization''s document control" on public.%1$I for select to authenticated using (org_id = any ((select private.orgs_where_can(''sops.read''))::uuid[]))', t);
  end loop;
  foreach t in array array['signing_failures', 'signing_lockouts'] loop
    execute format('drop policy "%1$s: the user and audit readers" on public.%1$I', t);
    execute format('create policy "%1$s: the user and audit readers" on public.%1$I for select to authenticated using (user_id = (select auth.uid()) or org_id = any ((select private.orgs_where_can(''audit.read''))::uuid[]))', t);
  end loop;
  foreach t in array array['sop_periodic_reviews', 'training_tasks', 'training_task_closures', 'training_acknowledgements'] loop
    execute format('drop policy "%1$s: members read their organization''s records" on public.%1$I', t);
    execute format('create policy "%1$s: members read their organization''s records" on public.%1$I for select to authenticated using (org_id = any ((select private.orgs_where_can(''sops.read''))::uuid[]))', t);
  end loop;
end $$;

-- routing_defaults
drop policy "routing_defaults: members read" on public.routing_defaults;
drop policy "routing_defaults: document controllers insert" on public.routing_defaults;
drop policy "routing_defaults: document controllers update" on public.routing_defaults;
drop policy "routing_defaults: document controllers delete" on public.routing_defaults;
create policy "routing_defaults: members read" on public.routing_defaults
  for select to authenticated using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "routing_defaults: document controllers insert" on public.routing_defaults
  for insert to authenticated with check (org_id = any ((select private.orgs_where_can('sops.control'))::uuid[]));
create policy "routing_defaults: document controllers update" on public.routing_defaults
  for update to authenticated using (org_id = any ((select private.orgs_where_can('sops.control'))::uuid[]))
  with check (org_id = any ((select private.orgs_where_can('sops.control'))::uuid[]));
create policy "routing_defaults: document controllers delete" on public.routing_defaults
  for delete to authenticated using (org_id = any ((select private.orgs_where_can('sops.control'))::uuid[]));

-- sop_templates
drop policy "sop_templates: members read" on public.sop_templates;
drop policy "sop_templates: editors insert" on public.sop_templates;
drop policy "sop_templates: editors delete" on public.sop_templates;
create policy "sop_templates: members read" on public.sop_templates
  for select to authenticated using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "sop_templates: editors insert" on public.sop_templates
  for insert to authenticated with check (
    org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[])
    and (source_sop_id is null or exists (select 1 from public.sops s where s.id = source_sop_id and s.org_id = sop_templates.org_id))
  );
create policy "sop_templates: editors delete" on public.sop_templates
  for delete to authenticated using (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));

-- mfa_recovery_codes
drop policy "mfa_recovery_codes: a user sees that their own codes exist" on public.mfa_recovery_codes;
create policy "mfa_recovery_codes: a user sees that their own codes exist"
  on public.mfa_recovery_codes for select to authenticated
  using (user_id = (select auth.uid()));

-- training_assignments
drop policy "training_assignments: members read" on public.training_assignments;
drop policy "training_assignments: document controllers assign" on public.training_assignments;
drop policy "training_assignments: document controllers unassign" on public.training_assignments;
create policy "training_assignments: members read" on public.training_assignments
  for select to authenticated using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "training_assignments: document controllers assign" on public.training_assignments
  for insert to authenticated with check (org_id = any ((select private.orgs_where_can('sops.control'))::uuid[]));
create policy "training_assignments: document controllers unassign" on public.training_assignments
  for delete to authenticated using (org_id = any ((select private.orgs_where_can('sops.control'))::uuid[]));

-- compliance
drop policy "org_frameworks: members read" on public.org_frameworks;
drop policy "org_frameworks: owners and admins add" on public.org_frameworks;
drop policy "org_frameworks: owners and admins remove" on public.org_frameworks;
create policy "org_frameworks: members read" on public.org_frameworks
  for select to authenticated using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "org_frameworks: owners and admins add" on public.org_frameworks
  for insert to authenticated with check (org_id = any ((select private.orgs_where_can('org.update'))::uuid[]));
create policy "org_frameworks: owners and admins remove" on public.org_frameworks
  for delete to authenticated using (org_id = any ((select private.orgs_where_can('org.update'))::uuid[]));

drop policy "sop_clause_mappings: members read" on public.sop_clause_mappings;
drop policy "sop_clause_mappings: editors map" on public.sop_clause_mappings;
drop policy "sop_clause_mappings: editors accept suggestions" on public.sop_clause_mappings;
drop policy "sop_clause_mappings: editors unmap and reject" on public.sop_clause_mappings;
create policy "sop_clause_mappings: members read" on public.sop_clause_mappings
  for select to authenticated using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "sop_clause_mappings: editors map" on public.sop_clause_mappings
  for insert to authenticated with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));
create policy "sop_clause_mappings: editors accept suggestions" on public.sop_clause_mappings
  for update to authenticated using (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]))
  with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));
create policy "sop_clause_mappings: editors unmap and reject" on public.sop_clause_mappings
  for delete to authenticated using (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));

drop policy "sop_gap_analyses: members read" on public.sop_gap_analyses;
drop policy "sop_gap_analyses: editors run" on public.sop_gap_analyses;
create policy "sop_gap_analyses: members read" on public.sop_gap_analyses
  for select to authenticated using (org_id = any ((select private.orgs_where_can('sops.read'))::uuid[]));
create policy "sop_gap_analyses: editors run" on public.sop_gap_analyses
  for insert to authenticated with check (org_id = any ((select private.orgs_where_can('sops.edit'))::uuid[]));

/* ---------------------------------------------------------------- guards, final definitions */

/* profiles: id, email and deleted_at are the server's (20261122000100_profiles.sql). */
create or replace function private.guard_profile_server_columns() returns trigger
  language plpgsql security invoker set search_path = ''
as $$
begin
  if private.is_api_role() then
    if tg_op = 'INSERT' and (new.deleted_at is not null) then
      raise exception 'profiles.deleted_at is set by the server only' using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' and (new.deleted_at is distinct from old.deleted_at
                             or new.email is distinct from old.email
                             or new.id is distinct from old.id) then
      raise exception 'profiles.id, email and deleted_at are set by the server only' using errcode = '42501';
    end if;
  end if;
  new.updated_at := now();
  return new;
end $$;

/* organizations: plan, billing, deletion and creator are the server's (20261123000200_billing.sql). */
create or replace function private.guard_organization_server_columns() returns trigger
  language plpgsql security invoker set search_path = ''
as $$
begin
  if private.is_api_role()
     and (new.plan is distinct from old.plan
          or new.billing_status is distinct from old.billing_status
          or new.current_period_end is distinct from old.current_period_end
          or new.cancel_at_period_end is distinct from old.cancel_at_period_end
          or new.deleted_at is distinct from old.deleted_at
          or new.created_by is distinct from old.created_by
          or new.id is distinct from old.id) then
    raise exception 'organizations.plan, billing columns, deleted_at and created_by are set by the server only' using errcode = '42501';
  end if;
  new.updated_at := now();
  return new;
end $$;

/*
 * memberships (20261204000300_member_department.sql): a membership never moves; granting,
 * changing or removing the role 'owner' needs an owner (a change that keeps the role, such
 * as the department, passes). Invoker, so that private.is_api_role() sees the caller.
 */
create or replace function private.guard_membership_owners() returns trigger
  language plpgsql security invoker set search_path = ''
as $$
declare
  v_org uuid := coalesce(new.org_id, old.org_id);
begin
  if tg_op = 'UPDATE' and (new.org_id <> old.org_id or new.user_id <> old.user_id) then
    raise exception 'a membership cannot move to another organization or user' using errcode = '42501';
  end if;
  -- Nested, so that only an API role ever calls private.has_role (granted to authenticated).
  if private.is_api_role() then
    if ((tg_op = 'DELETE' and old.role = 'owner')
        or (tg_op = 'UPDATE' and new.role is distinct from old.role and (old.role = 'owner' or new.role = 'owner')))
       and not private.has_role(v_org, array['owner']::public.member_role[]) then
      raise exception 'only an owner can grant, change or remove ownership' using errcode = '42501';
    end if;
  end if;
  if tg_op = 'UPDATE' then
    new.updated_at := now();
    return new;
  end if;
  return old;
end $$;

/*
 * For every role, service included: an organization keeps at least one owner. Cascades from
 * deleting the organization or the (purged) user pass. Security definer: it counts owners the
 * caller may not see. Fires after memberships_guard_owners (triggers fire in name order).
 */
create or replace function private.memberships_keep_an_owner() returns trigger
  language plpgsql security definer set search_path = ''
as $$
begin
  if old.role = 'owner'
     and (tg_op = 'DELETE' or new.role <> 'owner')
     and not exists (
       select 1 from public.memberships m
       where m.org_id = old.org_id and m.role = 'owner' and m.id <> old.id
     )
     and exists (select 1 from public.organizations o where o.id = old.org_id)
     and exists (select 1 from auth.users u where u.id = old.user_id) then
    raise exception 'the last owner cannot leave or be demoted; transfer ownership first' using errcode = 'P0001';
  end if;
  if tg_op = 'UPDATE' then
    return new;
  end if;
  return old;
end $$;
revoke all on function private.memberships_keep_an_owner() from public, anon, authenticated;

create trigger memberships_keep_an_owner
  before update or delete on public.memberships
  for each row execute function private.memberships_keep_an_owner();

/* invites: an accepted or revoked invite is final (20261122000400_organizations.sql). */
create or replace function private.guard_invite_columns() returns trigger
  language plpgsql security invoker set search_path = ''
as $$
begin
  if private.is_api_role() then
    if tg_op = 'INSERT' and (new.accepted_at is not null or new.accepted_by is not null or new.revoked_at is not null) then
      raise exception 'a new invite cannot be accepted or revoked already' using errcode = '42501';
    end if;
    if tg_op = 'UPDATE' and (old.accepted_at is not null or old.revoked_at is not null) then
      raise exception 'an accepted or revoked invite cannot change' using errcode = '42501';
    end if;
  end if;
  return new;
end $$;
