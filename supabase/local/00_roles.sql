/*
 * What every Supabase database has and a bare Postgres lacks: the API roles and their
 * grants (supabase/postgres init scripts). Applied by `npm run db:migrate` only when the
 * database is not a Supabase project. Idempotent: roles are cluster-wide, so a second
 * database on the same server finds them already there.
 */
do $$
declare r text;
begin
  foreach r in array array['anon', 'authenticated', 'service_role'] loop
    begin
      execute format('create role %I nologin noinherit', r);
    exception when duplicate_object or unique_violation then null;
    end;
  end loop;
end $$;

alter role anon inherit;
alter role authenticated inherit;
alter role service_role inherit bypassrls;

-- Supabase grants the API roles to the connecting role so it can `set role` to them.
do $$
begin
  execute format('grant anon, authenticated, service_role to %I', current_user);
exception when others then null;
end $$;

create schema if not exists extensions;
grant usage on schema public, extensions to anon, authenticated, service_role;

-- Supabase's default privileges in public: everything to the API roles. Migrations then
-- revoke and grant table by table, as they must on hosted Supabase too.
alter default privileges in schema public grant all on tables to anon, authenticated, service_role;
alter default privileges in schema public grant all on functions to anon, authenticated, service_role;
alter default privileges in schema public grant all on sequences to anon, authenticated, service_role;
