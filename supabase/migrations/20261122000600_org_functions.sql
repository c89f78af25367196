/*
 * The three ways membership changes outside plain RLS-checked updates:
 *   create_organization  — any confirmed user; creates the org and makes them its owner;
 *   accept_invite        — the invited person only (email bound), once, before expiry;
 *   transfer_ownership   — an owner hands ownership to another member and becomes admin.
 * Each runs as one transaction (the caller's) and leaves audit events through the triggers.
 */

create or replace function private.create_organization(p_name text, p_slug text)
returns public.organizations
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_org public.organizations;
begin
  if v_uid is null or not exists (
    select 1 from public.profiles p join auth.users u on u.id = p.id
    where p.id = v_uid and p.deleted_at is null and u.email_confirmed_at is not null
  ) then
    raise exception 'a confirmed account is required to create an organization' using errcode = '42501';
  end if;
  if (select count(*) from public.organizations o where o.created_by = v_uid and o.created_at > now() - interval '1 day') >= 10 then
    raise exception 'too many organizations created today' using errcode = 'P0001';
  end if;
  insert into public.organizations (name, slug, created_by) values (p_name, p_slug, v_uid) returning * into v_org;
  insert into public.memberships (org_id, user_id, role) values (v_org.id, v_uid, 'owner');
  return v_org;
end $$;

/*
 * p_invite_id and p_token_hash both come from the link; the application has already
 * compared the hash in constant time. Returns the org id joined.
 */
create or replace function private.accept_invite(p_invite_id uuid, p_token_hash text)
returns uuid
  language plpgsql volatile security definer set search_path = ''
as $$
declare
  v_uid uuid := (select auth.uid());
  v_email text := lower(coalesce((select auth.email()), ''));
  v_inv public.invites;
begin
  select * into v_inv from public.invites i where i.id = p_invite_id for update;
  if not found or v_inv.token_hash <> p_token_hash then
    raise exception 'invite_invalid' using errcode = 'P0001';
  end if;
  if v_inv.revoked_at is not null or v_inv.accepted_at is not null then
    raise exception 'invite_used' using errcode = 'P0001';
  end if;
  if v_inv.expires_at <= now() then
    raise exception 'invite_expired' using errcode = 'P0001';
  end if;
  if v_uid is null or v_inv.email <> v_email then
    raise exception 'invite_wrong_account' using errcode = 'P0001';
  end if;
  if exists (select 1 from public.memberships m where m.org_id = v_inv.org_id and m.user_id = v_uid) then
    update public.invites set accepted_at = now(), accepted_by = v_uid where id = v_inv.id;
    return v_inv.org_id;
  end if;
  insert into public.memberships (org_id, user_id, role) values (v_inv.org_id, v_uid, v_inv.role);
  update public.invites set accepted_at = now(), accepted_by = v_uid where id = v_inv.id;
  return v_inv.org_id;
end $$;

/* What an invite link shows before accepting: the org name and role, nothing else. */
create or replace function private.invite_preview(p_invite_id uuid)
returns table (org_name text, org_slug text, role public.member_role, email text, token_hash text, expires_at timestamptz, accepted_at timestamptz, revoked_at timestamptz)
  language sql stable security definer set search_path = ''
as $$
  select o.name, o.slug, i.role, i.email, i.token_hash, i.expires_at, i.accepted_at, i.revoked_at
  from public.invites i join public.organizations o on o.id = i.org_id
  where i.id = p_invite_id
$$;

create or replace function private.transfer_ownership(p_org uuid, p_to_user uuid)
returns void
  language plpgsql volatile security definer set search_path = ''
as $$
declare v_uid uuid := (select auth.uid());
begin
  if not private.has_role(p_org, array['owner']::public.member_role[]) then
    raise exception 'only an owner can transfer ownership' using errcode = '42501';
  end if;
  if p_to_user = v_uid then
    return;
  end if;
  update public.memberships set role = 'owner' where org_id = p_org and user_id = p_to_user;
  if not found then
    raise exception 'the new owner must already be a member' using errcode = 'P0001';
  end if;
  update public.memberships set role = 'admin' where org_id = p_org and user_id = v_uid;
  perform private.record_event(p_org, 'org.ownership_transferred', 'memberships', p_to_user::text,
    jsonb_build_object('from', v_uid, 'to', p_to_user));
end $$;

revoke all on function private.create_organization(text, text) from public, anon;
revoke all on function private.accept_invite(uuid, text) from public, anon;
revoke all on function private.invite_preview(uuid) from public, anon;
revoke all on function private.transfer_ownership(uuid, uuid) from public, anon;
grant execute on function private.create_organization(text, text) to authenticated;
grant execute on function private.accept_invite(uuid, text) to authenticated;
grant execute on function private.invite_preview(uuid) to authenticated;
grant execute on function private.transfer_ownership(uuid, uuid) to authenticated;
