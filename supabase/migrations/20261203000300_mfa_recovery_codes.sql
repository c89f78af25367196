/*
 * TOTP recovery codes. Owns public.mfa_recovery_codes and the private functions that write it.
 *
 * Invariants:
 *   - Only bcrypt hashes are stored (lib/auth/recovery-codes.ts makes and checks them); the
 *     plain codes are shown once, at enrolment or regeneration, and never kept.
 *   - A user reads only their own rows and only whether each exists and was used: the
 *     code_hash column is not granted to any API role (PostgREST cannot return it). The
 *     server reads the unused hashes of the signed-in user through
 *     private.my_recovery_code_hashes(), which is in no schema the Data API exposes.
 *   - Rows are written only by the functions below (no insert/update/delete grant): a new set
 *     replaces the old one (aal2 sessions only: right after enrolment, or after the settings
 *     page re-checked password and TOTP), and a code is used once (used_at, never cleared).
 *   - Every use and every new set is an audit event in each organization the user belongs to
 *     (a signer's second factor is the organization's business: 21 CFR 11.300).
 */
create table public.mfa_recovery_codes (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id) on delete cascade,
  code_hash text not null check (code_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index mfa_recovery_codes_user_id_idx on public.mfa_recovery_codes (user_id);

alter table public.mfa_recovery_codes enable row level security;
revoke all on table public.mfa_recovery_codes from public, anon, authenticated;
grant select (id, user_id, created_at, used_at) on table public.mfa_recovery_codes to authenticated;

create policy "mfa_recovery_codes: a user sees that their own codes exist"
  on public.mfa_recovery_codes for select to authenticated
  using (user_id = (select auth.uid()));

/* An audit event in every organization of the signed-in user. */
create or replace function private.record_account_event(p_action text, p_data jsonb)
returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare v_org uuid;
begin
  for v_org in select m.org_id from public.memberships m where m.user_id = (select auth.uid()) loop
    perform private.record_event(v_org, p_action, 'users', (select auth.uid())::text, p_data);
  end loop;
end $$;

/* The signed-in user's unused code hashes, for the server to compare a presented code against. */
create or replace function private.my_recovery_code_hashes()
returns table (id uuid, code_hash text)
  language sql stable security definer set search_path = ''
as $$
  select c.id, c.code_hash from public.mfa_recovery_codes c
  where c.user_id = (select auth.uid()) and c.used_at is null
  order by c.created_at, c.id
$$;

/* A new set of codes (bcrypt hashes), replacing every old one. aal2 only. */
create or replace function private.replace_my_recovery_codes(p_hashes text[], p_reason text)
returns integer
  language plpgsql volatile security definer set search_path = ''
as $$
declare uid uuid := (select auth.uid());
begin
  if uid is null or coalesce((select auth.jwt()) ->> 'aal', '') <> 'aal2' then
    raise exception 'recovery codes need a session verified with the authenticator (aal2)' using errcode = '42501';
  end if;
  if coalesce(array_length(p_hashes, 1), 0) <> 10 then
    raise exception 'a set of recovery codes has 10 codes' using errcode = '22023';
  end if;
  if p_reason not in ('enrolled', 'regenerated') then
    raise exception 'unknown reason %', p_reason using errcode = '22023';
  end if;
  delete from public.mfa_recovery_codes where user_id = uid;
  insert into public.mfa_recovery_codes (user_id, code_hash) select uid, h from unnest(p_hashes) h;
  perform private.record_account_event(
    case p_reason when 'enrolled' then 'account.recovery_codes_created' else 'account.recovery_codes_regenerated' end,
    jsonb_build_object('count', 10));
  return 10;
end $$;

/*
 * Mark one of the signed-in user's codes used (the server has just matched its hash). Returns
 * how many remain; null when it was used meanwhile (two tabs, one code), and nothing changes.
 */
create or replace function private.use_my_recovery_code(p_id uuid)
returns integer
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  uid uuid := (select auth.uid());
  v_left integer;
begin
  update public.mfa_recovery_codes set used_at = now()
   where id = p_id and user_id = uid and used_at is null;
  if not found then
    return null;
  end if;
  select count(*) into v_left from public.mfa_recovery_codes where user_id = uid and used_at is null;
  perform private.record_account_event('account.recovery_code_used', jsonb_build_object('remaining', v_left));
  return v_left;
end $$;

revoke all on function private.record_account_event(text, jsonb) from public, anon, authenticated;
revoke all on function private.my_recovery_code_hashes() from public, anon;
revoke all on function private.replace_my_recovery_codes(text[], text) from public, anon;
revoke all on function private.use_my_recovery_code(uuid) from public, anon;
grant execute on function private.my_recovery_code_hashes() to authenticated;
grant execute on function private.replace_my_recovery_codes(text[], text) to authenticated;
grant execute on function private.use_my_recovery_code(uuid) to authenticated;
