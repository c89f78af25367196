/*
 * profiles: one row per auth.users row, the app's view of a person (display name, email
 * copy for member lists, soft-delete marker). The first table on the RLS data path:
 *   - RLS on, every default privilege revoked, then the few grants the app needs;
 *   - one named policy per operation, auth.uid() wrapped as (select auth.uid()) so Postgres
 *     evaluates it once per statement (Supabase lint 0003);
 *   - deleted_at and email are written by the server only (trigger below).
 */
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;

create table public.profiles (
  id uuid primary key references auth.users (id) on delete cascade,
  email text not null default '',
  full_name text not null default '' check (char_length(full_name) <= 200),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz
);
comment on table public.profiles is 'One row per auth user; users see and edit only their own.';

alter table public.profiles enable row level security;
revoke all on table public.profiles from anon, authenticated, public;
grant select, insert on table public.profiles to authenticated;
grant update (full_name) on table public.profiles to authenticated;
grant all on table public.profiles to service_role;

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
-- No delete policy: rows go with their auth user (cascade) or the purge job.

/* Server-only columns: an API role may not set them, whatever the grants say. */
create or replace function private.guard_profile_server_columns() returns trigger
  language plpgsql
  set search_path = ''
as $$
begin
  if current_user in ('authenticated', 'anon') then
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

create trigger profiles_guard_server_columns
  before insert or update on public.profiles
  for each row execute function private.guard_profile_server_columns();

/* A profile for every new auth user, as Supabase's handle_new_user pattern. */
create or replace function private.handle_new_user() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  insert into public.profiles (id, email, full_name)
  values (new.id, coalesce(new.email, ''), coalesce(new.raw_user_meta_data ->> 'full_name', ''))
  on conflict (id) do nothing;
  return new;
end $$;
revoke all on function private.handle_new_user() from public, anon, authenticated;

create trigger on_auth_user_created
  after insert on auth.users
  for each row execute function private.handle_new_user();

/* Keep the email copy in step when the auth email changes. */
create or replace function private.handle_user_email_change() returns trigger
  language plpgsql
  security definer
  set search_path = ''
as $$
begin
  update public.profiles set email = coalesce(new.email, '') where id = new.id;
  return new;
end $$;
revoke all on function private.handle_user_email_change() from public, anon, authenticated;

create trigger on_auth_user_email_changed
  after update of email on auth.users
  for each row when (old.email is distinct from new.email)
  execute function private.handle_user_email_change();
