/*
 * Sessions' "last active" follows use of the app, not only token refreshes. The per-request
 * check private.current_session_state() (lib/auth/session.ts, one statement per request) also
 * stamps auth.sessions.updated_at, at most once per 5 minutes per session: no extra round
 * trip, and a write only when the stamp is older than that. updated_at is what
 * private.list_my_sessions() shows (with created_at and refreshed_at); Supabase Auth's
 * inactivity timeout reads refreshed_at, so this never lengthens a session.
 */
create or replace function private.current_session_state()
returns table (session_active boolean, email_confirmed boolean, has_verified_factor boolean, account_deleted boolean)
  language plpgsql
  volatile
  security definer
  set search_path = ''
as $$
declare
  sid uuid := nullif((select auth.jwt()) ->> 'session_id', '')::uuid;
  uid uuid := (select auth.uid());
begin
  update auth.sessions s set updated_at = now()
   where s.id = sid and s.user_id = uid and s.updated_at < now() - interval '5 minutes';
  return query select
    exists (select 1 from auth.sessions s where s.id = sid and s.user_id = uid),
    coalesce((select u.email_confirmed_at is not null from auth.users u where u.id = uid), false),
    exists (select 1 from auth.mfa_factors f where f.user_id = uid and f.status = 'verified'),
    coalesce((select p.deleted_at is not null from public.profiles p where p.id = uid), true)
      or coalesce((select u.banned_until > now() from auth.users u where u.id = uid), false);
end $$;

revoke all on function private.current_session_state() from public, anon;
grant execute on function private.current_session_state() to authenticated;
