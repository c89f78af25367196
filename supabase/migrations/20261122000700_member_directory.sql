/*
 * People in the same organization see each other's name and email (member lists, signature
 * blocks, audit trails). Nobody else's profile is visible; removed members and deleted
 * accounts see no one.
 */
create or replace function private.shares_org_with(p_user uuid) returns boolean
  language sql stable security definer set search_path = ''
as $$
  select exists (
    select 1
    from public.memberships mine
    join public.memberships theirs on theirs.org_id = mine.org_id
    join public.profiles me on me.id = mine.user_id and me.deleted_at is null
    where mine.user_id = (select auth.uid()) and theirs.user_id = p_user
  )
$$;
revoke all on function private.shares_org_with(uuid) from public, anon;
grant execute on function private.shares_org_with(uuid) to authenticated;

create policy "profiles: members read the profiles of people in their organizations"
  on public.profiles for select to authenticated
  using (private.shares_org_with(id));
