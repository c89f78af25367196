/*
 * Account and session self-service, for the signed-in user only. Supabase Auth has no API to
 * list or revoke one session, and the app must know on every request whether the session in
 * a (still unexpired) access token was revoked, whether MFA is enrolled and whether the
 * account was deleted. These security definer functions read the auth schema for
 * auth.uid() alone; they work the same on hosted Supabase and on the embedded emulator.
 */

create or replace function private.current_session_state()
returns table (session_active boolean, email_confirmed boolean, has_verified_factor boolean, account_deleted boolean)
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select
    exists (
      select 1 from auth.sessions s
      where s.id = nullif((select auth.jwt()) ->> 'session_id', '')::uuid
        and s.user_id = (select auth.uid())
    ),
    coalesce((select u.email_confirmed_at is not null from auth.users u where u.id = (select auth.uid())), false),
    exists (
      select 1 from auth.mfa_factors f
      where f.user_id = (select auth.uid()) and f.status = 'verified'
    ),
    coalesce(
      (select p.deleted_at is not null from public.profiles p where p.id = (select auth.uid())),
      true
    ) or coalesce((select u.banned_until > now() from auth.users u where u.id = (select auth.uid())), false)
$$;

create or replace function private.list_my_sessions()
returns table (id uuid, created_at timestamptz, last_active_at timestamptz, user_agent text, ip text, aal text, is_current boolean)
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select s.id,
         s.created_at,
         greatest(s.created_at, s.updated_at, (s.refreshed_at at time zone 'UTC')) as last_active_at,
         coalesce(s.user_agent, ''),
         coalesce(host(s.ip), ''),
         s.aal::text,
         s.id = nullif((select auth.jwt()) ->> 'session_id', '')::uuid
  from auth.sessions s
  where s.user_id = (select auth.uid())
  order by 3 desc
$$;

create or replace function private.revoke_my_session(p_session_id uuid)
returns boolean
  language sql
  volatile
  security definer
  set search_path = ''
as $$
  with gone as (
    delete from auth.sessions s
    where s.id = p_session_id and s.user_id = (select auth.uid())
    returning 1
  )
  select exists (select 1 from gone)
$$;

/*
 * Delete my account: unusable at once (banned, every session gone, profile marked deleted);
 * `npm run jobs:purge` removes it for good after 30 days.
 */
create or replace function private.delete_my_account()
returns void
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare uid uuid := (select auth.uid());
begin
  if uid is null then
    raise exception 'not signed in' using errcode = '42501';
  end if;
  update public.profiles set deleted_at = now() where id = uid and deleted_at is null;
  update auth.users set banned_until = 'infinity'::timestamptz, updated_at = now() where id = uid;
  delete from auth.sessions where user_id = uid;
end $$;

revoke all on function private.current_session_state() from public, anon;
revoke all on function private.list_my_sessions() from public, anon;
revoke all on function private.revoke_my_session(uuid) from public, anon;
revoke all on function private.delete_my_account() from public, anon;
grant execute on function private.current_session_state() to authenticated;
grant execute on function private.list_my_sessions() to authenticated;
grant execute on function private.revoke_my_session(uuid) to authenticated;
grant execute on function private.delete_my_account() to authenticated;

/* The user's verified TOTP factor, if any (for the Security page). */
create or replace function private.my_verified_factor()
returns table (id uuid, friendly_name text, created_at timestamptz)
  language sql
  stable
  security definer
  set search_path = ''
as $$
  select f.id, coalesce(f.friendly_name, ''), f.created_at
  from auth.mfa_factors f
  where f.user_id = (select auth.uid()) and f.status = 'verified' and f.factor_type = 'totp'
  order by f.created_at
  limit 1
$$;
revoke all on function private.my_verified_factor() from public, anon;
grant execute on function private.my_verified_factor() to authenticated;
