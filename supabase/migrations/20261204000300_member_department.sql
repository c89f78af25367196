/*
 * Member departments (issue 15): owners and admins set any member's department, an owner's
 * too. private.guard_membership_owners refused every change by an admin to an owner's row;
 * it now guards ownership only: granting, changing or removing the role 'owner' (and removing
 * an owner) still needs an owner, and the last owner still cannot leave or be demoted. A
 * change that keeps the role (the department) passes. Everything else is as in
 * 20261122000400_organizations.sql.
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
  if v_api and ((tg_op = 'DELETE' and old.role = 'owner')
                or (tg_op = 'UPDATE' and new.role is distinct from old.role and (old.role = 'owner' or new.role = 'owner')))
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
